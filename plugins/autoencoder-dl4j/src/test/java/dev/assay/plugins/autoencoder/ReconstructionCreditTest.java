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
import net.jqwik.api.Assume;
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

    @Test
    void anEncoderScaledDownToTwiceTheOptimalLossEarnsOnlyTheVerdict() throws Exception {
        // W1 = 0.7·W2*ᵀ: its loss is 98.6 % above L*, yet it reached 91 % of the way from tr C to L* and earned 0.8
        Grade g = grade(scaled(optimum().w1, 0.7), optimum().w2);
        assertThat(relativeGap(scaled(optimum().w1, 0.7), optimum().w2)).isGreaterThan(0.98);
        assertThat(g.score()).isEqualTo(0.2, within(1e-12));
        assertThat(g.notes()).contains("DOES_NOT_RECONSTRUCT", "LOSS_GAP");
        assertThat(g.feedback().get(0).markdown()).contains("Your W1 is $W_2^\\top$ multiplied by 0.7")
                .contains("your W1 reaches").contains("more by 98.6 %").contains("within 25.0 %");
    }

    /**
     * With the optimal decoder, the pair's loss is a quadratic in W1 with its minimum at W1* = W2*ᵀ, so a random direction
     * E (a rescaling of W1* plus noise) stretched to any wanted loss gap g gives W1 = W1* + tE with exactly that gap.
     * Within the loss tolerance the pair earns everything; up to 25 % of L* above it, everything but the loss's share;
     * beyond, however little beyond, the verdict's share only.
     */
    @Property(tries = 300)
    void theDecodersCreditStopsAtASmallLossGap(@ForAll @DoubleRange(min = 0, max = 2) double wantedGap,
                                               @ForAll @DoubleRange(min = -1, max = 1) double rescaling,
                                               @ForAll @DoubleRange(min = 0, max = 1) double noise,
                                               @ForAll long seed) throws Exception {
        Assume.that(Math.abs(wantedGap - 0.25) > 1e-6 && Math.abs(wantedGap - 1e-3) > 1e-9);
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj direction = scaled(optimum().w1, rescaling);
        for (int i = 0; i < direction.data.length; i++) {
            direction.data[i] += noise * (random.nextDouble() * 2 - 1);
        }
        DMatrixRMaj oneStep = optimum().w1.copy();
        CommonOps_DDRM.addEquals(oneStep, direction);
        double gapOfOneStep = relativeGap(oneStep, optimum().w2);
        Assume.that(gapOfOneStep > 1e-9);
        DMatrixRMaj w1 = optimum().w1.copy();
        CommonOps_DDRM.addEquals(w1, Math.sqrt(wantedGap / gapOfOneStep), direction);
        assertThat(relativeGap(w1, optimum().w2)).isCloseTo(wantedGap, within(1e-9));

        Grade g = grade(w1, optimum().w2);

        if (wantedGap > 0.25) {
            assertThat(g.score()).as("gap %.4f", wantedGap).isEqualTo(0.2, within(1e-12));
            assertThat(g.notes()).contains("DOES_NOT_RECONSTRUCT", "LOSS_GAP");
        } else if (wantedGap > 1e-3) {
            assertThat(g.score()).as("gap %.4f", wantedGap).isEqualTo(0.8, within(1e-12));
            assertThat(g.notes()).contains("LOSS_GAP", "SUBSPACE_OK", "ORTHONORMAL_OK").doesNotContain("DOES_NOT_RECONSTRUCT");
        } else {
            assertThat(g.score()).as("gap %.6f", wantedGap).isEqualTo(1.0, within(1e-12));
        }
    }

    @Test
    void aPairBalancedForTheWrongPenaltyKeepsItsSubspaceCreditAndIsToldWhichPenalty() throws Exception {
        // weight_decay = λ in PyTorch instead of 2λ/m: training reaches the optimum for λ' = m·λ/2 = 1, a pair that
        // goes together (W1 = W2ᵀ) with a decoder shrunk more than Eq. 6's
        ClosedForm wrongPenalty = new ClosedForm(optimum().x, 1.0, 5);
        Grade g = grade(wrongPenalty.w1, wrongPenalty.w2);
        assertThat(g.notes()).contains("SUBSPACE_OK", "NOT_ORTHONORMAL", "LOSS_GAP").doesNotContain("DOES_NOT_RECONSTRUCT");
        assertThat(g.score()).isEqualTo(0.5, within(1e-12));
        assertThat(g.feedback().get(0).markdown()).contains("balanced, as weight decay makes it, but for λ ≈ 1");
    }

    @Test
    void theBestEncoderForAnyDecoderIsTheSolutionOfItsNormalEquations() {
        // Independently: the best W1 for a fixed W2 solves W2ᵀW2·W1·C + λW1 = W2ᵀC, i.e. (W2ᵀW2 ⊗ C + λI)·vec(W1) = vec(W2ᵀC)
        ClosedForm o = optimum();
        DMatrixRMaj c = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.multTransB(o.x, o.x, c);
        CommonOps_DDRM.scale(1.0 / o.x.numCols, c);
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            DMatrixRMaj w2 = new DMatrixRMaj(20, 5);
            for (int i = 0; i < w2.data.length; i++) {
                w2.data[i] = random.nextDouble() * 2 - 1;
            }
            DMatrixRMaj gram = new DMatrixRMaj(5, 5);
            CommonOps_DDRM.multTransA(w2, w2, gram);
            DMatrixRMaj system = CommonOps_DDRM.kron(gram, c, null);
            for (int i = 0; i < 100; i++) {
                system.add(i, i, o.lambda);
            }
            DMatrixRMaj rhs = new DMatrixRMaj(5, 20);
            CommonOps_DDRM.multTransA(w2, c, rhs);
            rhs.reshape(100, 1);
            DMatrixRMaj w1 = new DMatrixRMaj(100, 1);
            assertThat(CommonOps_DDRM.solve(system, rhs, w1)).isTrue();
            w1.reshape(5, 20);
            assertThat(o.bestEncoderLoss(w2)).isCloseTo(o.loss(w1, w2), within(1e-9 * o.loss(w1, w2)));
        }
        // with the optimal decoder, the optimal encoder is the best one
        assertThat(o.bestEncoderLoss(o.w2)).isCloseTo(o.loss, within(1e-12));
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
