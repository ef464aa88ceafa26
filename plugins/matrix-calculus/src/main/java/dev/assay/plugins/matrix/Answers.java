package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting and tidying what students type before it is parsed, and echoing it back. */
final class Answers {
    /** The most lines an answer in equations or substitution mode may have. */
    static final int MAX_LINES = 40;
    private static final Pattern LEFT_SIDE = Pattern.compile(
            "\\\\nabla|\\\\partial|∇|∂|\\bgrad\\b|\\bnabla\\b|\\\\frac\\s*\\{\\s*d|\\bd\\s*L\\s*/|\\bdL\\b");

    private Answers() {
    }

    /** {@code \nabla_{W_1} L = expr} or {@code \frac{\partial L}{\partial W_1} = expr}: only the expression. */
    static String dropLeftSide(String text) {
        int eq = text.indexOf('=');
        if (eq > 0 && LEFT_SIDE.matcher(text.substring(0, eq)).find()) {
            return text.substring(eq + 1);
        }
        return text;
    }

    /** Lines of an answer: newlines, LaTeX's \\, or ';' separate them; wrappers and blank lines are dropped. */
    static List<String> lines(String text) {
        String t = text.replace("\\begin{aligned}", "\n").replace("\\end{aligned}", "\n")
                .replace("\\begin{align*}", "\n").replace("\\end{align*}", "\n").replace("&", " ");
        List<String> out = new ArrayList<>();
        for (String line : t.split("\\r?\\n|\\\\\\\\|;")) {
            String s = line.replace("$", " ").trim();
            if (s.endsWith(",") || s.endsWith(".")) {
                s = s.substring(0, s.length() - 1).trim();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code lhs = rhs} as lhs − rhs, shape-checked; a line without '=' means {@code expr = 0}. */
    static Expr difference(String line, Symbols symbols) throws AnswerException {
        List<Expr> sides = Parser.sides(line, symbols);
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

    static String lineLatex(String line, Symbols symbols) throws AnswerException {
        List<Expr> sides = Parser.sides(line, symbols);
        List<String> parts = new ArrayList<>();
        for (Expr e : sides) {
            parts.add(e == null ? "" : Latex.of(e));
        }
        return String.join(" = ", parts).trim();
    }

    /** The echo of an answer of several lines, each already in LaTeX. */
    static Echo echo(List<String> latexLines) {
        return new Echo(String.join("\n", latexLines), String.join(" \\\\ ", latexLines));
    }
}
