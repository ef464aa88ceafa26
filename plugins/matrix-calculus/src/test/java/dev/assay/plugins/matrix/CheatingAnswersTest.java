package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, "Grading that can be cheated": wrong answers that got full marks because floating point
 * lost the difference (values that overflow, underflow or dwarf each other), and true ones that
 * must still pass.
 */
class CheatingAnswersTest {
    static final String GRADIENT = "-2W_2^\\top(X - W_2W_1X)X^\\top";
    static final String PCA = "W_1 = U_k^\\top\nW_2 = U_k\n";

    /** W_1 W_2 W_1 W_2 … W_1, which has the gradient's shape k×m. */
    static String product(int pairs) {
        return "W_1 W_2 ".repeat(pairs) + "W_1";
    }

    /** (x-from)(x-from-1)…(x-to): zero at every whole number from {@code from} to {@code to}. */
    static String vanishingAt(String x, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int j = from; j <= to; j++) {
            b.append('(').append(x).append(" - ").append(j).append(')');
        }
        return b.toString();
    }

    static String feedback(Grade g) {
        return g.feedback().stream().map(FeedbackBlock::markdown).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 25, 30, 60, 450})
    void aLongProductOfTheQuestionsMatricesIsNotTheGradient(int pairs) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", product(pairs));
        assertThat(g.score()).as(pairs + " pairs").isZero();
        assertThat(g.notes()).contains("NOT_EQUIVALENT").doesNotContain("EQUIVALENT");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 60, 450})
    void theRightAnswerPlusALongProductIsNotTheGradient(int pairs) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + " + product(pairs));
        assertThat(g.score()).as(pairs + " pairs").isZero();
        assertThat(g.notes()).contains("NOT_EQUIVALENT").doesNotContain("EQUIVALENT");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 200})
    void aLongProductThatCancelsStillLeavesTheRightAnswer(int pairs) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + " + product(pairs) + " - " + product(pairs));
        assertThat(g.notes()).as(feedback(g)).containsExactly("EQUIVALENT");
        assertThat(g.score()).isEqualTo(1.0);
    }

    @Test
    void aTermTooSmallForFloatingPointStillMakesTheAnswerWrong() throws Exception {
        Grade tiny = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + 0.000000000001 W_1");
        assertThat(tiny.score()).isZero();
        assertThat(tiny.notes()).contains("NOT_EQUIVALENT");
        Grade huge = Fixtures.grade("hw7/3bi-grad-w1", "1000000000000 W_1 - 1000000000000 W_1 + " + GRADIENT + " + W_1 W_2 W_1");
        assertThat(huge.score()).isZero();
        Grade cancelling = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT
                + " + 0.000000000001 W_1 W_2 W_1 - 0.000000000001 W_1 W_2 W_1 + 1000000000000 W_1 - 1000000000000 W_1");
        assertThat(cancelling.notes()).containsExactly("EQUIVALENT");
    }

    @Test
    void aFalseStepHiddenBehindSixtyFactorsDoesNotFollow() throws Exception {
        String sixty = "C ".repeat(60);
        Grade g = Fixtures.grade("hw7/3bii-pca", PCA + "(I - U_kU_k^\\top)CU_k = (I - U_kU_k^\\top)CU_k + " + sixty + "U_k - "
                + sixty + "U_k + U_k");
        assertThat(g.notes()).contains("CONDITION_HOLDS", "STEP_INVALID");
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(feedback(g)).contains("Line 3 does not follow");
    }

    @Test
    void aTrueStepWithSixtyFactorsChecksOut() throws Exception {
        Grade g = Fixtures.grade("hw7/3bii-pca", PCA + "(I - U_kU_k^\\top)CU_k = (I - U_kU_k^\\top)CU_k + (I - U_kU_k^\\top)"
                + "C ".repeat(60) + "U_k\n= (I - U_kU_k^\\top)U_k\\Sigma_k^2\n= 0");
        assertThat(g.notes()).as(feedback(g)).containsExactly("CONDITION_HOLDS");
        assertThat(g.score()).isEqualTo(1.0);
    }

    @Test
    void aConditionTimesSomethingThatDependsOnTheMatricesIsNotTheSameCondition() throws Exception {
        // tr(W_1W_2)·G = 0 also holds when tr(W_1W_2) = 0: a different condition, not G = 0 up to a constant
        Grade g = Fixtures.grade("hw7/3bi-conditions", "\\operatorname{tr}(W_1 W_2)(X - W_2W_1X)(W_1X)^\\top = 0\n"
                + "W_2^\\top(X - W_2W_1X)X^\\top = 0");
        assertThat(g.notes()).contains("MISSING_CONDITION", "EXTRA_CONDITION");
        assertThat(g.score()).isEqualTo(0.5);
        Grade byDimension = Fixtures.grade("hw7/3bi-conditions", "\\frac{2}{n}(X - W_2W_1X)(W_1X)^\\top = 0\n"
                + "k W_2^\\top(X - W_2W_1X)X^\\top = 0");
        assertThat(byDimension.notes()).as("a factor that depends only on the dimensions is a constant").containsExactly("EQUIVALENT");
    }

    @Test
    void anExpressionThatIsNeverDefinedIsNotTheGradient() throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "W_1 (W_2 W_1)^{-1}"); // W_2W_1 is m×m of rank k < m
        assertThat(g.score()).isZero();
        assertThat(g.notes()).contains("NOT_EQUIVALENT");
        assertThat(feedback(g)).contains("$W_2 W_1$ is not invertible");
    }

    @Test
    void anIdentityTooLargeToBoundIsRefusedNotPassed() throws Exception {
        String huge = "(((((((((((W_2 W_1)^8)^8)^8)^8)^8)^8)^8)^8)^8)^8)^8"; // degree 2·8¹¹ > 2³²
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + W_1 " + huge + " - W_1 " + huge);
        assertThat(g.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(g.score()).isZero();
        assertThat(g.notes()).containsExactly("CANNOT_DECIDE");
        assertThat(feedback(g)).contains("too large to compare exactly");
        Grade wrong = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + W_1 " + huge);
        assertThat(wrong.notes()).as("residues that differ prove a difference, however large").contains("NOT_EQUIVALENT");
    }

    @Test
    void aPolynomialInADimensionThatVanishesAtTheSizesDrawnIsNotCredit() throws Exception {
        // small trials draw n from 4 to 9 here, the large one from 12 to 20
        Grade small = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + (n-4)(n-5)(n-6)(n-7)(n-8)(n-9) W_1");
        assertThat(small.notes()).contains("NOT_EQUIVALENT");
        Grade every = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + " + vanishingAt("n", 4, 20) + " W_1");
        assertThat(every.notes()).as("zero at every size drawn, not as a formula in n").containsExactly("CANNOT_DECIDE");
        assertThat(every.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(every.score()).isZero();
        assertThat(feedback(every)).contains("not as a formula in the dimensions");
        Grade honest = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + \\operatorname{tr}(I_k) W_1 - k W_1 + \\frac{n}{n} W_1 - W_1");
        assertThat(honest.notes()).as("dimensions used as numbers where they belong").containsExactly("EQUIVALENT");
    }

    @Test
    void anIdentityThatHoldsOnlyForSmallMatricesIsNotTheGradient() throws Exception {
        // Cayley–Hamilton for 2×2 matrices: zero whenever k = 2, which small trials draw 39 % of the time
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + ((W_1W_2)^2 - \\operatorname{tr}(W_1W_2) W_1W_2 + \\frac{1}{2}"
                + "(\\operatorname{tr}(W_1W_2)^2 - \\operatorname{tr}((W_1W_2)^2)) I_k) W_1");
        assertThat(g.score()).isZero();
        assertThat(g.notes()).contains("NOT_EQUIVALENT");
    }

    @Test
    void aQuestionWithOneTrialStillDrawsTheLargeSizes() throws Exception {
        // eight dimensions in a chain: small trials can only draw k = 2, …, h = 9, where A B is 2×2
        var q = Fixtures.question("""
                mode: expression
                dimensions: {names: [k, b, c, d, e, f, g, h], constraints: ["k < b < c < d < e < f < g < h"]}
                symbols: [{name: A, shape: k x h}, {name: B, shape: h x k}]
                answerShape: k x k
                reference: A B
                trials: 1
                """);
        String cayleyHamilton2 = "(A B)^2 - \\operatorname{tr}(A B) A B + \\frac{1}{2}(\\operatorname{tr}(A B)^2 - \\operatorname{tr}((A B)^2)) I_k";
        Grade g = Fixtures.grade(q, "A B + " + cayleyHamilton2);
        assertThat(g.notes()).contains("NOT_EQUIVALENT");
        assertThat(Fixtures.grade(q, "(B^\\top A^\\top)^\\top").notes()).containsExactly("EQUIVALENT");
    }

    // ------------------------------------------------------------------ the review of issue 11: the norm path and disguised dimensions

    /** ‖X‖/‖X‖: a norm to an odd power, which used to send the whole comparison to floating point. */
    static final String NORM_OVER_NORM = "\\frac{\\|X\\|}{\\|X\\|}";

    @ParameterizedTest
    @ValueSource(ints = {10, 40})
    void factorsThatCancelNextToANormDoNotInflateAnAllowanceIntoCredit(int pairs) throws Exception {
        // exactly W_1: its floating-point magnitude bound grew with every W_1W_2(W_1W_2)^{-1} until W_1 passed for the gradient
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "W_1 W_2 (W_1 W_2)^{-1} ".repeat(pairs) + "W_1 " + NORM_OVER_NORM);
        assertThat(g.score()).as(feedback(g)).isZero();
        assertThat(g.notes()).contains("NOT_EQUIVALENT").doesNotContain("EQUIVALENT");
    }

    @Test
    void aFalseStepBehindCancellingInversesAndANormDoesNotFollow() throws Exception {
        Grade g = Fixtures.grade("hw7/3bii-pca", PCA + "(I - U_kU_k^\\top)CU_k = " + "C C^{-1} ".repeat(45) + "U_k " + NORM_OVER_NORM + "\n= 0");
        assertThat(g.notes()).as(feedback(g)).containsExactly("CONDITION_HOLDS", "STEP_INVALID");
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(feedback(g)).contains("Line 3 does not follow");
    }

    @Test
    void aNormIdentityTheExactCheckCannotSeeIsRefusedNotMarkedWrong() throws Exception {
        // ‖X‖·‖X‖ = ‖X‖²: true, but each odd norm is a variable of its own, so only floating point sees it
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + \\|X\\|_F \\|X\\|_F W_1 - \\|X\\|_F^2 W_1");
        assertThat(g.notes()).containsExactly("CANNOT_DECIDE");
        assertThat(g.score()).isZero();
        assertThat(feedback(g)).contains("squared where you can");
        Grade wrong = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + \\|X\\|_F W_1");
        assertThat(wrong.notes()).contains("NOT_EQUIVALENT");
    }

    @Test
    void aConditionTimesANormIsNotTheSameCondition() throws Exception {
        String second = "\nW_2^\\top(X - W_2W_1X)X^\\top = 0";
        for (String factor : new String[]{"\\|W_1W_2\\|_F \\operatorname{tr}(W_1 W_2)", "\\|W_1\\|_F"}) {
            Grade g = Fixtures.grade("hw7/3bi-conditions", factor + "(X - W_2W_1X)(W_1X)^\\top = 0" + second);
            assertThat(g.notes()).as(factor).contains("MISSING_CONDITION", "EXTRA_CONDITION");
            assertThat(g.score()).isEqualTo(0.5);
        }
    }

    /** tr(W_1W_2(W_1W_2)^{-1}): k, computed from the matrices. */
    static final String K_IN_DISGUISE = "\\operatorname{tr}(W_1 W_2 (W_1 W_2)^{-1})";

    /** A polynomial in t that vanishes at every k hw7's trials can draw: 2 to 7 on small trials, 10 to 18 on the large one. */
    static String vanishingAtEveryK(String t) {
        return vanishingAt(t, 2, 7) + vanishingAt(t, 10, Sizes.LARGE_MIN_DIM + Sizes.LARGE_SPAN - 2);
    }

    @Test
    void aDimensionHiddenInATraceIsCheckedAsADimension() throws Exception {
        for (String hidden : new String[]{vanishingAtEveryK(K_IN_DISGUISE) + " W_1", "(" + vanishingAtEveryK(K_IN_DISGUISE) + ") W_1"}) {
            Grade g = Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " + " + hidden);
            assertThat(g.notes()).as(feedback(g)).containsExactly("CANNOT_DECIDE");
            assertThat(g.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
            assertThat(g.score()).isZero();
            assertThat(feedback(g)).contains("does not depend on them");
        }
        // the same holds for the true tr(…)/k: a dimension is written as the dimension, as in README
        assertThat(Fixtures.grade("hw7/3bi-grad-w1", GRADIENT + " \\frac{" + K_IN_DISGUISE + "}{k}").notes())
                .containsExactly("CANNOT_DECIDE");
    }

    @Test
    void aDimensionHiddenInAnAssignmentIsCheckedAsADimension() throws Exception {
        // W_1 = (1 + p(tr(U_k^T U_k))) U_k^T with p zero at every k drawn: U_k^T at those sizes, wrong at others
        String t = "\\operatorname{tr}(U_k^\\top U_k)";
        Grade g = Fixtures.grade("hw7/3bii-pca", "W_1 = (1 + " + vanishingAtEveryK(t) + ") U_k^\\top\nW_2 = U_k");
        assertThat(g.notes()).as(feedback(g)).containsExactly("CANNOT_DECIDE");
        assertThat(g.score()).isZero();
    }
}
