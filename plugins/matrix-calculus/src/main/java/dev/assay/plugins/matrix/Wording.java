package dev.assay.plugins.matrix;

import java.util.List;
import java.util.Locale;

/**
 * What a student reads in a grade's diagnosis, in one place, so that the wording can be reviewed
 * and changed without touching how answers are graded. LaTeX goes between {@code $…$}. Advice a
 * question can replace is a {@link Hint}.
 */
final class Wording {
    private Wording() {
    }

    // ---------------------------------------------------------------- any mode

    static String tooManyLines() {
        return "Write at most " + Answers.MAX_LINES + " lines.";
    }

    static String onLine(int line, String message) {
        return "Line " + line + ": " + message;
    }

    /** An unknown symbol, where it is (the symbol between ⟨⟩ in the text around it) and what it may have been meant as. */
    static String unknownSymbol(String symbol, String where, List<String> known, String suggestion) {
        return "The symbol " + symbol + " in “" + where + "” is not one of this question's (" + String.join(", ", known) + ")."
                + (suggestion == null ? " If it is your own abbreviation, define it: add “where " + symbol + " = …” after your answer."
                : " Did you mean $" + suggestion + "$?");
    }

    static String definitionsTooLong(int limit) {
        return "With your definitions put in, the answer would be longer than " + limit
                + " symbols written out, the limit for any answer. Write it more simply.";
    }

    static String reservedName(String name) {
        return "$" + name + "$ cannot name your own abbreviation: it means " + (name.equals("I") ? "the identity" : "a transpose")
                + ". Choose another letter.";
    }

    static String definedTwice(String name) {
        return "$" + name + "$ is defined twice; give each abbreviation its own name.";
    }

    static String inDefinition(String name, String message) {
        return "In your definition of $" + name + "$: " + message;
    }

    static String identitySizeUnknown() {
        return "the size of $I$ cannot be told from the definition alone; write $I_k$, $I_m$, … .";
    }

    static String nothingToRead() {
        return "There is no expression to read.";
    }

    static String nothingBeforeEquals() {
        return "The answer starts with '='; write the expression.";
    }

    static String oneExpression(int statements) {
        return "Write one expression (this answer has " + statements + " separate statements; a line that continues a chain starts"
                + " with '=').";
    }

    /** A chain whose last expression is right but an earlier one is not. */
    static String chainBreaks(Expr side, String name) {
        return "Your final expression is " + name + ", but the chain before it does not hold: $" + Latex.of(side)
                + "$ is not equal to it (it differs on random matrices).";
    }

    /** A link of a chain in equations mode that does not equal the next. */
    static String chainLinkBreaks(Expr side, Expr next) {
        return "the chain does not hold: $" + Latex.of(side) + "$ is not equal to $" + Latex.of(next)
                + "$ (they differ on random matrices), so the condition it ends with is not credited.";
    }

    // ---------------------------------------------------------------- expression mode

    /** What the answer is called in feedback: the question's answerName, or "the answer". */
    static String answerName(MatrixConfig c) {
        return c.answerName() == null ? "the answer" : "$" + c.answerName() + "$";
    }

    static String unreadable(String message) {
        return message + " Check the expression and submit again.";
    }

    static String notConforming(String mismatch) {
        return "Your expression does not conform: " + mismatch;
    }

    static String wrongShape(String shape, String name, String expected, String withRespectTo) {
        String wrt = withRespectTo == null ? "" : ", the shape of $" + withRespectTo + "$";
        return "Your answer is " + shape + "; " + name + " must be " + expected + wrt + ". A gradient always has the shape of "
                + "the variable it is taken with respect to.";
    }

    static String equivalent(String name) {
        return "Correct: your expression equals " + name + ".";
    }

    static String anticipated(String feedback) {
        return feedback == null ? "This is a known mistake." : feedback;
    }

    static String notDefined(Expr singular) {
        return "Your expression is not defined: $" + Latex.of(singular)
                + "$ is not invertible (for these shapes it never is, or it is zero).";
    }

    /** The hint completes the sentence (see {@link Hint#WRONG_SIGN}). */
    static String wrongSign(String name, String hint) {
        return "Your answer is the negative of " + name + ": " + hint;
    }

    static String wrongFactor(double alpha, String name, String hint) {
        return "Your answer is " + factor(alpha) + " " + name
                + ": the shape and structure are right, but a constant factor is off (a lost factor "
                + number(1 / alpha) + "?). " + hint;
    }

