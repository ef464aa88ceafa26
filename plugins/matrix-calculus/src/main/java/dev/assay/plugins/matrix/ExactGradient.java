package dev.assay.plugins.matrix;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The gradient of a scalar expression with respect to a symbol, exactly, by reverse accumulation
 * over the values {@link ExactEvaluator} computed for each node (one forward and one backward
 * pass), so instructors need not type the reference gradient.
 */
final class ExactGradient {
    private final ExactEvaluator evaluator;
    private final ExactArithmetic ops;
    private final PrimeField f;
    /** Each node's value, from the forward pass. */
    private Map<Expr, ModVal> memo;
    /** ‖x‖² of each norm node, from the forward pass. */
    private Map<Expr, ModVal> squares;

    ExactGradient(ExactEvaluator evaluator) {
        this.evaluator = evaluator;
        this.ops = evaluator.arithmetic();
        this.f = evaluator.field();
    }

    /**
     * The gradient of the scalar {@code fn} with respect to the symbol {@code wrt}, exactly, by
     * reverse accumulation (one forward and one backward pass). Other symbols, derived ones
     * included, are held fixed, as a derivative by moving {@code wrt} alone would.
     */
    ModVal of(Expr fn, String wrt) throws InterruptedException, Singular {
        memo = new IdentityHashMap<>();
        squares = new IdentityHashMap<>();
        try {
            ModVal value = evaluator.evalRecording(fn, memo, squares);
            ModVal w = evaluator.symbolValue(wrt);
            long[] grad = new long[w.data.length];
            backward(fn, ModVal.scalar(f.one, Bound.ONE), wrt, grad, w);
            // each norm variable t moves with the entries (dt = ‖x‖⁻¹ x·dx): one more factor t above and below
            int k = ExactEvaluator.normVariables(fn);
            Bound b = value.bound.derivative().times(new Bound(k, k, 0, 0), 1).times(Bound.constant(k + 1, 1), 1);
            return w.isMatrix() ? ModVal.matrix(w.rows, w.cols, grad, b) : ModVal.scalar(grad[0], b);
        } finally {
            memo = null;
            squares = null;
        }
    }

    private static boolean mentions(Expr e, String name) {
        if (e instanceof Expr.Sym s) {
            return s.name().equals(name);
        }
        for (Expr c : e.children()) {
            if (mentions(c, name)) {
                return true;
            }
        }
        return false;
    }

