package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The forms students really write, table first (as STACK's answer-test fixtures): what was typed,
 * and how it reads (the echo), graded on hw7's questions. Columns are separated by '|'.
 */
class ReaderTest {

    /** hw7 3.b(i), ∇_{W_1} L = −2W_2ᵀ(X − W_2W_1X)Xᵀ: each reads as shown, and is right. */
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # a one-character superscript binds one token: ^TW is a transpose, then W
            -2W_2^TXX^T + 2W_2^TW_2W_1XX^T                      | -2 W_2^\\top X X^\\top + 2 W_2^\\top W_2 W_1 X X^\\top
            2W_2^TW_2W_1XX^T-2W_2^TXX^T                         | 2 W_2^\\top W_2 W_1 X X^\\top - 2 W_2^\\top X X^\\top
            # a gradient set to zero, and chains
            \\nabla_{W_1} L = -2W_2^\\top(X - W_2W_1X)X^\\top = 0  | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            \\nabla_{W_1} L = -2W_2^\\top X X^\\top + 2W_2^\\top W_2 W_1 X X^\\top = -2W_2^\\top(X - W_2W_1X)X^\\top | -2 W_2^\\top X X^\\top + 2 W_2^\\top W_2 W_1 X X^\\top = -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            \\nabla_{W_1} L = -2W_2^\\top(X - W_2W_1X)X^\\top = 0 \\Rightarrow W_2^\\top W_2 W_1 X X^\\top = W_2^\\top X X^\\top | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            # the student's own abbreviations
            -2W_2^\\top E X^\\top where E = X - W_2W_1X           | -2 W_2^\\top E X^\\top \\quad\\text{where } E = X - W_2 W_1 X
            -2W_2^\\top E X^\\top, \\text{where } E = X - W_2W_1X. | -2 W_2^\\top E X^\\top \\quad\\text{where } E = X - W_2 W_1 X
            `let E = X - W_2W_1X \\\\ \\nabla_{W_1} L = -2W_2^\\top E X^\\top` | -2 W_2^\\top E X^\\top \\quad\\text{where } E = X - W_2 W_1 X
            `R = W_2^\\top (X - W_2W_1X)⏎-2RX^\\top`             | -2 R X^\\top \\quad\\text{where } R = W_2^\\top \\left(X - W_2 W_1 X\\right)
            -2 R S where R = W_2^\\top, S = (X - W_2W_1X)X^\\top  | -2 R S \\quad\\text{where } R = W_2^\\top,\\ S = \\left(X - W_2 W_1 X\\right) X^\\top
            # wrappers and decorations
            \\boxed{-2W_2^\\top(X - W_2W_1X)X^\\top}              | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            \\boxed{\\nabla_{W_1} L = -\\frac{4}{2}W_2^\\top(X - W_2W_1X)X^\\top} | -\\frac{4}{2} W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            `\\begin{aligned} \\nabla_{W_1} L &= -2W_2^\\top X X^\\top + 2W_2^\\top W_2W_1XX^\\top \\\\ &= -2W_2^\\top(X - W_2W_1X)X^\\top \\end{aligned}` | -2 W_2^\\top X X^\\top + 2 W_2^\\top W_2 W_1 X X^\\top = -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            -2W_2^\\top(X - W_2W_1X)X^\\top \\quad (2)            | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            -2W_2^\\top(X - W_2W_1X)X^\\top \\tag{3.1}            | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            -2W_2^\\top(X - W_2W_1X)X^\\top \\text{ (by the chain rule)} | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            -2W_2^{\\mathsf{T}}(X - W_2W_1X)X^{\\mathsf T}        | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            -2W_2^\\top(X - W_2W_1X)X^\\top.                      | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            # Unicode from copied text
            −2W₂ᵀ(X − W₂W₁X)Xᵀ                                  | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            −2 W_2^⊤ · (X − W_2 · W_1 · X) · X^⊤                | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            −2 W₂⊤ × (X − W₂ × W₁ × X) × X⊤                     | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            # prose around the maths
            `-2W_2^\\top(X - W_2W_1X)X^\\top, which has the shape of W_1 (k × m)` | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            `The gradient is $-2W_2^\\top(X - W_2W_1X)X^\\top$, which is k × m.` | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            `So the answer is -2W_2^\\top(X - W_2W_1X)X^\\top as expected` | -2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top
            # the identity of the size the context needs
            -2W_2^\\top(I - W_2W_1)XX^\\top                       | -2 W_2^\\top \\left(I - W_2 W_1\\right) X X^\\top
            -2W_2^\\top(\\mathbf{I} - W_2W_1)XX^\\top + 0         | -2 W_2^\\top \\left(I - W_2 W_1\\right) X X^\\top + 0
            -2W_2^\\top(I_{m \\times m} - W_2W_1)XX^\\top + \\mathbf{0}_{k \\times m} | -2 W_2^\\top \\left(I_{m} - W_2 W_1\\right) X X^\\top + 0
            """)
    void readsAsShownAndIsRight(String typed, String reads) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", typed.replace("⏎", "\n"));
        assertThat(g.echo().latex()).as(typed + " → " + g.feedback()).isEqualTo(reads);
        assertThat(g.notes()).as(typed + " → " + g.feedback()).containsExactly("EQUIVALENT");
    }

    /** Strict where strictness teaches: what is really unknown, or does not conform, or does not hold, is still said. */
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -2W_2^\\top(X - W_2W_1X)Q^\\top                    | UNKNOWN_SYMBOL     | ⟨Q⟩
            -2W_2^\\top(X - W_2W_1X)Q^\\top                    | UNKNOWN_SYMBOL     | add “where Q = …”
            -2W^\\top(X - W_2W_1X)X^\\top                      | UNKNOWN_SYMBOL     | Did you mean $W_1$ or $W_2$?
            -2w_2^\\top(X - W_2W_1X)X^\\top                    | UNKNOWN_SYMBOL     | Did you mean $W_2$?
            -2W_2^\\top E X^\\top where E = W_2 X              | DIMENSION_MISMATCH | In your definition of $E$: $W_2$ is m×k but $X$ is m×n
            -2W_2^\\top E X^\\top where E = X - W_2W_1X + Q    | UNKNOWN_SYMBOL     | In your definition of $E$
            -2W_2^\\top E X^\\top where E = E + X              | UNKNOWN_SYMBOL     | In your definition of $E$
            -2W_2^\\top I X^\\top where I = X                  | PARSE_ERROR        | cannot name your own abbreviation
            2W_2^\\top E X^\\top where E = X - W_2W_1X         | WRONG_SIGN         | negative
            -2W_2(X - W_2W_1X)X^\\top = 0                        | DIMENSION_MISMATCH | k ≠ m
            \\nabla_{W_1} L = 2W_2^\\top X X^\\top = -2W_2^\\top(X - W_2W_1X)X^\\top | NOT_EQUIVALENT | the chain before it does not hold
            `-2W_2^\\top(X - W_2W_1X)X^\\top ⏎ W_1 X`           | PARSE_ERROR        | Write one expression
            -2W_2^\\top(X - W_2W_1X))X^\\top                     | PARSE_ERROR        | W_2W_1X)⟨)⟩X⊤”)
            -2W_2^\\top(X - W_2W_1X)X^{-3}                      | PARSE_ERROR        | ⟨-⟩
            """)
    void strictWhereStrictnessTeaches(String typed, String note, String saying) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", typed.replace("⏎", "\n"));
        assertThat(g.notes()).as(typed + " → " + g.feedback()).contains(note);
        assertThat(g.notes()).doesNotContain("EQUIVALENT");
        assertThat(g.score()).isZero();
        assertThat(g.feedback().get(0).markdown()).contains(saying);
    }

    /** Substitution mode (hw7 3.b(ii)): several assignments on one line, however they are joined. */
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `W_1 = U_k^\\top, W_2 = U_k`                                 | W_1 = U_k^\\top⏎W_2 = U_k
            W_1 = U_k^\\top \\text{ and } W_2 = U_k                    | W_1 = U_k^\\top⏎W_2 = U_k
            W_1 = U_k^\\top \\quad W_2 = U_k                           | W_1 = U_k^\\top⏎W_2 = U_k
            `Take $W_1 = U_k^T$ and $W_2 = U_k$.`                          | W_1 = U_k^\\top⏎W_2 = U_k
            W₁ = U_kᵀ; W₂ = U_k                                            | W_1 = U_k^\\top⏎W_2 = U_k
            `W_1 = V^\\top, W_2 = V \\text{ where } V = U_k`           | W_1 = U_k^\\top⏎W_2 = U_k⏎\\text{where } V = U_k
            `W_1 = 0, W_2 = 0`                                             | W_1 = 0⏎W_2 = 0
            `W_1 = \\mathbf{0}_{k \\times m} \\text{ and } W_2 = 0_{m \\times k}` | W_1 = 0⏎W_2 = 0
            """)
    void severalAssignmentsOnOneLine(String typed, String reads) throws Exception {
        Grade g = Fixtures.grade("hw7/3bii-pca", typed);
        assertThat(g.notes()).as(typed + " → " + g.feedback()).containsExactly("CONDITION_HOLDS");
        assertThat(g.echo().text()).isEqualTo(reads.replace("⏎", "\n"));
    }

    /** Equations mode (hw7 3.b(i) conditions): abbreviations, gradients set to zero. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `E = X - W_2W_1X ⏎ E(W_1X)^\\top = 0 ⏎ W_2^\\top E X^\\top = 0`
            `\\nabla_{W_2} L = -2(X - W_2W_1X)(W_1X)^\\top = 0 ⏎ \\nabla_{W_1} L = -2W_2^\\top(X - W_2W_1X)X^\\top = 0`
            `(X - W_2W_1X)(W_1X)^T = 0, \\quad W_2^TXX^T = W_2^TW_2W_1XX^T`
            `(X - W_2W_1X)(W_1X)^\\top = \\mathbf{0}_{m \\times k} ⏎ W_2^\\top(X - W_2W_1X)X^\\top = 0_{k \\times m}`
            `\\begin{aligned} (X - W_2W_1X)(W_1X)^\\top &= 0 \\\\ W_2^\\top(X - W_2W_1X)X^\\top &= 0 \\end{aligned}`
            # chains that end in zero: each link equals the next, the last is the condition
            `\\nabla_{W_2} L = -2(X - W_2W_1X)(W_1X)^\\top = -2(X - W_2W_1X)X^\\top W_1^\\top = 0 ⏎ \\nabla_{W_1} L = -2W_2^\\top X X^\\top + 2W_2^\\top W_2W_1XX^\\top = -2W_2^\\top(X - W_2W_1X)X^\\top = 0`
            `W_2W_1XX^\\top W_1^\\top - XX^\\top W_1^\\top = (W_2W_1X - X)(W_1X)^\\top = 0 ⏎ W_2^\\top(X - W_2W_1X)X^\\top = \\mathbf{0} = 0`
            `\\begin{aligned} W_2^\\top X X^\\top - W_2^\\top W_2W_1XX^\\top &= W_2^\\top(X - W_2W_1X)X^\\top \\\\ &= 0 \\end{aligned} ⏎ (X - W_2W_1X)(W_1X)^\\top = 0`
            """)
    void equationsAsWritten(String typed) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-conditions", typed.replace("⏎", "\n"));
        assertThat(g.notes()).as(typed + " → " + g.feedback()).containsExactly("EQUIVALENT");
        assertThat(g.score()).isEqualTo(1.0);
    }

    /** Equations mode: a chain is credited only where each link equals the next, and is read only where it ends in zero. */
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `(X - W_2W_1X)(W_1X)^\\top = 0 ⏎ \\nabla_{W_1} L = 2W_2^\\top X X^\\top = -2W_2^\\top(X - W_2W_1X)X^\\top = 0` | NOT_EQUIVALENT | Line 2: the chain does not hold: $2 W_2^\\top X X^\\top$ is not equal to
            `(X - W_2W_1X)(W_1X)^\\top = 0 ⏎ W_2^\\top X X^\\top = W_2^\\top W_2W_1XX^\\top = W_2^\\top(X - W_2W_1X)X^\\top` | PARSE_ERROR | Line 2: a chain a = b = c states two equations at once
            `(X - W_2W_1X)(W_1X)^\\top = 0 ⏎ W_2^\\top X = W_2^\\top(X - W_2W_1X)X^\\top = 0`  | DIMENSION_MISMATCH | Line 2: the left side is k×n
            """)
    void equationChainsThatDoNotHold(String typed, String note, String saying) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-conditions", typed.replace("⏎", "\n"));
        assertThat(g.notes()).as(typed + " → " + g.feedback()).contains(note);
        assertThat(g.notes()).doesNotContain("EQUIVALENT");
        assertThat(g.score()).isZero();
        assertThat(g.feedback().get(0).markdown()).contains(saying);
    }

    /**
     * Expression mode: a whole answer of 0 is the zero matrix of the shape the question expects, so a
     * gradient set to zero is not equal (said kindly), not a scalar of the wrong shape.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            0                                | 0
            \\nabla_{W_1} L = 0              | 0
            \\mathbf{0}_{k \\times m}        | 0
            \\boxed{\\nabla_{W_1} L = 0}     | 0
            """)
    void zeroIsNotTheGradient(String typed, String reads) throws Exception {
        Grade g = Fixtures.grade("hw7/3bi-grad-w1", typed);
        assertThat(g.notes()).as(typed + " → " + g.feedback()).containsExactly("NOT_EQUIVALENT");
        assertThat(g.score()).isZero();
        assertThat(g.echo().latex()).isEqualTo(reads);
        assertThat(g.feedback().get(0).markdown()).contains("reads as the k×m zero matrix").contains("the gradient itself");
    }

    /** Where the reference is the zero matrix, a 0 is right, and a non-zero matrix is not. */
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            0                        | EQUIVALENT
            \\mathbf{0}             | EQUIVALENT
            `A B - (B^\\top A^\\top)^\\top = 0` | EQUIVALENT
            A B                      | NOT_EQUIVALENT
            """)
    void zeroWhereTheReferenceIsZero(String typed, String note) throws Exception {
        var q = Fixtures.question("""
                mode: expression
                dimensions: {names: [k, m], constraints: ["k < m"]}
                symbols: [{name: A, shape: k x m}, {name: B, shape: m x k}]
                answerShape: k x k
                reference: A B - (B^\\top A^\\top)^\\top
                """);
        Grade g = Fixtures.grade(q, typed);
        assertThat(g.notes()).as(typed + " → " + g.feedback()).contains(note);
        assertThat(g.score()).isEqualTo(note.equals("EQUIVALENT") ? 1.0 : 0.0);
    }
}
