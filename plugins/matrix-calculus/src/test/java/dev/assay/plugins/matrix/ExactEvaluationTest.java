package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact gradients and exactly drawn decompositions: identities hold exactly, mistakes show. */
class ExactEvaluationTest {

    static CatalogQuestion gradientQuestion(String function, String reference) throws Exception {
        return Fixtures.question("""
                mode: expression
                dimensions: {names: [n]}
                symbols: [{name: A, shape: n x n}, {name: B, shape: n x n}]
                answerShape: n x n
                gradientOf: {function: '%s', withRespectTo: A}
                reference: '%s'
                """.formatted(function, reference));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\\operatorname{tr}(A^{-1} B)     ; -(A^{-1} B A^{-1})^\\top",
            "\\operatorname{tr}(A^3)          ; 3 (A^2)^\\top",
            "\\|A\\|_F^4                      ; 4 \\|A\\|_F^2 A",
            "\\frac{\\operatorname{tr}(A)}{\\operatorname{tr}(B)} ; \\frac{1}{\\operatorname{tr}(B)} I_n",
            "\\operatorname{tr}(A B)^2        ; 2 \\operatorname{tr}(A B) B^\\top",
            "\\|A B - B\\|_F^2 + n\\operatorname{tr}(A) ; 2 (A B - B) B^\\top + n I",
            "-\\operatorname{tr}(B^\\top A^\\top A) ; -A (B + B^\\top)",
    })
    void theGradientIsComputedExactly(String function, String reference) throws Exception {
        CatalogQuestion q = gradientQuestion(function.trim(), reference.trim());
        assertThat(q.state()).as(q.problems().toString()).isEqualTo(QuestionState.READY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\\operatorname{tr}(A^3)          ; 3 A^2",
            "\\operatorname{tr}(A^{-1} B)     ; -A^{-1} B A^{-1}",
            "\\|A\\|_F^4                      ; 2 \\|A\\|_F^2 A",
            "\\operatorname{tr}(A B)^2        ; 2 \\operatorname{tr}(A B) B",
    })
    void aReferenceThatIsNotTheGradientIsRefused(String function, String reference) throws Exception {
        CatalogQuestion q = gradientQuestion(function.trim(), reference.trim());
        assertThat(q.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(q.problemLines()).singleElement().asString().contains("is not the gradient");
    }

    @Test
    void withoutAReferenceAnswersAreGradedAgainstTheExactGradient() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: expression
                dimensions: {names: [n]}
                symbols: [{name: A, shape: n x n}]
                answerShape: n x n
                gradientOf: {function: '\\operatorname{tr}(A^3)', withRespectTo: A}
                """);
        assertThat(Fixtures.grade(q, "3 (A^\\top)^2").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "3 A^2").notes()).contains("NOT_EQUIVALENT", "MISSING_TRANSPOSE");
        assertThat(Fixtures.grade(q, "(A^\\top)^2").notes()).contains("WRONG_FACTOR");
    }

    static Problem problem(String yaml) throws Exception {
        JsonNode node = Json.yaml().readTree(yaml);
        return new Problem(Json.json().treeToValue(node, MatrixConfig.class));
    }

    static boolean zeroAt(ExactTrial t, Problem p, String expression) throws Exception {
        return t.evaluator().eval(Parser.expression(expression, p.symbols)).isZero();
    }

    @Test
    void pcaIsDrawnWithItsEigenpairsExactly() throws Exception {
        Problem p = new Problem((MatrixConfig) Fixtures.hw7().question("hw7/3bii-pca").orElseThrow().ready().config());
        assertThat(p.exact).isTrue();
        for (long seed = 0; seed < 20; seed++) {
            ExactTrial t = ExactTrial.draw(p, seed, seed % 2 == 0, 0, seed % 3 == 0);
            assertThat(zeroAt(t, p, "C U_k - U_k \\Sigma_k^2")).isTrue();
            assertThat(zeroAt(t, p, "U_k^\\top U_k - I_k")).isTrue();
            assertThat(zeroAt(t, p, "C - \\frac{1}{n} X X^\\top")).isTrue();
            assertThat(zeroAt(t, p, "C - C^\\top")).isTrue();
            assertThat(zeroAt(t, p, "U_k U_k^\\top - I_m")).as("k < m: a projection, not the identity").isFalse();
            assertThat(zeroAt(t, p, "C U_k - U_k")).isFalse();
            ModVal x = t.values().get("X");
            for (int r = 0; r < x.rows; r++) { // centred: each row sums to zero
                long sum = 0;
                for (int c = 0; c < x.cols; c++) {
                    sum = t.field().add(sum, x.get(r, c));
                }
                assertThat(sum).isZero();
            }
        }
    }

    @Test
    void aTwinPointHasOtherValuesForEverySymbol() throws Exception {
        // twins were drawn from seed + γ: SplittableRandom's own stream shifted by one, which realigns after any draw it
        // rejects, so a twin was most of the time the point itself, and a factor that depends on the matrices looked constant
        Problem p = new Problem((MatrixConfig) Fixtures.hw7().question("hw7/3bi-conditions").orElseThrow().ready().config());
        for (long seed = 0; seed < 40; seed++) {
            ExactTrial point = ExactTrial.draw(p, seed, seed % 2 == 0, 0, false);
            ExactTrial twin = ExactTrial.draw(p, seed, seed % 2 == 0, 1, false);
            for (String symbol : List.of("X", "W_1", "W_2")) {
                long[] a = point.values().get(symbol).data;
                long[] b = twin.values().get(symbol).data;
                java.util.Set<Long> shared = new java.util.HashSet<>();
                for (long x : a) {
                    shared.add(x);
                }
                assertThat(java.util.Arrays.stream(b).filter(shared::contains).count()).as(symbol + ", seed " + seed).isZero();
            }
            var floating = FloatingTrial.draw(p, seed, seed % 2 == 0, 0);
            var floatingTwin = FloatingTrial.draw(p, seed, seed % 2 == 0, 1);
            assertThat(((org.ejml.data.DMatrixRMaj) floatingTwin.get("W_1")).data)
                    .doesNotContain(((org.ejml.data.DMatrixRMaj) floating.get("W_1")).data[1]);
        }
    }

    @Test
    void theOtherGramMatrixAndASymmetricSymbolAreDrawnExactlyToo() throws Exception {
        Problem p = problem("""
                mode: expression
                dimensions: {names: [k, m, n], constraints: ["k < m < n"]}
                symbols: [{name: Y, shape: m x n}, {name: S, shape: m x m}]
                derived:
                  - {name: G, definition: '2 Y^\\top Y'}
                  - {name: V, decomposition: top-eigenvectors, of: G, count: k}
                  - {name: L, decomposition: top-eigenvalues, of: G, count: k}
                  - {name: P, decomposition: top-eigenvectors, of: S, count: k}
                  - {name: M, decomposition: top-eigenvalues, of: S, count: k}
                centre: []
                reference: Y
                """);
        assertThat(p.exact).isTrue();
        for (long seed = 0; seed < 20; seed++) {
            ExactTrial t = ExactTrial.draw(p, seed, seed % 2 == 0, 0, seed % 3 == 0);
            assertThat(zeroAt(t, p, "G V - V L")).isTrue();
            assertThat(zeroAt(t, p, "V^\\top V - I_k")).isTrue();
            assertThat(zeroAt(t, p, "S P - P M")).isTrue();
            assertThat(zeroAt(t, p, "S - S^\\top")).isTrue();
            assertThat(zeroAt(t, p, "P^\\top P - I_k")).isTrue();
            assertThat(zeroAt(t, p, "G V - 2 V L")).isFalse();
        }
    }

    @Test
    void aDecompositionThatCannotBeDrawnExactlyFallsBackToFloatingPoint() throws Exception {
        String yaml = """
                mode: substitution
                dimensions: {names: [m, n, k], constraints: ["k < m < n"]}
                symbols: [{name: X, shape: m x n}, {name: W_1, shape: k x m}, {name: W_2, shape: m x k}]
                derived:
                  - {name: C, definition: 'X X^\\top + I_m'}
                  - {name: U_k, decomposition: top-eigenvectors, of: C, count: k}
                assign: [W_1, W_2]
                conditions:
                  - {equation: '(I - W_2W_1)CW_1^\\top = 0'}
                """;
        assertThat(problem(yaml).exact).isFalse();
        CatalogQuestion q = Fixtures.question(yaml);
        assertThat(Fixtures.grade(q, "W_1 = U_k^\\top\nW_2 = U_k").notes()).containsExactly("CONDITION_HOLDS");
        assertThat(Fixtures.grade(q, "W_1 = U_k^\\top\nW_2 = 2U_k").notes()).contains("CONDITION_FAILS");
    }

    @Test
    void aNormToAnOddPowerIsAVariableOfItsOwn() throws Exception {
        CatalogQuestion q = Fixtures.question("""
                mode: expression
                dimensions: {names: [n]}
                symbols: [{name: A, shape: n x n}, {name: B, shape: n x n}]
                answerShape: n x n
                reference: '\\|A\\|_F B'
                """);
        assertThat(Fixtures.grade(q, "\\|A^\\top\\|_F B").notes()).as("‖Aᵀ‖² = ‖A‖²: the same variable").containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "\\|-A\\|_F B").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "B \\|A\\|_F").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "\\frac{\\|A\\|_F^3}{\\|A\\|_F^2} B").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "\\|A\\|_F B^\\top").notes()).contains("NOT_EQUIVALENT", "MISSING_TRANSPOSE");
        assertThat(Fixtures.grade(q, "\\|B\\|_F B").notes()).contains("NOT_EQUIVALENT");
        for (String hidden : List.of("\\|A\\|_F B + 0.000000000001 A", "\\|A\\|_F B + 0.000001 A B A B A B A",
                "\\|A\\|_F B + " + "A ".repeat(200) + "- " + "A ".repeat(200) + "+ B", "\\|A\\|_F B + \\|A\\|_F \\|A\\|_F A - \\|A\\|_F^2 A + A")) {
            var g = Fixtures.grade(q, hidden);
            assertThat(g.notes()).as(hidden).doesNotContain("EQUIVALENT");
            assertThat(g.score()).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\\|A\\|_F               ; \\frac{A}{\\|A\\|_F}",
            "\\|A\\|_F^3             ; 3 \\|A\\|_F A",
            "\\|A B\\|_F             ; \\frac{A B B^\\top}{\\|A B\\|_F}",
            "\\operatorname{tr}(A) \\|B\\|_F ; \\|B\\|_F I_n",
    })
    void theGradientOfANormToAnOddPowerIsExactToo(String function, String reference) throws Exception {
        CatalogQuestion q = gradientQuestion(function.trim(), reference.trim());
        assertThat(q.state()).as(q.problems().toString()).isEqualTo(QuestionState.READY);
        assertThat(Fixtures.grade(q, reference.trim()).notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "2 " + reference.trim()).notes()).contains("NOT_EQUIVALENT", "WRONG_FACTOR");
    }

    @Test
    void theGradientOfANormIsGradedAsAStudentWritesIt() throws Exception {
        CatalogQuestion q = gradientQuestion("\\|A\\|_F", "\\frac{A}{\\|A\\|_F}");
        assertThat(q.state()).as("the _F of a norm inside \\frac's braces is not taken for its closing brace").isEqualTo(QuestionState.READY);
        assertThat(Fixtures.grade(q, "\\|A\\|_F^{-1} A").notes()).containsExactly("EQUIVALENT");
        assertThat(Fixtures.grade(q, "\\frac{A^\\top}{\\|A\\|_F}").notes()).contains("NOT_EQUIVALENT", "MISSING_TRANSPOSE");
        // ‖A‖ A / ‖A‖²: true, but it needs ‖A‖·‖A‖ = ‖A‖², which the exact check does not see: refused, not marked wrong
        assertThat(Fixtures.grade(q, "\\frac{\\|A\\|_F A}{\\|A\\|_F^2}").notes()).containsExactly("CANNOT_DECIDE");
    }
}
