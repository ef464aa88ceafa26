package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scoring is a pure function of measurements, tolerances, weights and the verdict: tested here without any data set. */
class ScoringTest {
    private static final AeConfig.Tolerances TOLERANCES = new AeConfig.Tolerances(null, null, null, null, null);
    private static final AeConfig.Weights WEIGHTS = new AeConfig.Weights(null, null, null, null);
    private static final VerdictOutcome RIGHT = said("yes", "Yes.");

    /** The outcome of an answer's text for a question whose right verdict is {@code expected}. */
    private static VerdictOutcome said(String expected, String text) {
        return VerdictOutcome.of(Optional.of(new AeConfig.VerdictQuestion("is it?", expected, null)), text);
    }

    /** A pair measured with the given loss gap, encoder gap, largest angle and eigenvalue error (L* = 3). */
    private static Measurement measured(double lossGap, double encoderGap, double angle, double eigenvalueError) {
        double optimum = 3;
        double loss = optimum * (1 + lossGap);
        return new Measurement(loss, optimum, lossGap, loss - encoderGap * optimum, encoderGap, angle,
                new double[]{0.99 + eigenvalueError}, new double[]{0.99}, eigenvalueError);
    }

    @Test
    void theOptimumWithTheRightVerdictEarnsEverything() {
        Scoring.Score s = Scoring.of(measured(1e-12, 0, 1e-6, 1e-9), TOLERANCES, WEIGHTS, RIGHT);
        assertThat(s.value()).isEqualTo(1.0, within(1e-12));
        assertThat(s.notes()).containsExactly("SUBSPACE_OK", "ORTHONORMAL_OK");
        assertThat(s.checks()).isEqualTo(new Scoring.Checks(true, true, true, true));
    }

    @Test
    void eachCheckEarnsItsOwnWeightOverTheTotal() {
        AeConfig.Weights w = new AeConfig.Weights(1.0, 2.0, 3.0, 4.0);
        // loss off (gap 1 %), encoder still goes with the decoder, subspace and eigenvalues right: 1 + 3 + 4 of 10
        assertThat(Scoring.of(measured(0.01, 0.001, 0.1, 0.001), TOLERANCES, w, RIGHT).value()).isEqualTo(0.8, within(1e-12));
        // subspace off by 3° (tolerance 2°): 2 + 3 + 4 of 10
        assertThat(Scoring.of(measured(0, 0, 3, 0.001), TOLERANCES, w, RIGHT).value()).isEqualTo(0.9, within(1e-12));
        // eigenvalues off by 0.05 (tolerance 0.02) and the verdict wrong: 1 + 2 of 10
        Scoring.Score s = Scoring.of(measured(0, 0, 0.1, 0.05), TOLERANCES, w, said("yes", "No."));
        assertThat(s.value()).isEqualTo(0.3, within(1e-12));
        assertThat(s.notes()).containsExactly("SUBSPACE_OK", "NOT_ORTHONORMAL", "VERDICT_WRONG");
    }

    @Test
    void theDecodersChecksEarnNothingWithoutTheEncoderThatGoesWithIt() {
        // W2 right on its own (subspace, eigenvalues), but the pair is 30 % of L* above the best encoder for it
        Scoring.Score s = Scoring.of(measured(0.9, 0.30, 0.1, 0.001), TOLERANCES, WEIGHTS, RIGHT);
        assertThat(s.value()).as("the verdict's share only").isEqualTo(0.2, within(1e-12));
        assertThat(s.notes()).containsExactly("SUBSPACE_OK", "LOSS_GAP", "DOES_NOT_RECONSTRUCT", "ORTHONORMAL_OK");
        // at the encoder tolerance exactly, the pair goes together
        assertThat(Scoring.of(measured(0.9, 0.25, 0.1, 0.001), TOLERANCES, WEIGHTS, RIGHT).value()).isEqualTo(0.8, within(1e-12));
        // a loss at the optimum's reconstructs whatever the encoder gap says (rounding at L*)
        assertThat(Scoring.of(measured(0, 0.5, 0.1, 0.001), TOLERANCES, WEIGHTS, RIGHT).checks().reconstructs()).isTrue();
    }

