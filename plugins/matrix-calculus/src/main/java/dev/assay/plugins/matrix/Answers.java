package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import java.util.ArrayList;
import java.util.List;

/** Equations as differences, and echoing answers of several lines back ({@link Reader} reads them). */
final class Answers {
    /** The most lines an answer in equations or substitution mode may have. */
    static final int MAX_LINES = 40;
    private Answers() {
    }

    /** {@code lhs = rhs} as lhs − rhs, shape-checked; a line without '=' means {@code expr = 0}. */
    static Expr difference(String line, Symbols symbols) throws AnswerException {
        return difference(Parser.sides(line, symbols), symbols);
    }

    /** The sides of {@code lhs = rhs} (the student's definitions substituted) as lhs − rhs. */
    static Expr difference(List<Expr> sides, Symbols symbols) throws AnswerException {
        if (sides.get(0) == null || sides.size() > 2) {
            throw new AnswerException("PARSE_ERROR", "write one equation, lhs = rhs");
        }
        ShapeChecker checker = new ShapeChecker(symbols);
        ShapeChecker.MShape left = checker.shape(sides.get(0));
        if (sides.size() == 1 || ShapeChecker.isZero(sides.get(1))) {
            return sides.get(0);
        }
        ShapeChecker.MShape right = checker.shape(sides.get(1));
        if (!ShapeChecker.isZero(sides.get(0)) && !checker.sameShape(left, right)) {
            throw new AnswerException("DIMENSION_MISMATCH", "the left side is " + checker.describe(left)
                    + " but the right side is " + checker.describe(right) + ".");
        }
        return new Expr.Sum(List.of(sides.get(0), new Expr.Neg(sides.get(1))));
    }

    /**
     * The links of a line in equations mode. {@code lhs = rhs} is one link pair as written; a longer
     * chain is read only where its form leaves one reading: it ends in zero ({@code a = b = 0}, a
     * gradient's name already dropped), so each link restates the next and the last non-zero one,
     * set to zero, is the condition. The links are returned without the trailing zeros; every one
     * must equal the next (the caller checks that on the trials). Any other chain ({@code a = b = c})
     * states two conditions at once and is refused, saying so.
     */
    static List<Expr> chainLinks(List<Expr> sides) throws AnswerException {
        if (sides.size() <= 2 || sides.get(0) == null) {
            return null;
        }
        int kept = sides.size();
        while (kept > 1 && ShapeChecker.isZero(sides.get(kept - 1))) {
            kept--;
        }
        if (kept == sides.size()) {
            throw new AnswerException("PARSE_ERROR", "a chain a = b = c states two equations at once: write each on its own line,"
                    + " or end the chain with = 0 (a = b = 0 sets both to zero).");
        }
        return List.copyOf(sides.subList(0, kept));
    }

    static String lineLatex(List<Expr> sides) {
        List<String> parts = new ArrayList<>();
        for (Expr e : sides) {
            parts.add(e == null ? "" : Latex.of(e));
        }
        return String.join(" = ", parts).trim();
    }

    /** The echo of an answer of several lines, each already in LaTeX, and the student's definitions. */
    static Echo echo(List<String> latexLines, Reader.Reading reading) {
        List<String> all = new ArrayList<>(latexLines);
        if (!reading.definitionsShown().isEmpty()) {
            all.add("\\text{where } " + String.join(",\\ ", reading.definitionsShown()));
        }
        return echo(all);
    }

    /** The echo of an answer of several lines, each already in LaTeX. */
    static Echo echo(List<String> latexLines) {
        return new Echo(String.join("\n", latexLines), String.join(" \\\\ ", latexLines));
    }
}
