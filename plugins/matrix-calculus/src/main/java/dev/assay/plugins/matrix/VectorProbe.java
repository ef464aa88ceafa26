package dev.assay.plugins.matrix;

import java.util.List;

/**
 * A right answer confirmed at the cost of matrix–vector products: on each exact trial, the
 * answer A and the reference R are applied to a random vector v, A·v and R·v evaluated from the
 * right (and uᵀ·E from the left under a transpose), so each factor costs rows × columns, not a
 * matrix product. If A ≠ R, (A − R)·v is a non-zero polynomial in the entries and v, one degree
 * higher than A − R, and the {@link Bound}s carried through the same exact arithmetic keep the
 * guarantee of {@link Comparison} (A·v = R·v at a random point modulo a random prime with
 * probability about 2⁻²⁹ per trial at most). Only matrix polynomials of drawn symbols are probed
 * (sums, products, transposes, whole powers, numbers, the identity; a power's value is computed
 * whole): anything with a trace, a
 * norm, an inverse, a division, a dimension or a derived symbol goes the full way, as does every
 * answer the probe does not confirm, so a wrong answer still gets its diagnosis.
 */
final class VectorProbe {
    private final ExactEvaluator ev;
    private final ExactArithmetic ops;

    private VectorProbe(ExactEvaluator ev) {
        this.ev = ev;
        this.ops = ev.arithmetic();
    }

    /** Whether the expression is a matrix polynomial of the question's drawn matrices, which the probe can decide. */
    static boolean applies(Problem p, Expr e) {
        if (e instanceof Expr.Sym s) {
            Symbols.Shape shape = p.symbols.shape(s.name());
            return shape != null && !shape.scalar() && p.config.symbols().stream().anyMatch(d -> d.name().equals(s.name()));
        }
        if (e instanceof Expr.Identity id) {
            return id.dim().isEmpty();
        }
        if (e instanceof Expr.Num || e instanceof Expr.Neg || e instanceof Expr.Sum || e instanceof Expr.Product
                || e instanceof Expr.Transpose || e instanceof Expr.Power) {
            return e.children().stream().allMatch(c -> applies(p, c));
        }
        return false;
    }

    /**
     * Whether the answer equals the reference on every exact trial, applied to a random vector,
     * within the bounds where equality is decided; false when it does not, or cannot tell (then the
     * full comparison decides and explains).
     */
    static boolean confirms(Trials trials, Expr answer, Expr reference, String columns) throws InterruptedException {
        try {
            for (int i = 0; i < trials.size(); i++) {
                ExactTrial t = trials.exact(i, 0);
                if (t == null || !t.dims().containsKey(columns)) {
                    return false;
                }
                VectorProbe probe = new VectorProbe(t.evaluator());
                ModVal v = trials.probeVector(i, t.field(), t.dims().get(columns));
                ModVal a = probe.right(answer, v);
                ModVal r = probe.right(reference, v);
                if (!a.isMatrix() || !r.isMatrix() || !a.sameEntries(r) || !a.bound.difference(r.bound).decidable()) {
                    return false;
                }
            }
            return true;
        } catch (Singular never) {
            return false; // nothing probed inverts
        }
    }

    /** e·v. */
    private ModVal right(Expr e, ModVal v) throws InterruptedException, Singular {
        if (e instanceof Expr.Neg n) {
            return ops.neg(right(n.x(), v));
        }
        if (e instanceof Expr.Sum s) {
            ModVal acc = null;
            for (Expr t : s.terms()) {
                if (!ShapeChecker.isZero(t)) {
                    ModVal tv = right(t, v);
                    acc = acc == null ? tv : ops.add(acc, tv);
                }
            }
            return acc == null ? ops.multiply(ev.eval(new Expr.Num(0)), v) : acc;
        }
        if (e instanceof Expr.Product p) {
            ModVal acc = v;
            List<Expr> f = p.factors();
            for (int i = f.size() - 1; i >= 0; i--) {
                acc = right(f.get(i), acc);
            }
            return acc;
        }
        if (e instanceof Expr.Transpose t) {
            return ops.transpose(left(ops.transpose(v), t.x()));
        }
        // a symbol, a number, the identity, or a power, whose value is computed whole (applied factor by factor, nested
        // powers would cost their exponents' product)
        return ops.multiply(ev.eval(e), v);
    }

    /** u·e, u a row vector. */
    private ModVal left(ModVal u, Expr e) throws InterruptedException, Singular {
        if (e instanceof Expr.Neg n) {
            return ops.neg(left(u, n.x()));
        }
        if (e instanceof Expr.Sum s) {
            ModVal acc = null;
            for (Expr t : s.terms()) {
                if (!ShapeChecker.isZero(t)) {
                    ModVal tv = left(u, t);
                    acc = acc == null ? tv : ops.add(acc, tv);
                }
            }
            return acc == null ? ops.multiply(u, ev.eval(new Expr.Num(0))) : acc;
        }
        if (e instanceof Expr.Product p) {
            ModVal acc = u;
            for (Expr f : p.factors()) {
                acc = left(acc, f);
            }
            return acc;
        }
        if (e instanceof Expr.Transpose t) {
            return ops.transpose(right(t.x(), ops.transpose(u)));
        }
        return ops.multiply(u, ev.eval(e));
    }
}
