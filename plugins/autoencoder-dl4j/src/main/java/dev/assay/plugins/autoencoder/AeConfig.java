package dev.assay.plugins.autoencoder;

import dev.assay.api.Doc;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/**
 * A linear-autoencoder question: its data set, λ, k, the yes/no question its answer may have to settle, tolerances,
 * and what each check is worth.
 */
public record AeConfig(
        @Doc("the data set: generated from a seed, or a CSV file in the pack") @Valid @NotNull Data data,
        @Doc("weight decay λ of Eq. 6") @NotNull @DecimalMin("0") Double lambda,
        @Doc("bottleneck width k") @NotNull @Min(1) @Max(256) Integer k,
        @Doc(value = "a yes/no question the answer's text must settle beside the weights, its right answer, and what "
                + "the numbers show about it", defaultValue = "none: the weights alone are graded")
        @Valid VerdictQuestion verdict,
        @Doc("how close is close enough") @Valid Tolerances tolerances,
        @Doc(value = "the share of the score each check carries; without a verdict question its share is not counted, so the "
                + "other checks share the whole score", defaultValue = "subspace 0.3, loss 0.2, orthonormal 0.3, verdict 0.2")
        @Valid Weights checks,
        @Doc(value = "time budget of one training job (the reference, or a student's setup), in seconds", defaultValue = "60")
        @Min(1) @Max(180) Integer trainingBudgetSeconds,
        @Doc("the old name of verdict.expected, from before the question was configurable: still read when verdict is left "
                + "out, with a warning") String expectedVerdict) {

    public AeConfig {
        tolerances = tolerances == null ? new Tolerances(null, null, null, null, null) : tolerances;
        checks = checks == null ? new Weights(null, null, null, null) : checks;
        trainingBudgetSeconds = trainingBudgetSeconds == null ? 60 : trainingBudgetSeconds;
    }

    /**
     * The yes/no question the answer must settle, if there is one: {@code verdict}, or for a configuration written
     * before it, {@code expectedVerdict} alone (a right answer without the question's wording).
     */
    Optional<VerdictQuestion> askedVerdict() {
        if (verdict != null) {
            return Optional.of(verdict);
        }
        return expectedVerdict == null ? Optional.empty() : Optional.of(new VerdictQuestion(null, expectedVerdict, null));
    }

    /** The time one training job may take. */
    java.time.Duration trainingBudget() {
        return java.time.Duration.ofSeconds(trainingBudgetSeconds);
    }

    /**
     * A yes/no question about what the weights show (hw7 8.b: does weight decay bias the decoder toward orthonormal
     * columns?). The answer's text must give one clear verdict; a hedge earns nothing.
     */
    public record VerdictQuestion(
            @Doc(value = "the question, as the feedback asks it after \"Say yes or no: \" when an answer gives no verdict",
                    example = "does weight decay bias the decoder toward orthonormal columns?") @NotBlank String question,
            @Doc("the right answer: yes or no") @NotBlank String expected,
            @Doc(value = "what the eigenvalues show about the answer, under the figure of the student's eigenvalues",
                    defaultValue = "a sentence saying where the optimum's eigenvalues lie") String explanation) {
    }

    public record Data(@Valid Generate generate, String csv) {
    }

    /** m×n data whose covariance has the given leading eigenvalues (the rest small), from a seed. */
    public record Generate(@NotNull @Min(2) @Max(2048) Integer m, @NotNull @Min(2) @Max(100_000) Integer n,
                           @Min(1) Integer k, @NotNull Long seed, @NotEmpty List<@NotNull @DecimalMin("0") Double> spectrum) {
    }

    /**
     * @param encoderGap     how far the pair's loss may lie above the least loss any encoder reaches with the student's
     *                       decoder, as a share of L*, for W1 and W2 to count as trained together; only then do the checks
     *                       of the decoder alone (subspace, orthonormal columns) earn credit. With the optimal W2 this is
     *                       the loss gap itself: a zero, random, rescaled (0.7·W2ᵀ) or reshaped W1 is far above it, and an
     *                       optimum found without weight decay (W2 = U_kA, W1 = A⁻¹U_kᵀ), or with another λ, is within it
     * @param reconstruction no longer read: the share of the loss reduction from tr C down to L* that a pair had to reach,
     *                       a bar so far from L* that a W1 of 0.7·W2ᵀ (twice the optimal loss) passed it; replaced by
     *                       {@code encoderGap}, and still accepted so that configurations stored with it load
     */
    public record Tolerances(@DecimalMin("0") Double lossGap, @DecimalMin("0") Double principalAngleDegrees,
                             @DecimalMin("0") Double eigenvalue,
                             @Doc(value = "how far above the least loss reachable with the student's W2 the pair's loss may lie, "
                                     + "as a share of L*, for W2's subspace and eigenvalues to earn credit", defaultValue = "0.25")
                             @DecimalMin("0") Double encoderGap,
                             @Doc("no longer read: replaced by encoderGap") @DecimalMin("0") @DecimalMax("1") Double reconstruction) {
        public Tolerances {
            lossGap = lossGap == null ? 1e-3 : lossGap;
            principalAngleDegrees = principalAngleDegrees == null ? 2.0 : principalAngleDegrees;
            eigenvalue = eigenvalue == null ? 0.02 : eigenvalue;
            encoderGap = encoderGap == null ? 0.25 : encoderGap;
        }
    }

    /** The weight of each check; the verdict's counts only when the question asks one. */
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
