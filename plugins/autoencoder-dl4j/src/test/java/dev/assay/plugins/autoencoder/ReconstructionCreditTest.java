package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The subspace and the eigenvalues are facts about W2 alone: a pair earns them only when W1 and W2 together
 * reconstruct, so a right decoder with a wrong encoder cannot earn most of the score.
 */
class ReconstructionCreditTest {
    private static ClosedForm optimum;

    static synchronized ClosedForm optimum() {
        if (optimum == null) {
            optimum = new ClosedForm(DataSet.generate(AutoencoderPluginTest.HW7.data().generate()), 0.1, 5);
        }
        return optimum;
    }

    static GradingRequest<AeConfig> request(String text, DMatrixRMaj w1, DMatrixRMaj w2) {
        return new GradingRequest<>("hw7/8b-orthonormal", AutoencoderPluginTest.HW7, "", new Answer(text, List.of(
                new Attachment("W1.npy", "application/x-npy", Npy.write(w1)),
                new Attachment("W2.npy", "application/x-npy", Npy.write(w2)))),
                new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE));
    }

    private static Grade grade(DMatrixRMaj w1, DMatrixRMaj w2) throws InterruptedException {
        return AutoencoderPluginTest.SHARED.grade(request("Yes.", w1, w2));
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double c) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.scale(c, out);
        return out;
    }

    private static double relativeGap(DMatrixRMaj w1, DMatrixRMaj w2) {
        return (optimum().loss(w1, w2) - optimum().loss) / optimum().loss;
    }

    @Test
    void theOptimumEarnsEverything() throws Exception {
        Grade g = grade(optimum().w1, optimum().w2);
        assertThat(g.score()).isEqualTo(1.0, within(1e-12));
        assertThat(g.notes()).doesNotContain("DOES_NOT_RECONSTRUCT");
    }

    @Test
    void aZeroEncoderWithTheOptimalDecoderEarnsOnlyTheVerdict() throws Exception {
        Grade g = grade(new DMatrixRMaj(5, 20), optimum().w2);
        assertThat(g.score()).isEqualTo(0.2, within(1e-12)); // was 0.8: subspace and eigenvalues of W2 alone
        assertThat(g.notes()).contains("DOES_NOT_RECONSTRUCT", "LOSS_GAP", "SUBSPACE_OK", "ORTHONORMAL_OK");
        String said = g.feedback().get(0).markdown();
        assertThat(said).contains("Your W1 is all zeros").contains("earns credit only together with the encoder");
    }

    @Test
    void eachKindOfWrongEncoderIsNamed() throws Exception {
        DMatrixRMaj reshaped = new DMatrixRMaj(5, 20);
        System.arraycopy(optimum().w2.data, 0, reshaped.data, 0, 100);
        assertThat(grade(reshaped, optimum().w2).feedback().get(0).markdown()).contains("reshaped to 5×20");
        assertThat(grade(scaled(optimum().w1, 2), optimum().w2).feedback().get(0).markdown())
                .contains("Your W1 is $W_2^\\top$ multiplied by 2");
        assertThat(grade(scaled(optimum().w1, -1), optimum().w2).feedback().get(0).markdown()).contains("multiplied by -1");
    }

    /**
     * Whatever the encoder (W2ᵀ rescaled, plus noise of any size, or nothing), with the optimal decoder: a pair whose
     * loss is more than twice L* never earns more than half of the score, and one within the loss tolerance earns it all.
     */
    @Property(tries = 300)
    void aPairFarFromTheOptimumNeverEarnsMostOfTheScore(@ForAll @DoubleRange(min = -3, max = 3) double scale,
                                                        @ForAll @DoubleRange(min = 0, max = 2) double noise,
                                                        @ForAll long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj w1 = scaled(optimum().w1, scale);
        for (int i = 0; i < w1.data.length; i++) {
            w1.data[i] += noise * 0.3 * (random.nextDouble() * 2 - 1);
        }
        double gap = relativeGap(w1, optimum().w2);
        Grade g = grade(w1, optimum().w2);
        if (gap > 1.1) {
            assertThat(g.score()).as("gap %.3f", gap).isLessThanOrEqualTo(0.5);
            assertThat(g.notes()).contains("DOES_NOT_RECONSTRUCT");
        }
        if (gap <= 1e-3) {
            assertThat(g.score()).isEqualTo(1.0, within(1e-12));
        }
    }

    @Test
    void weightsTooLargeForTheArithmeticAreGradedNeverAPluginFailure() throws Exception {
        DMatrixRMaj w1 = scaled(optimum().w1, 1e200);
        DMatrixRMaj w2 = scaled(optimum().w2, 1e200); // W2ᵀW2 and the loss overflow to infinity
        Grade g = grade(w1, w2);
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.notes()).contains("DOES_NOT_RECONSTRUCT", "NOT_ORTHONORMAL");
        assertThat(g.score()).isLessThanOrEqualTo(0.2);
    }

    @Test
    void aSetupThatDivergesIsGradedWithTheReason() throws Exception {
        byte[] setup = "optimizer: SGD\nlr: 1.0e6\nweight_decay: 0.01\nepochs: 300\n".getBytes();
        Grade g = AutoencoderPluginTest.SHARED.grade(new GradingRequest<>("hw7/8b-orthonormal", AutoencoderPluginTest.HW7, "",
                new Answer("Yes.", List.of(new Attachment("setup.yaml", "application/yaml", setup))),
                new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE)));
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.score()).isLessThanOrEqualTo(0.2);
        assertThat(g.notes()).contains("TRAINING_DIVERGED");
        assertThat(g.feedback().get(0).markdown()).contains("diverged").contains("smaller learning rate");
    }

    @Test
    void aDecoderWithoutWeightDecayKeepsItsSubspaceCredit() throws Exception {
        // W2 = U_k A, W1 = A⁻¹U_kᵀ reconstructs perfectly; only the penalty is off (its loss is 50 % above L*)
        DMatrixRMaj a = CommonOps_DDRM.diag(2, 1, 0.5, 1.5, 0.8);
        DMatrixRMaj w2 = new DMatrixRMaj(20, 5);
        CommonOps_DDRM.mult(optimum().uk, a, w2);
        DMatrixRMaj aInverse = a.copy();
        CommonOps_DDRM.invert(aInverse);
        DMatrixRMaj w1 = new DMatrixRMaj(5, 20);
        CommonOps_DDRM.multTransB(aInverse, optimum().uk, w1);
        Grade g = grade(w1, w2);
        assertThat(g.notes()).contains("SUBSPACE_OK", "NOT_ORTHONORMAL", "LOSS_GAP").doesNotContain("DOES_NOT_RECONSTRUCT");
        assertThat(g.score()).isEqualTo(0.5, within(1e-12));
    }
}
