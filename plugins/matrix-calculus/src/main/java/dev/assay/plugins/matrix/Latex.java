package dev.assay.plugins.matrix;

import java.util.Locale;

/** Canonical LaTeX for an expression: how the answer was understood. */
public final class Latex {
    private Latex() {
    }

    public static String of(Expr e) {
        return print(e, 0);
    }

    // precedence: 0 sum, 1 product, 2 unary minus, 3 postfix/atom
    private static String print(Expr e, int outer) {
        String s;
        int prec;
        if (e instanceof Expr.Sym sym) {
            return sym.name();
        } else if (e instanceof Expr.Num n) {
            return n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15 ? String.valueOf((long) n.value())
                    : String.format(Locale.ROOT, "%s", n.value());
        } else if (e instanceof Expr.Identity id) {
            return id.dim().isEmpty() ? "I" : "I_{" + id.dim() + "}";
        } else if (e instanceof Expr.Sum sum) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < sum.terms().size(); i++) {
                Expr t = sum.terms().get(i);
                if (t instanceof Expr.Neg neg) {
                    b.append(i == 0 ? "-" : " - ").append(print(neg.x(), 1));
                } else {
                    b.append(i == 0 ? "" : " + ").append(print(t, 1));
                }
            }
            s = b.toString();
            prec = 0;
        } else if (e instanceof Expr.Product p) {
            StringBuilder b = new StringBuilder();
            Expr prev = null;
            for (Expr f : p.factors()) {
                if (prev != null) {
                    b.append(prev instanceof Expr.Num && f instanceof Expr.Num ? " \\cdot " : " ");
                }
                b.append(print(f, 2));
                prev = f;
            }
            s = b.toString();
            prec = 1;
        } else if (e instanceof Expr.Div d) {
            return "\\frac{" + print(d.num(), 0) + "}{" + print(d.den(), 0) + "}";
        } else if (e instanceof Expr.Neg n) {
            s = "-" + print(n.x(), n.x() instanceof Expr.Product ? 1 : 2);
            prec = 1;
        } else if (e instanceof Expr.Transpose t) {
            return base(t.x()) + "^\\top";
        } else if (e instanceof Expr.Inverse inv) {
            return base(inv.x()) + "^{-1}";
        } else if (e instanceof Expr.Power pw) {
            return base(pw.x()) + "^{" + pw.exponent() + "}";
        } else if (e instanceof Expr.Trace t) {
            return "\\operatorname{tr}(" + print(t.x(), 0) + ")";
        } else if (e instanceof Expr.Norm n) {
            return "\\|" + print(n.x(), 0) + "\\|_F";
        } else {
            throw new IllegalStateException(String.valueOf(e));
        }
        return prec < outer ? "\\left(" + s + "\\right)" : s;
    }

    /** The base of a superscript; one that has a superscript already is grouped, as LaTeX allows only one ({A^{-1}}^{8}). */
    private static String base(Expr x) {
        String b = print(x, 3);
        boolean raised = x instanceof Expr.Transpose || x instanceof Expr.Inverse || x instanceof Expr.Power
                || x instanceof Expr.Sym s && s.name().contains("^");
        return raised ? "{" + b + "}" : b;
    }
}