    @Test
    void tolerancesComeFromTheQuestion() {
        AeConfig.Tolerances loose = new AeConfig.Tolerances(0.05, 5.0, 0.1, 1.0, null);
        Scoring.Score s = Scoring.of(measured(0.04, 0.9, 4.9, 0.09), loose, WEIGHTS, RIGHT);
        assertThat(s.checks()).isEqualTo(new Scoring.Checks(true, true, true, true));
        assertThat(s.value()).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void notMeasurableNumbersPassNoCheck() {
        // weights of 1e200: the loss and the eigenvalues overflow, so the gaps are NaN or infinite
        Scoring.Score s = Scoring.of(measured(Double.POSITIVE_INFINITY, Double.NaN, 90, Double.NaN), TOLERANCES, WEIGHTS, RIGHT);
        assertThat(s.checks()).isEqualTo(new Scoring.Checks(false, false, false, false));
        assertThat(s.value()).isEqualTo(0.2, within(1e-12));
    }

    @Test
    void anUnclearOrMissingVerdictEarnsNothingAndSaysWhy() {
        Measurement optimum = measured(0, 0, 0, 0);
        assertThat(Scoring.of(optimum, TOLERANCES, WEIGHTS, said("yes", "yes or no")).notes())
                .endsWith("VERDICT_WRONG", "VERDICT_UNCLEAR");
        Scoring.Score missing = Scoring.of(optimum, TOLERANCES, WEIGHTS, said("yes", "The penalty balances them."));
        assertThat(missing.notes()).endsWith("VERDICT_WRONG", "VERDICT_MISSING");
        assertThat(missing.value()).isEqualTo(0.8, within(1e-12));
        assertThat(Scoring.of(optimum, TOLERANCES, WEIGHTS, said("no", "No.")).value()).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void aDivergedTrainingEarnsTheVerdictsShareAtMost() {
        assertThat(Scoring.diverged(WEIGHTS, RIGHT).value()).isEqualTo(0.2, within(1e-12));
        Scoring.Score wrong = Scoring.diverged(WEIGHTS, said("yes", "no"));
        assertThat(wrong.value()).isZero();
        assertThat(wrong.notes()).containsExactly("TRAINING_DIVERGED", "LOSS_GAP", "VERDICT_WRONG");
    }

    @Test
    void allWeightsZeroScoresZeroRatherThanNaN() {
        AeConfig.Weights none = new AeConfig.Weights(0.0, 0.0, 0.0, 0.0);
        assertThat(Scoring.of(measured(0, 0, 0, 0), TOLERANCES, none, RIGHT).value()).isZero();
        assertThat(Scoring.diverged(none, RIGHT).value()).isZero();
    }

    @Test
    void withoutAVerdictQuestionTheOtherChecksShareTheWholeScore() {
        VerdictOutcome none = VerdictOutcome.of(Optional.empty(), "No, and maybe.");
        Scoring.Score optimum = Scoring.of(measured(0, 0, 0, 0), TOLERANCES, WEIGHTS, none);
        assertThat(optimum.value()).as("not 0.8: the verdict's weight is not counted").isEqualTo(1.0, within(1e-12));
        assertThat(optimum.notes()).containsExactly("SUBSPACE_OK", "ORTHONORMAL_OK");
        // W2 = U_kA with its own encoder (λ = 0): the subspace's 0.3 of 0.8, where with a right verdict it is 0.5 of 1
        Scoring.Score unbalanced = Scoring.of(measured(0.5, 0.001, 0.1, 0.3), TOLERANCES, WEIGHTS, none);
        assertThat(unbalanced.value()).isEqualTo(0.375, within(1e-12));
        assertThat(Scoring.of(measured(0.5, 0.001, 0.1, 0.3), TOLERANCES, WEIGHTS, RIGHT).value()).isEqualTo(0.5, within(1e-12));
        // a diverged training earns nothing, and the notes never speak of a verdict
        Scoring.Score diverged = Scoring.diverged(WEIGHTS, none);
        assertThat(diverged.value()).isZero();
        assertThat(diverged.notes()).containsExactly("TRAINING_DIVERGED", "LOSS_GAP");
    }
}
