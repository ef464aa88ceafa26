package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floating-point path, which questions take when a decomposition cannot be drawn exactly
 * (here the eigenvectors of XXᵀ + I_m): the same guarantees as the exact path where floating point
 * can give them, a refusal where it cannot.
 */
class FloatingPointPathTest {
    static final String GRADIENT = CheatingAnswersTest.GRADIENT;
    /** hw7's setting with a covariance whose eigenvectors are only computed in floating point. */
    static final String SETTING = """
            dimensions: {names: [m, n, k], constraints: ["k < m", "m < n"]}
            symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}]
            derived:
              - {name: C, definition: 'X X^\\top + I_m'}
              - {name: U_k, decomposition: top-eigenvectors, of: C, count: k}
            """;
    static CatalogQuestion gradient;
    static CatalogQuestion conditions;
    static CatalogQuestion pca;

    @BeforeAll
    static void questions() throws Exception {
        gradient = Fixtures.question("mode: expression\n" + SETTING + "answerShape: k x m\nreference: '-2W_2^\\top(X - W_2W_1X)X^\\top'\n");
        conditions = Fixtures.question("mode: equations\n" + SETTING + """
                conditions:
                  - {equation: '(X - W_2W_1X)(W_1X)^\\top = 0'}
                  - {equation: 'W_2^\\top(X - W_2W_1X)X^\\top = 0'}
                """);
        pca = Fixtures.question("mode: substitution\n" + SETTING + """
                assign: [W_1, W_2]
                conditions:
                  - {equation: '(I - W_2W_1)CW_1^\\top = 0'}
                  - {equation: 'W_2^\\top(I - W_2W_1)C = 0'}
                """);
        for (CatalogQuestion q : new CatalogQuestion[]{gradient, conditions, pca}) {
            assertThat(q.state()).as(q.problems().toString()).isEqualTo(QuestionState.READY);
        }
        assertThat(ExactEvaluationTest.problem("mode: expression\n" + SETTING + "reference: X\n").exact).isFalse();
    }

    @Test
    void rightAnswersAreEquivalentAndWrongOnesAreNot() {
        assertThat(Fixtures.grade(gradient, GRADIENT).notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(gradient, "2(W_2^\\top W_2 W_1 - W_2^\\top) X X^\\top").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(gradient, "-" + GRADIENT).notes()).contains("WRONG_SIGN");
        assertThat(Fixtures.grade(pca, "W_1 = U_k^\\top\nW_2 = U_k\n(I - U_kU_k^\\top)CU_k = (I - U_kU_k^\\top)U_k U_k^\\top C U_k\n= 0")
                .notes()).containsExactly("CONDITION_HOLDS");
    }

    @Test
    void factorsThatCancelDoNotInflateTheRoundingAllowance() {
        // W_1 W_2 (W_1 W_2)^{-1} … W_1 is W_1; a bound that multiplied its factors' sizes let it pass for the gradient
        for (int pairs : new int[]{10, 40}) {
            Grade g = Fixtures.grade(gradient, "W_1 W_2 (W_1 W_2)^{-1} ".repeat(pairs) + "W_1");
            assertThat(g.score()).isZero();
            assertThat(g.notes()).as(pairs + " pairs").contains("NOT_EQUIVALENT").doesNotContain("EQUIVALENT");
        }
        Grade step = Fixtures.grade(pca, "W_1 = U_k^\\top\nW_2 = U_k\n(I - U_kU_k^\\top)CU_k = " + "C C^{-1} ".repeat(45) + "U_k\n= 0");
        assertThat(step.notes()).containsExactly("CONDITION_HOLDS", "STEP_INVALID");
    }

    @Test
    void agreementThatRestsOnRoundingAnInverseAmplifiesIsRefused() {
        // W_1 B⁸ B⁻⁸ computes W_1 through values a hundred million times larger: its rounding may be as large as anything
        Grade g = Fixtures.grade(gradient, "(W_1 W_2)^8 ((W_1 W_2)^{-1})^8 W_1");
        assertThat(g.score()).isZero();
        assertThat(g.notes()).doesNotContain("EQUIVALENT");
        Grade zero = Fixtures.grade(pca, "W_1 = U_k^\\top\nW_2 = U_k\n(I - U_kU_k^\\top)CU_k = (I - U_kU_k^\\top)(C^8)^4 ((C^{-1})^8)^4 C U_k");
        assertThat(zero.notes()).containsExactly("CANNOT_DECIDE");
        assertThat(CheatingAnswersTest.feedback(zero)).contains("amplifies rounding");
    }

