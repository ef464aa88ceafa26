package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import dev.assay.plugins.matrix.MatrixCalculusPlugin;
import dev.assay.plugins.matrix.MatrixConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 15: what reading an answer costs (the plugin's preview: read, parse, shapes; nothing
 * compared), over hw7's matrix answers and over the forms students really write; a warm check of
 * right answers to hw7 3.b(i); and the floor that check is measured against, the same three
 * trials' matrix products in EJML (floating point, no reading, no exactness).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatrixReadingBenchmark {
    private final MatrixCalculusPlugin plugin = new MatrixCalculusPlugin();
    private final List<GradingRequest<MatrixConfig>> hw7 = new ArrayList<>();
    private final List<GradingRequest<MatrixConfig>> forms = new ArrayList<>();
    private final List<GradingRequest<MatrixConfig>> right = new ArrayList<>();
    private int nextHw7;
    private int nextForm;
    private int nextRight;

    /** The forms of issue 15's table (ReaderTest), each a right answer to hw7 3.b(i) ∇_{W_1} L. */
    static final List<String> FORMS = List.of(
            "-2W_2^TXX^T + 2W_2^TW_2W_1XX^T",
            "\\nabla_{W_1} L = -2W_2^\\top(X - W_2W_1X)X^\\top = 0",
            "\\nabla_{W_1} L = -2W_2^\\top X X^\\top + 2W_2^\\top W_2 W_1 X X^\\top = -2W_2^\\top(X - W_2W_1X)X^\\top",
            "-2W_2^\\top E X^\\top, \\text{where } E = X - W_2W_1X.",
            "let E = X - W_2W_1X \\\\ \\nabla_{W_1} L = -2W_2^\\top E X^\\top",
            "\\boxed{-2W_2^\\top(X - W_2W_1X)X^\\top}",
            "\\begin{aligned} \\nabla_{W_1} L &= -2W_2^\\top X X^\\top + 2W_2^\\top W_2W_1XX^\\top \\\\ &= -2W_2^\\top(X - W_2W_1X)X^\\top \\end{aligned}",
            "-2W_2^\\top(X - W_2W_1X)X^\\top \\quad (2)",
            "-2W_2^{\\mathsf{T}}(X - W_2W_1X)X^{\\mathsf T}",
            "−2W₂ᵀ(X − W₂W₁X)Xᵀ",
            "−2 W_2^⊤ · (X − W_2 · W_1 · X) · X^⊤",
            "-2W_2^\\top(X - W_2W_1X)X^\\top, which has the shape of W_1 (k × m)",
            "The gradient is $-2W_2^\\top(X - W_2W_1X)X^\\top$, which is k × m.",
            "-2W_2^\\top(I_{m \\times m} - W_2W_1)XX^\\top");

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<GradingRequest<MatrixConfig>> all = PackAnswers.of(plugin);
        hw7.addAll(all);
        GradingRequest<MatrixConfig> gradient = all.stream().filter(r -> r.questionId().equals("hw7/3bi-grad-w1")).findFirst()
                .orElseThrow();
        for (String f : FORMS) {
            forms.add(with(gradient, f));
        }
        for (String f : List.of("-2W_2^\\top(X - W_2W_1X)X^\\top", "-2W_2^\\top X X^\\top + 2W_2^\\top W_2 W_1 X X^\\top", "2(W_2^\\top W_2 W_1 X - W_2^\\top X)X^\\top",
                "-2 W_2^\\top (I - W_2 W_1) X X^\\top")) {
            right.add(with(gradient, f));
        }
        for (GradingRequest<MatrixConfig> r : right) {
            if (plugin.grade(r).score() != 1.0) {
                throw new IllegalStateException("not right: " + r.answer().text());
            }
        }
        Random random = new Random(15);
        for (int t = 0; t < 3; t++) {
            int k = TRIAL_SIZES[t][0];
            int m = TRIAL_SIZES[t][1];
            int n = TRIAL_SIZES[t][2];
            w1[t] = RandomMatrices_DDRM.rectangle(k, m, -1, 1, random);
            w2[t] = RandomMatrices_DDRM.rectangle(m, k, -1, 1, random);
            x[t] = RandomMatrices_DDRM.rectangle(m, n, -1, 1, random);
        }
    }

    private static GradingRequest<MatrixConfig> with(GradingRequest<MatrixConfig> r, String text) {
        return new GradingRequest<>(r.questionId(), r.config(), "", Answer.of(text), r.context());
    }

    /** Reading one of the pack's matrix answers (every question test of the four questions, in turn). */
    @Benchmark
    public Validation readHw7Answer() {
        GradingRequest<MatrixConfig> r = hw7.get(nextHw7);
        nextHw7 = (nextHw7 + 1) % hw7.size();
        return plugin.validate(r);
    }

    /** Reading one of issue 15's forms (chains, definitions, wrappers, Unicode, prose), in turn. */
    @Benchmark
    public Validation readStudentForm() {
        GradingRequest<MatrixConfig> r = forms.get(nextForm);
        nextForm = (nextForm + 1) % forms.size();
        return plugin.validate(r);
    }

    /** A warm check of a right answer to hw7 3.b(i): read, shapes, three exact trials, compared with the reference. */
    @Benchmark
    public Grade gradeRightAnswer() throws InterruptedException {
        GradingRequest<MatrixConfig> r = right.get(nextRight);
        nextRight = (nextRight + 1) % right.size();
        return plugin.grade(r);
    }

    /** (k, m, n) of the three trials for the floor: two small (2–9), one large (10–20), as the plugin draws them, k < m < n. */
    static final int[][] TRIAL_SIZES = {{3, 5, 8}, {4, 7, 9}, {13, 16, 19}};
    private final DMatrixRMaj[] w1 = new DMatrixRMaj[3];
    private final DMatrixRMaj[] w2 = new DMatrixRMaj[3];
    private final DMatrixRMaj[] x = new DMatrixRMaj[3];

    /**
     * The floor: on each of the three trials, the answer −2W_2ᵀ(X − W_2W_1X)Xᵀ and the reference
     * −2W_2ᵀXXᵀ + 2W_2ᵀW_2W_1XXᵀ computed in EJML and compared within a tolerance.
     */
    @Benchmark
    public boolean ejmlFloor() {
        boolean same = true;
        for (int t = 0; t < 3; t++) {
            int k = TRIAL_SIZES[t][0];
            int m = TRIAL_SIZES[t][1];
            int n = TRIAL_SIZES[t][2];
            DMatrixRMaj w1x = new DMatrixRMaj(k, n);
            CommonOps_DDRM.mult(w1[t], x[t], w1x);
            DMatrixRMaj residual = new DMatrixRMaj(m, n);
            CommonOps_DDRM.mult(w2[t], w1x, residual);
            CommonOps_DDRM.subtract(x[t], residual, residual);
            DMatrixRMaj left = new DMatrixRMaj(k, n);
            CommonOps_DDRM.multTransA(w2[t], residual, left);
            DMatrixRMaj answer = new DMatrixRMaj(k, m);
            CommonOps_DDRM.multTransB(-2, left, x[t], answer);

            DMatrixRMaj xxt = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransB(x[t], x[t], xxt);
            DMatrixRMaj w2tw2 = new DMatrixRMaj(k, k);
            CommonOps_DDRM.multTransA(w2[t], w2[t], w2tw2);
            DMatrixRMaj w2tw2w1 = new DMatrixRMaj(k, m);
            CommonOps_DDRM.mult(w2tw2, w1[t], w2tw2w1);
            DMatrixRMaj reference = new DMatrixRMaj(k, m);
            CommonOps_DDRM.mult(2, w2tw2w1, xxt, reference);
            DMatrixRMaj w2txxt = new DMatrixRMaj(k, m);
            CommonOps_DDRM.multTransA(-2, w2[t], xxt, w2txxt);
            CommonOps_DDRM.addEquals(reference, w2txxt);
            same &= MatrixFeatures_DDRM.isIdentical(answer, reference, 1e-9);
        }
        return same;
    }
}
