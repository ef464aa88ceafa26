package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTestRunner;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixCalculusPluginTest {

    @Test
    void everyHw7CaseOfThisPluginPasses() throws Exception {
        QuestionTestRunner.Summary s = new QuestionTestRunner(Fixtures.ENGINE).run(Fixtures.hw7());
        var mine = s.results().stream().filter(r -> r.questionId().startsWith("hw7/3b")).toList();
        assertThat(mine).hasSizeGreaterThanOrEqualTo(19);
        assertThat(mine).allSatisfy(r -> assertThat(r.outcome()).as(r.label() + " " + r.detail())
                .isEqualTo(QuestionTestRunner.Outcome.PASS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-2W_2^\\top(X - W_2W_1X)X^\\top",
            "-2 W_2^{T} (X - W_2 W_1 X) X^{T}",
            "-2W_2^T(X-W_2W_1X)X^T",
            "-2W_2'(X - W_2W_1X)X'",
            "$-2\\mathbf{W}_2^\\top\\left(\\mathbf{X} - \\mathbf{W}_2\\mathbf{W}_1\\mathbf{X}\\right)\\mathbf{X}^\\top$",
            "$$\\nabla_{W_1} L = -2 W_2^\\top \\left( X - W_2 W_1 X \\right) X^\\top$$",
            "\\frac{\\partial L}{\\partial W_1} = -2W_2^\\top(X - W_2W_1X)X^\\top",
            "-2*W2'*(X - W2*W1*X)*X'",
            "-2 * transpose(W2) * (X - W2*W1*X) * transpose(X)",
            "2 W_2^\\top W_2 W_1 X X^\\top - 2 W_2^\\top X X^\\top",
            "-2 W_2^\\top (I - W_2 W_1) X X^\\top",
            "-2 W_2^\\top \\cdot (X - W_2 \\cdot W_1 \\cdot X) \\cdot X^\\top",
            "2(W_2^\\top W_2 W_1 X - W_2^\\top X)X^\\top",
            "-2 (X X^\\top (I - W_2W_1)^\\top W_2)^\\top",
            "-2 W_2^\\top (X X^\\top - W_2 W_1 X X^\\top)",
            "-\\frac{4}{2} W_2^\\top(X - W_2W_1X)X^\\top",
            "-2 n W_2^\\top (I - W_2 W_1) \\frac{1}{n} X X^\\top",
            "-2W_2^\\top(X - W_2W_1X)X^\\top + 0",
            "-2 W_2^\\top X X^\\top + 2 W_2^\\top W_2 W_1 X X^\\top",
    })
    void anyNotationOfTheGradientIsEquivalent(String answer) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", answer);
        assertThat(g.notes()).as(answer + " → " + g.feedback()).containsExactly("EQUIVALENT");
        assertThat(g.score()).isEqualTo(1.0);
    }

    @Test
    void theEchoIsCanonicalLatex() throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "-2*W2'*(X - W2*W1*X)*X'");
        assertThat(g.echo().latex()).isEqualTo("-2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top");
    }

    @Test
    void aSuperscriptOnASuperscriptIsGroupedInTheEcho() throws Exception {
        // LaTeX (and KaTeX on the student's page) refuses A^{-1}^{8}
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "((W_1W_2)^{-1})^8 (W_1^T)^T");
        assertThat(g.echo().latex()).isEqualTo("{\\left(W_1 W_2\\right)^{-1}}^{8} {W_1^\\top}^\\top");
    }

    @Test
    void aDimensionMismatchNamesTheShapes() throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "-2W_2(X - W_2W_1X)X^\\top");
        assertThat(g.notes()).contains("DIMENSION_MISMATCH", "MISSING_TRANSPOSE");
        String text = g.feedback().stream().map(b -> b.markdown()).collect(Collectors.joining("\n"));
        assertThat(text).contains("$W_2$ is m×k but $(X - W_2 W_1 X)$ is m×n: k ≠ m")
                .contains("$W_2$ needs a transpose");
    }

    @Test
    void aWrongShapeSaysWhichShapeItMustHave() throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", "-2(X - W_2W_1X)X^\\top");
        assertThat(g.notes()).contains("WRONG_SHAPE");
        assertThat(g.feedback().get(0).markdown()).contains("Your answer is m×m").contains("must be k×m, the shape of $W_1$");
    }

    @Test
    void aLostFactorIsNamed() throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w2", "-(X - W_2W_1X)(W_1X)^\\top");
        assertThat(g.notes()).contains("WRONG_FACTOR");
        assertThat(g.feedback().get(0).markdown()).contains("half of");
        Grade four = Fixtures.grade("hw7/3bi-grad-w2", "-4(X - W_2W_1X)(W_1X)^\\top");
        assertThat(four.feedback().get(0).markdown()).contains("twice");
    }

    @Test
    void wrongOrderAndMissingTransposeAreFoundBySingleMutations() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: expression
                dimensions: {names: [n]}
                symbols: [{name: A, shape: n x n}, {name: B, shape: n x n}]
                answerShape: n x n
                reference: A^T B + B
                """);
        assertThat(q.state()).isEqualTo(QuestionState.READY);
        assertThat(Fixtures.grade(q, "B A^T + B").notes()).contains("WRONG_ORDER", "NOT_EQUIVALENT").doesNotContain("EQUIVALENT");
        assertThat(Fixtures.grade(q, "B^T A + B").notes()).as("the transpose of the first term").contains("MISSING_TRANSPOSE");
        assertThat(Fixtures.grade(q, "A B + B").notes()).contains("MISSING_TRANSPOSE");
        assertThat(Fixtures.grade(q, "A^T B + B^T").notes()).contains("MISSING_TRANSPOSE");
        assertThat(Fixtures.grade(q, "-A^T B - B").notes()).contains("WRONG_SIGN");
        assertThat(Fixtures.grade(q, "(B^T A)^T + B").notes()).containsExactly("EQUIVALENT");
    }

    @Test
    void theReferenceCanBeTheGradientOfAFunctionTheInstructorGives() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: expression
                dimensions: {names: [m, n, k], constraints: ["k < m < n"]}
                symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}]
                answerShape: k x m
                gradientOf: {function: '\\|X - W_2W_1X\\|_F^2 + \\operatorname{tr}(W_1 W_1^\\top)', withRespectTo: W_1}
                """);
        assertThat(q.state()).as(q.problems().toString()).isEqualTo(QuestionState.READY);
        assertThat(Fixtures.grade(q, "-2W_2^\\top(X - W_2W_1X)X^\\top + 2W_1").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "-2W_2^\\top(X - W_2W_1X)X^\\top + W_1").notes()).contains("NOT_EQUIVALENT");
    }

    @Test
    void aReferenceThatIsNotTheGradientIsAConfigurationProblem() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: expression
                dimensions: {names: [m, n, k], constraints: ["k < m < n"]}
                symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}]
                gradientOf: {function: '\\|X - W_2W_1X\\|_F^2', withRespectTo: W_1}
                reference: 2W_2^\\top(X - W_2W_1X)X^\\top
                """);
        assertThat(q.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(q.problemLines()).singleElement().asString().startsWith("config.reference: is not the gradient");
    }

    @Test
    void dimensionsInALongChainAreDrawnAndImpossibleOnesAreAConfigurationProblem() throws Exception {
        CatalogQuestion chain = Fixtures.question("""
                mode: expression
                dimensions: {names: [a, b, c, d, e, f, g], constraints: ["a < b < c < d < e < f < g"]}
                symbols: [{name: A, shape: a x g}]
                reference: A
                """);
        assertThat(chain.state()).as(chain.problems().toString()).isEqualTo(QuestionState.READY);
        assertThat(Fixtures.grade(chain, "(A^\\top)^\\top").notes()).containsExactly("EQUIVALENT");
        CatalogQuestion cycle = Fixtures.question("""
                mode: expression
                dimensions: {names: [m, n], constraints: ["m < n < m"]}
                symbols: [{name: A, shape: m x n}]
                reference: A
                """);
        assertThat(cycle.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(cycle.problemLines()).anySatisfy(l -> assertThat(l).contains("cycle"));
    }

    @Test
    void equationsMatchUpToAScalarATransposeAndMovingTerms() throws Exception {
        assertThat(Fixtures.grade("hw7/3bi-conditions", "W_1 X (X - W_2 W_1 X)^T = 0\n2W_2^T(X - W_2W_1X)X^T = 0").notes())
                .containsExactly("EQUIVALENT");
        Grade extra = Fixtures.grade("hw7/3bi-conditions", "(X - W_2W_1X)(W_1X)^T = 0\nW_2^T(X - W_2W_1X)X^T = 0\nW_1 W_2 = 0");
        assertThat(extra.notes()).contains("EXTRA_CONDITION");
        assertThat(extra.score()).isEqualTo(1.0);
        Grade none = Fixtures.grade("hw7/3bi-conditions", "W_1 W_2 = 0");
        assertThat(none.score()).isZero();
        assertThat(none.notes()).contains("MISSING_CONDITION", "EXTRA_CONDITION");
    }

    @Test
    void theGeneralSolutionWithAnInvertibleMatrixIsAcceptedWhenDeclared() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: substitution
                dimensions: {names: [m, n, k], constraints: ["k < m < n"]}
                symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}, {name: A, shape: k x k}]
                derived:
                  - {name: C, definition: '\\frac{1}{n} X X^\\top'}
                  - {name: U_k, decomposition: top-eigenvectors, of: C, count: k}
                assign: [W_1, W_2]
                conditions:
                  - {equation: '(I - W_2W_1)CW_1^\\top = 0'}
                  - {equation: 'W_2^\\top(I - W_2W_1)C = 0'}
                """);
        assertThat(Fixtures.grade(q, "W_1 = A^{-1}U_k^\\top\nW_2 = U_kA").notes()).containsExactly("CONDITION_HOLDS");
        Grade fails = Fixtures.grade(q, "W_1 = A U_k^\\top\nW_2 = U_k A");
        assertThat(fails.notes()).contains("CONDITION_FAILS");
        assertThat(fails.score()).isLessThan(1.0);
    }

    @Test
    void theFirstDerivationLineThatDoesNotFollowIsNamed() throws Exception {
        Grade g = Fixtures.grade("hw7/3bii-pca", "W_1 = U_k^T\nW_2 = U_k\n(I - U_kU_k^T)CU_k = (I - U_kU_k^T)U_k\\Sigma_k^2\n"
                + "= U_k\\Sigma_k^2\n= 0");
        assertThat(g.notes()).contains("CONDITION_HOLDS", "STEP_INVALID");
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(g.feedback().stream().map(b -> b.markdown()).collect(Collectors.joining())).contains("Line 4 does not follow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2W_2^\\top (X - W_2 W_1 X", "-2W_2^\\top X)", "X^", "X^{99999999999}", "X^{1.5}", "+", "\\frac{X}",
            "X = = X", "\\unknown X", "X ++ X", "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
            + "(((((((((((((((((((((((((((((((((X"})
    void unreadableAnswersSayWhatToFix(String answer) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", answer);
        assertThat(g.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(g.notes()).containsAnyOf("PARSE_ERROR", "UNKNOWN_SYMBOL");
        assertThat(g.feedback().get(0).markdown()).isNotBlank();
    }

    @Test
    void hostileInputIsRefusedBeforeItCostsAnything() throws Exception {
        Grade deep = Fixtures.grade("hw7/3bi-grad-w1", "(".repeat(3000) + "X" + ")".repeat(3000));
        assertThat(deep.notes()).containsExactly("PARSE_ERROR");
        Grade longOne = Fixtures.grade("hw7/3bi-grad-w1", "X + ".repeat(2000) + "X");
        assertThat(longOne.notes()).containsExactly("PARSE_ERROR");
        assertThat(longOne.feedback().get(0).markdown()).contains("limit");
        Grade unknown = Fixtures.grade("hw7/3bi-grad-w1", "Y X");
        assertThat(unknown.notes()).containsExactly("UNKNOWN_SYMBOL");
        assertThat(unknown.feedback().get(0).markdown()).contains("Y").contains("W_1");
    }

    @Test
    void gradesAreReproducible() throws Exception {
        Grade a = Fixtures.grade("hw7/3bi-grad-w2", "-(X - W_2W_1X)(W_1X)^\\top");
        Grade b = Fixtures.grade("hw7/3bi-grad-w2", "-(X - W_2W_1X)(W_1X)^\\top");
        assertThat(a).isEqualTo(b);
    }
}
