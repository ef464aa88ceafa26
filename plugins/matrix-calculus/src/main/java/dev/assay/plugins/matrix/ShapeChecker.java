package dev.assay.plugins.matrix;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Infers the shape of an expression in symbolic dimensions, with unification for the identity's
 * size. A product or sum that does not conform is DIMENSION_MISMATCH, naming the shapes involved.
 */
public final class ShapeChecker {

    /** A dimension: a declared name, or a variable (an identity's size not yet known). */
    record Dim(String name, int var) {
        static Dim named(String n) {
            return new Dim(n, -1);
        }
    }

    /** rows × cols, or a scalar (both null). */
    public record MShape(Dim rows, Dim cols) {
        static final MShape SCALAR = new MShape(null, null);

        boolean scalar() {
            return rows == null;
        }
    }

    private final Symbols symbols;
    private final Map<Integer, Dim> bound = new HashMap<>();
    private int vars;

    public ShapeChecker(Symbols symbols) {
        this.symbols = symbols;
    }

    private Dim resolve(Dim d) {
        while (d.var() >= 0 && bound.containsKey(d.var())) {
            d = bound.get(d.var());
        }
        return d;
    }

    private boolean unify(Dim a, Dim b) {
        a = resolve(a);
        b = resolve(b);
        if (a.equals(b)) {
            return true;
        }
        if (a.var() >= 0) {
            bound.put(a.var(), b);
            return true;
        }
        if (b.var() >= 0) {
            bound.put(b.var(), a);
            return true;
        }
        return Objects.equals(a.name(), b.name());
    }

    /** The shape as declared names, e.g. "k×m", after unification. */
    public String describe(MShape s) {
        if (s.scalar()) {
            return "a scalar";
        }
        return name(s.rows()) + "×" + name(s.cols());
    }

    private String name(Dim d) {
        Dim r = resolve(d);
        return r.var() >= 0 ? "?" : r.name();
    }

    /** The shape in declared names, as a symbol is declared with it; null while a size is unknown (a bare I). */
    Symbols.Shape declared(MShape s) {
        if (s.scalar()) {
            return Symbols.Shape.SCALAR;
        }
        Dim rows = resolve(s.rows());
        Dim cols = resolve(s.cols());
        return rows.var() >= 0 || cols.var() >= 0 ? null : new Symbols.Shape(rows.name(), cols.name());
    }

    public boolean sameShape(MShape a, MShape b) {
        if (a.scalar() || b.scalar()) {
            return a.scalar() == b.scalar();
        }
        return unify(a.rows(), b.rows()) && unify(a.cols(), b.cols());
    }

    public MShape of(Symbols.Shape declared) {
        return declared.scalar() ? MShape.SCALAR : new MShape(Dim.named(declared.rows()), Dim.named(declared.cols()));
    }

    /** An expression as it reads inside a sentence: $…$, a sum in parentheses. */
    static String math(Expr e) {
        String l = Latex.of(e);
        return "$" + (e instanceof Expr.Sum ? "(" + l + ")" : l) + "$";
    }

    private static AnswerException mismatch(String message) {
        return new AnswerException("DIMENSION_MISMATCH", message);
    }

    public MShape shape(Expr e) throws AnswerException {
        if (e instanceof Expr.Num) {
            return MShape.SCALAR;
        }
        if (e instanceof Expr.Sym s) {
            return of(symbols.shape(s.name()));
        }
        if (e instanceof Expr.Identity id) {
            Dim d = id.dim().isEmpty() ? new Dim(null, vars++) : Dim.named(id.dim());
            return new MShape(d, d);
        }
        if (e instanceof Expr.Neg n) {
            return shape(n.x());
        }
        if (e instanceof Expr.Transpose t) {
            MShape s = shape(t.x());
            return s.scalar() ? s : new MShape(s.cols(), s.rows());
        }
        if (e instanceof Expr.Inverse inv) {
            MShape s = shape(inv.x());
            if (!s.scalar() && !unify(s.rows(), s.cols())) {
                throw mismatch(math(inv.x()) + " is " + describe(s) + ": only square matrices have inverses.");
            }
            return s;
        }
        if (e instanceof Expr.Power p) {
            MShape s = shape(p.x());
            if (!s.scalar() && !unify(s.rows(), s.cols())) {
                throw mismatch(math(p.x()) + " is " + describe(s) + ": only square matrices have powers.");
            }
            return s;
        }
        if (e instanceof Expr.Trace t) {
            MShape s = shape(t.x());
            if (!s.scalar() && !unify(s.rows(), s.cols())) {
                throw mismatch(math(t.x()) + " is " + describe(s) + ": the trace needs a square matrix.");
            }
            return MShape.SCALAR;
        }
        if (e instanceof Expr.Norm n) {
            shape(n.x());
            return MShape.SCALAR;
        }
        if (e instanceof Expr.Div d) {
            MShape den = shape(d.den());
            if (!den.scalar()) {
                throw mismatch("Dividing by " + math(d.den()) + ", which is " + describe(den)
                        + ", is not defined: divide by scalars only, or multiply by an inverse.");
            }
            return shape(d.num());
        }
        if (e instanceof Expr.Sum s) {
            MShape acc = null;
            Expr first = null;
            for (Expr t : s.terms()) {
                if (isZero(t)) {
                    continue;
                }
                MShape ts = shape(t);
                if (acc == null) {
                    acc = ts;
                    first = t;
                } else if (acc.scalar() != ts.scalar() || !sameShape(acc, ts)) {
                    throw mismatch("Cannot add " + math(first) + ", which is " + describe(acc) + ", and "
                            + math(t) + ", which is " + describe(ts) + ".");
                }
            }
            return acc == null ? MShape.SCALAR : acc;
        }
        if (e instanceof Expr.Product p) {
            MShape acc = MShape.SCALAR;
            Expr last = null;
            MShape lastShape = null;
            for (Expr f : p.factors()) {
                MShape fs = shape(f);
                if (fs.scalar()) {
                    continue;
                }
                if (acc.scalar()) {
                    acc = fs;
                } else {
                    if (!unify(acc.cols(), fs.rows())) {
                        throw mismatch(math(last) + " is " + describe(lastShape) + " but " + math(f) + " is " + describe(fs)
                                + ": " + name(acc.cols()) + " ≠ " + name(fs.rows()) + ", so they cannot be multiplied.");
                    }
                    acc = new MShape(acc.rows(), fs.cols());
                }
                last = f;
                lastShape = fs;
            }
            return acc;
        }
        throw new IllegalStateException("unknown node " + e);
    }

    static boolean isZero(Expr e) {
        return e instanceof Expr.Num n && n.value() == 0 || e instanceof Expr.Neg neg && isZero(neg.x());
    }
}