    /** A whole answer of 0 where the reference is not zero. */
    static String zeroIsNot(String name, String shape, boolean gradient) {
        String zero = shape == null ? "the zero matrix" : "the " + shape + " zero matrix";
        String why = gradient ? " Setting the gradient to zero is the condition for an optimum; this question asks for the"
                + " gradient itself, as an expression in the question's symbols." : " Write the expression itself.";
        return "Your answer reads as " + zero + ", but " + name + " is not zero (it differs from zero on random matrices)." + why;
    }

    static String notEqual(String shape, String name) {
        return "Your expression has the right shape (" + shape + ") but is not equal to " + name
                + " (it differs on random matrices).";
    }

    /** One transpose toggled makes the answer right: {@code node} is what was (or was not) transposed. */
    static String missingTranspose(Expr node, boolean fromMismatch) {
        String what = node instanceof Expr.Transpose t
                ? "$" + Latex.of(t.x()) + "$ should not be transposed"
                : "$" + Latex.of(node) + "$ needs a transpose";
        return (fromMismatch ? "The fix is one transpose: " : "") + what + "; with that change your answer would be right.";
    }

    static String wrongOrder(Expr a, Expr b) {
        return "$" + Latex.of(a) + "$ and $" + Latex.of(b)
                + "$ are in the wrong order: matrix products do not commute. Swapped, your answer would be right.";
    }

    // ---------------------------------------------------------------- equations mode

    static String noConditions() {
        return "Write the conditions, one equation per line.";
    }

    static String exactlyTheConditions() {
        return "Correct: your equations are exactly the conditions.";
    }

    /** A condition as feedback names it: its description, or its equation. */
    static String condition(MatrixConfig.Condition c) {
        return c.description() != null ? c.description() : "$" + c.equation() + "$";
    }

    /** Conditions not stated, and lines (numbered from 1) that state none of them; either may be empty. */
    static String missingAndExtra(List<String> missing, List<Integer> extra) {
        StringBuilder fb = new StringBuilder();
        if (!missing.isEmpty()) {
            fb.append("Missing: ").append(String.join("; ", missing)).append(". ");
        }
        if (!extra.isEmpty()) {
            fb.append("Line").append(extra.size() > 1 ? "s " : " ").append(extra).append(extra.size() > 1 ? " do" : " does")
                    .append(" not match any of the conditions (not even up to a constant factor or a transpose).");
        }
        return fb.toString().trim();
    }

    // ---------------------------------------------------------------- substitution mode

    static String startWithAssignments(List<String> unassigned) {
        return "Start with the assignments, one per line: " + String.join(", ", unassigned.stream()
                .map(s -> "$" + s + " = \\dots$").toList()) + ".";
    }

    static String assignmentDoesNotFit(String symbol, String symbolShape, Expr value, String valueShape) {
        return "$" + symbol + "$ is " + symbolShape + " but $" + Latex.of(value) + "$ is " + valueShape
                + ": the assignment does not fit. (Which of the two should be transposed?)";
    }

    static String conditionsHold() {
        return "Your choice satisfies every condition.";
    }

    static String conditionsFail(List<String> failing) {
        return "With your choice this condition does not hold: " + String.join("; ", failing) + ".";
    }

    static String nothingToContinue(int line) {
        return "Line " + line + " starts with '=' but there is no line before it to continue.";
    }

    static String stepDoesNotFollow(int line, Expr left, Expr right, String why) {
        return "Line " + line + " does not follow: $" + Latex.of(left) + " = " + Latex.of(right)
                + "$ is not true with your choice. " + why;
    }

    static String sidesDiffer(String left, String right) {
        return "The left side is " + left + " but the right side is " + right + ": an equation needs the same shape on both sides.";
    }

    static String sidesDifferByFactor(double alpha) {
        return "The two sides differ by the factor " + number(alpha) + ".";
    }

    static String derivationChecksOut() {
        return "Every line of your derivation checks out.";
    }

    // ---------------------------------------------------------------- numbers

    /** A constant factor in words: "half of", "twice", or "α times". */
    static String factor(double alpha) {
        if (Math.abs(alpha - 0.5) < 1e-9) {
            return "half of";
        }
        if (Math.abs(alpha - 2) < 1e-9) {
            return "twice";
        }
        if (Math.abs(alpha + 0.5) < 1e-9) {
            return "minus half of";
        }
        return number(alpha) + " times";
    }

    /** A whole number as such, else four significant digits. */
    static String number(double d) {
        return Math.abs(d - Math.rint(d)) < 1e-9 ? String.valueOf((long) Math.rint(d))
                : String.format(Locale.ROOT, "%.4g", d);
    }
}
