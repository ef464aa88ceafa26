package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: course knowledge belongs in the course's questions. Every WRONG_SIGN used to get hw7's
 * hint about the residual $X - W_2W_1X$, also on questions with no W's; now a question's
 * {@code hints} give its advice, and a question without them gets advice true of any question.
 */
class HintsTest {
    static final String NO_WS = """
            mode: expression
            dimensions: {names: [n]}
            symbols: [{name: A, shape: n x n}, {name: B, shape: n x n}]
            answerShape: n x n
            reference: A^T B + B
            """;
    static final String PCA_WITHOUT_HINTS = """
            mode: substitution
            dimensions: {names: [m, n, k], constraints: ["k < m < n"]}
            symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}]
            derived:
              - {name: C, definition: '\\frac{1}{n} X X^\\top'}
              - {name: U_k, decomposition: top-eigenvectors, of: C, count: k}
              - {name: S, decomposition: top-eigenvalues, of: C, count: k}
            assign: [W_1, W_2]
            conditions:
              - {equation: '(I - W_2W_1)CW_1^\\top = 0'}
            """;
    static final String FALSE_STEP = "W_1 = U_k^T\nW_2 = U_k\nC U_k = U_k";

    static String diagnosis(Grade g) {
        return g.feedback().stream().filter(b -> b.kind() == FeedbackBlock.Kind.DIAGNOSIS).map(FeedbackBlock::markdown)
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aQuestionWithoutWsGetsNoResidualHint() throws Exception {
        CatalogQuestion q = Fixtures.question(NO_WS);
        Grade g = Fixtures.grade(q, "-A^T B - B");
        assertThat(g.notes()).contains("WRONG_SIGN");
        assertThat(diagnosis(g)).doesNotContain("residual").doesNotContain("W_2")
                .isEqualTo("Your answer is the negative of the answer: check each step for a minus sign lost or added.");
    }

    @Test
    void aQuestionWithoutHintsGetsNoCourseAdviceOnAFactor() throws Exception {
        Grade g = Fixtures.grade(Fixtures.question(NO_WS), "2A^T B + 2B");
        assertThat(g.notes()).contains("WRONG_FACTOR");
        assertThat(diagnosis(g)).doesNotContain("\\|A\\|_F^2").endsWith("(a lost factor 0.5000?). Check the constant each step brings.");
    }

    @Test
    void hw7GradientQuestionsKeepTheirOwnWording() throws Exception {
        Grade sign = Fixtures.grade("hw7/3bi-grad-w1", "2W_2^\\top(X - W_2W_1X)X^\\top");
        assertThat(sign.notes()).contains("WRONG_SIGN");
        assertThat(diagnosis(sign)).isEqualTo("Your answer is the negative of $\\nabla_{W_1} L$: check the sign where you"
                + " differentiate the residual $X - W_2W_1X$ (its derivative brings a minus).");
        Grade factor = Fixtures.grade("hw7/3bi-grad-w2", "-(X - W_2W_1X)(W_1X)^\\top");
        assertThat(factor.notes()).contains("WRONG_FACTOR");
        assertThat(diagnosis(factor)).isEqualTo("Your answer is half of $\\nabla_{W_2} L$: the shape and structure are right,"
                + " but a constant factor is off (a lost factor 2?). Recall $\\partial_A\\|A\\|_F^2 = 2A$.");
    }

    @Test
    void aStepThatDoesNotFollowGetsTheQuestionsHintOrANeutralOne() throws Exception {
        Grade neutral = Fixtures.grade(Fixtures.question(PCA_WITHOUT_HINTS), FALSE_STEP);
        assertThat(neutral.notes()).contains("STEP_INVALID");
        assertThat(diagnosis(neutral)).doesNotContain("U_k = U_k \\Sigma_k^2")
                .endsWith("The two sides differ on random data; check which identity you used.");
        Grade hw7 = Fixtures.grade("hw7/3bii-pca", FALSE_STEP);
        assertThat(hw7.notes()).contains("STEP_INVALID");
        assertThat(diagnosis(hw7)).endsWith("The two sides differ on random data; check which identity you used"
                + " (e.g. $C U_k = U_k \\Sigma_k^2$, $U_k^\\top U_k = I_k$).");
    }

    @Test
    void aQuestionsHintReplacesTheNeutralAdvice() throws Exception {
        CatalogQuestion q = Fixtures.question(NO_WS + "hints: {WRONG_SIGN: 'transposing $A$ does not change a sign.'}\n");
        assertThat(q.state()).as(q.problemLines().toString()).isEqualTo(QuestionState.READY);
        assertThat(diagnosis(Fixtures.grade(q, "-A^T B - B")))
                .isEqualTo("Your answer is the negative of the answer: transposing $A$ does not change a sign.");
    }

    @Test
    void aHintForANoteThatTakesNoneOrForAnotherModeIsAConfigurationProblem() throws Exception {
        CatalogQuestion unknown = Fixtures.question(NO_WS + "hints: {WRONG_SHAPE: 'Look at the shapes.'}\n");
        assertThat(unknown.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(unknown.problemLines()).anySatisfy(l -> assertThat(l).contains("hints.WRONG_SHAPE")
                .contains("WRONG_SIGN (expression mode), WRONG_FACTOR (expression mode), STEP_INVALID (substitution mode)"));
        CatalogQuestion otherMode = Fixtures.question(NO_WS + "hints: {STEP_INVALID: 'Use the eigenvalue equation.'}\n");
        assertThat(otherMode.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(otherMode.problemLines()).anySatisfy(l -> assertThat(l).contains("hints.STEP_INVALID")
                .contains("substitution mode only").contains("expression mode"));
        CatalogQuestion blank = Fixtures.question(NO_WS + "hints: {WRONG_SIGN: ' '}\n");
        assertThat(blank.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(blank.problemLines()).anySatisfy(l -> assertThat(l).contains("hints"));
    }
}