    private void backward(Expr e, ModVal adj, String wrt, long[] grad, ModVal w) throws InterruptedException, Singular {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!mentions(e, wrt)) {
            return;
        }
        if (e instanceof Expr.Sym) {
            ModVal g = w.isMatrix() ? adj.asMatrix(w.rows) : adj;
            for (int i = 0; i < grad.length; i++) {
                grad[i] = f.add(grad[i], g.data[i]);
            }
        } else if (e instanceof Expr.Neg n) {
            backward(n.x(), ops.neg(adj), wrt, grad, w);
        } else if (e instanceof Expr.Transpose t) {
            backward(t.x(), ops.transpose(adj), wrt, grad, w);
        } else if (e instanceof Expr.Sum s) {
            ModVal whole = memo.get(e);
            for (Expr t : s.terms()) {
                if (memo.get(t).kind != ModVal.Kind.SCALAR || whole.kind == ModVal.Kind.SCALAR) {
                    backward(t, adj, wrt, grad, w);
                }
            }
        } else if (e instanceof Expr.Product p) {
            int n = p.factors().size();
            ModVal[] prefix = new ModVal[n + 1];
            ModVal[] suffix = new ModVal[n + 1];
            for (int i = 0; i < n; i++) {
                ModVal v = memo.get(p.factors().get(i));
                prefix[i + 1] = prefix[i] == null ? v : ops.multiply(prefix[i], v);
            }
            for (int i = n - 1; i >= 0; i--) {
                ModVal v = memo.get(p.factors().get(i));
                suffix[i] = suffix[i + 1] == null ? v : ops.multiply(v, suffix[i + 1]);
            }
            for (int i = 0; i < n; i++) {
                Expr factor = p.factors().get(i);
                if (!mentions(factor, wrt)) {
                    continue;
                }
                backward(factor, productAdjoint(memo.get(factor), adj, prefix[i], suffix[i + 1]), wrt, grad, w);
            }
        } else if (e instanceof Expr.Div d) {
            ModVal den = memo.get(d.den());
            long invDen = f.inv(den.coefficient());
            backward(d.num(), ops.scale(adj, invDen, Bound.ONE), wrt, grad, w);
            long dDen = f.neg(f.mul(ops.inner(adj, memo.get(e)), invDen));
            backward(d.den(), ModVal.scalar(dDen, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Inverse inv) {
            ModVal vt = ops.transpose(memo.get(e));
            backward(inv.x(), ops.neg(ops.multiply(ops.multiply(vt, adj), vt)), wrt, grad, w);
        } else if (e instanceof Expr.Norm n) { // ∂‖x‖ = ‖x‖⁻¹ x, as a student writes it
            long norm = memo.get(e).coefficient();
            if (norm == 0) {
                throw new Singular(e); // ‖x‖ has no gradient where x = 0
            }
            long c = f.mul(adj.coefficient(), f.inv(norm));
            backward(n.x(), ops.scale(memo.get(n.x()), c, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Power pw && pw.x() instanceof Expr.Norm n) { // ∂‖x‖^e = e‖x‖^(e−2) x
            long squared = squares.get(n).coefficient();
            int e2 = pw.exponent() - 2;
            long lower = e2 % 2 == 0 ? f.pow(squared, e2 / 2)
                    : f.mul(evaluator.normOf(squares.get(n)).coefficient(), f.pow(squared, e2 / 2)); // ‖x‖·(‖x‖²)^j for e − 2 = 2j + 1
            long c = f.mul(f.mul(f.of(pw.exponent()), lower), adj.coefficient());
            backward(n.x(), ops.scale(memo.get(n.x()), c, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Power pw) {
            ModVal xt = ops.transpose(memo.get(pw.x()));
            ModVal[] powers = new ModVal[pw.exponent()];
            for (int i = 0; i < powers.length; i++) {
                powers[i] = i == 0 ? null : i == 1 ? xt : ops.multiply(powers[i - 1], xt);
            }
            ModVal sum = null;
            for (int i = 0; i < powers.length; i++) {
                ModVal left = powers[i];
                ModVal right = powers[powers.length - 1 - i];
                ModVal term = left == null ? adj : ops.multiply(left, adj);
                term = right == null ? term : ops.multiply(term, right);
                sum = sum == null ? term : ops.add(sum, term);
            }
            backward(pw.x(), sum, wrt, grad, w);
        } else if (e instanceof Expr.Trace t) {
            ModVal x = memo.get(t.x());
            ModVal a = x.isMatrix() ? ModVal.eye(adj.coefficient(), Bound.ONE, x.rows) : adj;
            backward(t.x(), a, wrt, grad, w);
        } else {
            throw new IllegalStateException("no derivative for " + e);
        }
    }

    /** The adjoint of one factor of P·x·S, given the product's adjoint: Pᵀ·adj·Sᵀ, or ⟨adj, P·S⟩ for a scalar x. */
    private ModVal productAdjoint(ModVal factor, ModVal adj, ModVal before, ModVal after) {
        if (!factor.isMatrix()) {
            ModVal rest = before == null ? after : after == null ? before : ops.multiply(before, after);
            long c = rest == null ? adj.coefficient() : ops.inner(adj, rest);
            return ModVal.scalar(c, Bound.ONE);
        }
        ModVal out = before == null ? adj : ops.multiply(ops.transpose(before), adj);
        return after == null ? out : ops.multiply(out, ops.transpose(after));
    }
}