    @Test
    void aConditionTimesSomethingThatDependsOnTheMatricesIsNotTheSameCondition() {
        String second = "\nW_2^\\top(X - W_2W_1X)X^\\top = 0";
        Grade g = Fixtures.grade(conditions, "\\operatorname{tr}(W_1 W_2)(X - W_2W_1X)(W_1X)^\\top = 0" + second);
        assertThat(g.notes()).contains("MISSING_CONDITION", "EXTRA_CONDITION");
        assertThat(g.score()).isEqualTo(0.5);
        Grade byDimension = Fixtures.grade(conditions, "\\frac{2}{n}(X - W_2W_1X)(W_1X)^\\top = 0\nk W_2^\\top(X - W_2W_1X)X^\\top = 0");
        assertThat(byDimension.notes()).as("a factor that depends only on the dimensions is a constant").containsExactly("EQUIVALENT");
    }

    /** ((1 + ((1 + …)⁻¹))⁻¹ … ‖X‖/‖X‖, nested depth times: each sum's check used to evaluate its terms again. */
    static String nestedInverses(int depth) {
        String x = "\\frac{\\|X\\|}{\\|X\\|}";
        for (int i = 0; i < depth; i++) {
            x = "(1 + " + x + ")^{-1}";
        }
        return x + " W_1";
    }

    @Test
    void aGuardedEvaluationComputesEachNodeOnce() throws Exception {
        Problem p = ExactEvaluationTest.problem("mode: expression\n" + SETTING + "reference: W_1\n");
        for (int depth : new int[]{1, 5, 10, 20}) {
            Expr e = Parser.expression(nestedInverses(depth), p.symbols);
            Evaluator ev = Evaluator.guarded(FloatingTrial.draw(p, 42, false, 0));
            ev.computed(e);
            assertThat(ev.computations()).as("depth " + depth).isEqualTo(Expr.nodes(e).size());
        }
        Grade g = Fixtures.grade(gradient, nestedInverses(20));
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.notes()).contains("NOT_EQUIVALENT");
    }

    @Test
    void aSquareMatrixThatIsDecomposedIsDrawnSymmetricOnBothPaths() throws Exception {
        // S decomposed directly and through S S^T: one matrix drawn two ways, so this question takes floating point
        String yaml = """
                mode: expression
                dimensions: {names: [k, m], constraints: ["k < m"]}
                symbols: [{name: S, shape: m x m}, {name: B, shape: m x m}]
                derived:
                  - {name: P, decomposition: top-eigenvectors, of: S, count: k}
                  - {name: G, definition: 'S S^\\top'}
                  - {name: V, decomposition: top-eigenvectors, of: G, count: k}
                answerShape: m x m
                reference: S B
                """;
        Problem p = ExactEvaluationTest.problem(yaml);
        assertThat(p.exact).isFalse();
        DMatrixRMaj s = (DMatrixRMaj) FloatingTrial.draw(p, 7, false, 0).get("S");
        assertThat(Numeric.close(s, org.ejml.dense.row.CommonOps_DDRM.transpose(s, null))).isTrue();
        CatalogQuestion floating = Fixtures.question(yaml);
        assertThat(Fixtures.grade(floating, "S^\\top B").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(floating, "S^\\top P P^\\top S").notes()).doesNotContain("EQUIVALENT");
        CatalogQuestion exact = Fixtures.question(yaml.replace("  - {name: G, definition: 'S S^\\top'}\n", "")
                .replace("  - {name: V, decomposition: top-eigenvectors, of: G, count: k}\n", ""));
        assertThat(Fixtures.grade(exact, "S^\\top B").notes()).containsExactly("EQUIVALENT");
    }

    @Test
    void aSizedIdentityHasItsSizeInFloatingPoint() throws Exception {
        Problem p = ExactEvaluationTest.problem("mode: expression\n" + SETTING + "reference: W_1\n");
        Map<String, Object> values = FloatingTrial.draw(p, 3, true, 0);
        Evaluator.Val trace = new Evaluator(values).eval(Parser.expression("\\operatorname{tr}(I_k)", p.symbols));
        assertThat(trace.scalar()).isEqualTo((Double) values.get("k"));
        assertThat(Fixtures.grade(gradient, GRADIENT + " + \\operatorname{tr}(I_k) W_1 - k W_1").notes()).containsExactly("EQUIVALENT");
    }
}
