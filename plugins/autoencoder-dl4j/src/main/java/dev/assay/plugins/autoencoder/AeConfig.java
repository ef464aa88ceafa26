package dev.assay.plugins.autoencoder;

import dev.assay.api.Doc;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A linear-autoencoder question: its data set, λ, k, tolerances, and what each check is worth. */
public record AeConfig(
        @Doc("the data set: generated from a seed, or a CSV file in the pack") @Valid @NotNull Data data,
        @Doc("weight decay λ of Eq. 6") @NotNull @DecimalMin("0") Double lambda,
        @Doc("bottleneck width k") @NotNull @Min(1) @Max(256) Integer k,
        @Doc("the right verdict on the bias toward orthonormal columns: yes or no") String expectedVerdict,
        @Doc("how close is close enough") @Valid Tolerances tolerances,
        @Doc(value = "the share of the score each check carries", defaultValue = "subspace 0.3, loss 0.2, orthonormal 0.3, verdict 0.2")
        @Valid Weights checks,
        @Doc(value = "time budget of one training job (the reference, or a student's setup), in seconds", defaultValue = "60")
        @Min(1) @Max(180) Integer trainingBudgetSeconds) {

    public AeConfig {
        tolerances = tolerances == null ? new Tolerances(null, null, null, null) : tolerances;
        checks = checks == null ? new Weights(null, null, null, null) : checks;
        expectedVerdict = expectedVerdict == null ? "yes" : expectedVerdict;
        trainingBudgetSeconds = trainingBudgetSeconds == null ? 60 : trainingBudgetSeconds;
    }

    public record Data(@Valid Generate generate, String csv) {
    }

    /** m×n data whose covariance has the given leading eigenvalues (the rest small), from a seed. */
    public record Generate(@NotNull @Min(2) @Max(2048) Integer m, @NotNull @Min(2) @Max(100_000) Integer n,
                           @Min(1) Integer k, @NotNull Long seed, @NotEmpty List<@NotNull @DecimalMin("0") Double> spectrum) {
    }

    /**
     * @param reconstruction how much of the optimum's loss reduction, from W = 0 (where the loss is tr C) down to L*,
     *                       the pair W1, W2 must achieve before the checks of the decoder alone (subspace, orthonormal
     *                       columns) earn credit: a right W2 with a zero, random, rescaled or reshaped W1 does not
     *                       reconstruct, and must not earn most of the score
     */
    public record Tolerances(@DecimalMin("0") Double lossGap, @DecimalMin("0") Double principalAngleDegrees,
                             @DecimalMin("0") Double eigenvalue, @DecimalMin("0") @DecimalMax("1") Double reconstruction) {
        public Tolerances {
            lossGap = lossGap == null ? 1e-3 : lossGap;
            principalAngleDegrees = principalAngleDegrees == null ? 2.0 : principalAngleDegrees;
            eigenvalue = eigenvalue == null ? 0.02 : eigenvalue;
            reconstruction = reconstruction == null ? 0.9 : reconstruction;
        }
    }

    public record Weights(@DecimalMin("0") Double subspace, @DecimalMin("0") Double loss, @DecimalMin("0") Double orthonormal,
                          @DecimalMin("0") Double verdict) {
        public Weights {
            subspace = subspace == null ? 0.3 : subspace;
            loss = loss == null ? 0.2 : loss;
            orthonormal = orthonormal == null ? 0.3 : orthonormal;
            verdict = verdict == null ? 0.2 : verdict;
        }
    }
}
