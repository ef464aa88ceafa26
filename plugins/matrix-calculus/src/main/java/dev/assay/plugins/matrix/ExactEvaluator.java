package dev.assay.plugins.matrix;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Evaluates an expression exactly, modulo a trial's prime, with the {@link Bound} of each value;
 * run only on shape-checked expressions. Every construct of the language is a rational function
 * of the entries except a Frobenius norm to an odd power (a square root). Such a norm ‖A‖ is
 * evaluated as a variable of its own: a random non-zero value, the same wherever ‖A‖² has the same
 * value (‖A‖, ‖Aᵀ‖ and ‖−A‖ share one), with ‖A‖³ = ‖A‖·‖A‖². That is sound for equivalence: two
 * expressions equal as rational functions of the entries and these variables stay equal when each
 * variable is the square root it stands for. It is not complete: ‖A‖·‖A‖ is not seen to be ‖A‖²,
 * nor ‖2A‖ to be 2‖A‖ (see {@link #hasNormVariable} and where {@link Trials} uses it).
 */
final class ExactEvaluator {
    /** Keeps the random values of norms apart from those of dimensions in disguise. */
    private static final long NORM_DOMAIN = 0x6A09E667F3BCC909L;
    private static final long DISGUISE_DOMAIN = 0xBB67AE8584CAA73BL;

    /** A matrix or scalar that is inverted is singular at this point: the value is undefined. */
    static final class Singular extends Exception {
        final transient Expr what;

        Singular(Expr what) {
            super("singular", null, false, false);
            this.what = what;
        }
    }

    private final PrimeField f;
    private final Map<String, ModVal> values;
    private final Map<String, Integer> dims;
    /** What each dimension name stands for as a scalar: its size, or a random value (see {@link ExactTrial#symbolic}). */
    private final Map<String, ModVal> dimensionScalars;
    /** Seeds the random values of norms and of dimensions in disguise: one per trial and way of drawing it. */
    private final long opaqueSalt;
    /**
     * Scalar subexpressions that are dimensions in disguise, with their value where the dimensions
     * are sizes: with dimensions as random values, each is given a random value of its own (see
     * {@link Trials}); empty otherwise.
     */
    private final Map<Expr, Long> disguised;
    /** Each node's value, kept only while a gradient is taken or the nodes are recorded. */
    private Map<Expr, ModVal> memo;
    /** ‖x‖² of each norm node, kept with {@link #memo} for the backward pass. */
    private Map<Expr, ModVal> squares;

    ExactEvaluator(PrimeField f, Map<String, ModVal> values, Map<String, Integer> dims, Map<String, ModVal> dimensionScalars,
                   long opaqueSalt, Map<Expr, Long> disguised) {
        this.f = f;
        this.values = values;
        this.dims = dims;
        this.dimensionScalars = dimensionScalars;
        this.opaqueSalt = opaqueSalt;
        this.disguised = disguised;
    }

    /** Whether the expression has a norm to an odd power, evaluated as a variable of its own. */
    static boolean hasNormVariable(Expr e) {
        return normVariables(e) > 0;
    }

    /** How many norm variables the expression has: its norms to odd powers. */
    private static int normVariables(Expr e) {
        if (e instanceof Expr.Power pw && pw.x() instanceof Expr.Norm n) {
            return pw.exponent() % 2 + normVariables(n.x());
        }
        int count = e instanceof Expr.Norm ? 1 : 0;
        for (Expr c : e.children()) {
            count += normVariables(c);
        }
        return count;
    }

    ModVal eval(Expr e) throws InterruptedException, Singular {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Long residue = disguised.isEmpty() ? null : disguised.get(e);
        ModVal v = residue != null ? ModVal.scalar(opaque(DISGUISE_DOMAIN, residue), Bound.RANDOM) : compute(e);
        if (memo != null) {
            memo.put(e, v);
        }
        return v;
    }

    /** The expression's value with the value of every node it computed (by node identity). */
    ModVal evalRecording(Expr e, Map<Expr, ModVal> nodes) throws InterruptedException, Singular {
        memo = nodes;
        squares = new IdentityHashMap<>();
        try {
            return eval(e);
        } finally {
            memo = null;
            squares = null;
        }
    }

    /**
     * A random non-zero value for an opaque scalar, determined by the residue it stands for: the
     * same residue gets the same value within a trial, in the answer and in the reference alike.
     * Two different rational functions share a residue only with probability bounded by their
     * degree over p, which {@link #normOf} keeps decidable.
     */
    private long opaque(long domain, long residue) {
        SplittableRandom rnd = Problem.stream(opaqueSalt, domain, f.value(residue));
        long v;
        do {
            v = f.element(rnd);
        } while (v == 0);
        return v;
    }

    /**
     * ‖x‖ for ‖x‖² = squared: the norm variable of that residue, a new variable of degree one; 0 for
     * 0 (‖A − A‖ is 0, and a ‖x‖² that is not zero vanishes at a random point only by the chance
     * Schwartz–Zippel bounds).
     */
    private ModVal normOf(ModVal squared) {
        if (!squared.bound.decidable()) {
            throw new Undecidable(Trials.TOO_LARGE);
        }
        long t = squared.coefficient() == 0 ? 0 : opaque(NORM_DOMAIN, squared.coefficient());
        return ModVal.scalar(t, Bound.RANDOM);
    }

    private ModVal squaredNormOf(Expr.Norm n) throws InterruptedException, Singular {
        ModVal squared = squaredNorm(eval(n.x()));
        if (squares != null) {
            squares.put(n, squared); // the backward pass reads ‖x‖² here
        }
        return squared;
    }

    private ModVal compute(Expr e) throws InterruptedException, Singular {
        if (e instanceof Expr.Num n) {
            return number(n.value());
        }
        if (e instanceof Expr.Sym s) {
            ModVal dimension = dimensionScalars.get(s.name());
            if (dimension != null) {
                return dimension;
            }
            ModVal v = values.get(s.name());
            if (v == null) {
                throw new IllegalStateException("no value for " + s.name());
            }
            return v;
        }
        if (e instanceof Expr.Identity id) {
            Integer size = id.dim().isEmpty() ? null : dims.get(id.dim());
            return size == null ? ModVal.eye(f.one, Bound.ONE, -1) : ModVal.eye(f.one, Bound.ONE, size, dimensionScalars.get(id.dim()));
        }
        if (e instanceof Expr.Neg n) {
            return neg(eval(n.x()));
        }
        if (e instanceof Expr.Transpose t) {
            return transpose(eval(t.x()));
        }
        if (e instanceof Expr.Inverse inv) {
            return inverse(eval(inv.x()), inv.x());
        }
        if (e instanceof Expr.Power p) {
            if (p.x() instanceof Expr.Norm n) {
                ModVal squared = squaredNormOf(n);
                int j = p.exponent() / 2;
                if (p.exponent() % 2 == 0) {
                    return power(squared, j);
                }
                return j == 0 ? normOf(squared) : multiply(normOf(squared), power(squared, j)); // ‖x‖^(2j+1) = ‖x‖·(‖x‖²)^j
            }
            return power(eval(p.x()), p.exponent());
        }
        if (e instanceof Expr.Trace t) {
            return trace(eval(t.x()));
        }
        if (e instanceof Expr.Norm n) {
            return normOf(squaredNormOf(n));
        }
        if (e instanceof Expr.Div d) {
            ModVal den = eval(d.den());
            return multiply(eval(d.num()), inverse(den, d.den()));
        }
        if (e instanceof Expr.Sum s) {
            ModVal acc = null;
            for (Expr t : s.terms()) {
                ModVal v = eval(t);
                acc = acc == null ? v : add(acc, v);
            }
            return acc;
        }
        if (e instanceof Expr.Product p) {
            ModVal acc = null;
            for (Expr x : p.factors()) {
                ModVal v = eval(x);
                acc = acc == null ? v : multiply(acc, v);
            }
            return acc;
        }
        throw new IllegalStateException(String.valueOf(e));
    }

    /** A literal as the exact decimal it was typed as (at most 15 digits, so the double holds it exactly). */
    ModVal number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        BigInteger num = d.unscaledValue();
        BigInteger den = BigInteger.TEN.pow(d.scale());
        BigInteger p = BigInteger.valueOf(f.p);
        long v = f.mul(f.of(num.mod(p).longValue()), f.inv(f.of(den.mod(p).longValue())));
        return ModVal.scalar(v, Bound.constant(num.abs().doubleValue(), den.doubleValue()));
    }

    // ------------------------------------------------------------------ arithmetic

    ModVal neg(ModVal a) {
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.neg(a.data[i]);
        }
        return like(a, d, a.bound);
    }

    private static ModVal like(ModVal a, long[] d, Bound b) {
        return switch (a.kind) {
            case SCALAR -> ModVal.scalar(d[0], b);
            case EYE -> ModVal.eye(d[0], b, a, a);
            case MATRIX -> ModVal.matrix(a.rows, a.cols, d, b);
        };
    }

    ModVal transpose(ModVal a) {
        if (!a.isMatrix()) {
            return a;
        }
        long[] d = new long[a.data.length];
        for (int r = 0; r < a.rows; r++) {
            for (int c = 0; c < a.cols; c++) {
                d[c * a.rows + r] = a.data[r * a.cols + c];
            }
        }
        return ModVal.matrix(a.cols, a.rows, d, a.bound);
    }

    ModVal scale(ModVal a, long c, Bound cBound) {
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.mul(a.data[i], c);
        }
        return like(a, d, a.bound.times(cBound, 1));
    }

    ModVal add(ModVal a, ModVal b) {
        Bound bound = a.bound.plus(b.bound);
        if (a.kind == ModVal.Kind.SCALAR && b.kind == ModVal.Kind.SCALAR) {
            return ModVal.scalar(f.add(a.coefficient(), b.coefficient()), bound);
        }
        // a scalar added to a matrix passed the shape check only as a literal 0
        if (a.kind == ModVal.Kind.SCALAR) {
            return b;
        }
        if (b.kind == ModVal.Kind.SCALAR) {
            return a;
        }
        if (a.kind == ModVal.Kind.EYE && b.kind == ModVal.Kind.EYE) {
            return ModVal.eye(f.add(a.coefficient(), b.coefficient()), bound, a, b);
        }
        if (a.kind == ModVal.Kind.EYE || b.kind == ModVal.Kind.EYE) {
            ModVal m = a.isMatrix() ? a : b;
            long c = a.isMatrix() ? b.coefficient() : a.coefficient();
            long[] d = m.data.clone();
            for (int i = 0; i < Math.min(m.rows, m.cols); i++) {
                d[i * m.cols + i] = f.add(d[i * m.cols + i], c);
            }
            return ModVal.matrix(m.rows, m.cols, d, bound);
        }
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.add(a.data[i], b.data[i]);
        }
        return ModVal.matrix(a.rows, a.cols, d, bound);
    }

    ModVal multiply(ModVal a, ModVal b) {
        if (!a.isMatrix() && !b.isMatrix()) {
            long c = f.mul(a.coefficient(), b.coefficient());
            Bound bound = a.bound.times(b.bound, 1);
            return a.kind == ModVal.Kind.EYE || b.kind == ModVal.Kind.EYE
                    ? ModVal.eye(c, bound, a, b) : ModVal.scalar(c, bound);
        }
        if (!a.isMatrix()) {
            return scale(b, a.coefficient(), a.bound);
        }
        if (!b.isMatrix()) {
            return scale(a, b.coefficient(), b.bound);
        }
        int n = a.rows;
        int s = a.cols;
        int m = b.cols;
        long[] out = new long[n * m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < s; k++) {
                long aik = a.data[i * s + k];
                if (aik == 0) {
                    continue;
                }
                int row = k * m;
                int o = i * m;
                for (int j = 0; j < m; j++) {
                    out[o + j] = f.add(out[o + j], f.mul(aik, b.data[row + j]));
                }
            }
        }
        return ModVal.matrix(n, m, out, a.bound.times(b.bound, s));
    }

    ModVal power(ModVal a, int exponent) {
        ModVal acc = a;
        for (int i = 1; i < exponent; i++) {
            acc = multiply(acc, a);
        }
        return acc;
    }

    ModVal inverse(ModVal a, Expr what) throws Singular {
        if (!a.isMatrix()) {
            if (a.coefficient() == 0) {
                throw new Singular(what);
            }
            return like(a, new long[]{f.inv(a.coefficient())}, a.bound.inverse(1));
        }
        int n = a.rows;
        long[] m = a.data.clone();
        long[] inv = new long[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = f.one;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && m[pivot * n + col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new Singular(what);
            }
            if (pivot != col) {
                swapRows(m, n, pivot, col);
                swapRows(inv, n, pivot, col);
            }
            long scale = f.inv(m[col * n + col]);
            for (int j = 0; j < n; j++) {
                m[col * n + j] = f.mul(m[col * n + j], scale);
                inv[col * n + j] = f.mul(inv[col * n + j], scale);
            }
            for (int r = 0; r < n; r++) {
                long factor = m[r * n + col];
                if (r == col || factor == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    m[r * n + j] = f.sub(m[r * n + j], f.mul(factor, m[col * n + j]));
                    inv[r * n + j] = f.sub(inv[r * n + j], f.mul(factor, inv[col * n + j]));
                }
            }
        }
        return ModVal.matrix(n, n, inv, a.bound.inverse(n));
    }

    private static void swapRows(long[] m, int n, int a, int b) {
        for (int j = 0; j < n; j++) {
            long t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }

    ModVal trace(ModVal a) {
        return switch (a.kind) {
            case SCALAR -> a;
            case EYE -> {
                if (a.eyeSize < 0) {
                    throw new Undecidable("The trace of $I$ depends on its size: write $I_k$ with the size you mean.");
                }
                ModVal count = count(a);
                yield ModVal.scalar(f.mul(a.coefficient(), count.coefficient()), a.bound.times(count.bound, 1));
            }
            case MATRIX -> {
                long s = 0;
                for (int i = 0; i < Math.min(a.rows, a.cols); i++) {
                    s = f.add(s, a.data[i * a.cols + i]);
                }
                yield ModVal.scalar(s, a.bound.sumOf(a.rows));
            }
        };
    }

    ModVal squaredNorm(ModVal a) {
        return switch (a.kind) {
            case SCALAR -> ModVal.scalar(f.mul(a.coefficient(), a.coefficient()), a.bound.squaredNorm(1));
            case EYE -> {
                if (a.eyeSize < 0) {
                    throw new Undecidable("The norm of $I$ depends on its size: write $I_k$ with the size you mean.");
                }
                ModVal count = count(a);
                yield ModVal.scalar(f.mul(f.mul(a.coefficient(), a.coefficient()), count.coefficient()),
                        a.bound.squaredNorm(1).times(count.bound, 1));
            }
            case MATRIX -> {
                long s = 0;
                for (long x : a.data) {
                    s = f.add(s, f.mul(x, x));
                }
                yield ModVal.scalar(s, a.bound.squaredNorm(a.data.length));
            }
        };
    }

    /** How many ones a trace of the identity c·I adds up: its dimension as a scalar, or its size. */
    private ModVal count(ModVal eye) {
        return eye.eyeCount != null ? eye.eyeCount : ModVal.scalar(f.of(eye.eyeSize), Bound.constant(eye.eyeSize, 1));
    }

    /** The Frobenius inner product ⟨a, b⟩, an identity of unknown size counting as a scalar. */
    long inner(ModVal a, ModVal b) {
        if (a.isMatrix() && b.isMatrix()) {
            long s = 0;
            for (int i = 0; i < a.data.length; i++) {
                s = f.add(s, f.mul(a.data[i], b.data[i]));
            }
            return s;
        }
        if (a.isMatrix() || b.isMatrix()) {
            ModVal m = a.isMatrix() ? a : b;
            ModVal c = a.isMatrix() ? b : a;
            return f.mul(trace(m).coefficient(), c.coefficient());
        }
        long product = f.mul(a.coefficient(), b.coefficient());
        if (a.kind == ModVal.Kind.EYE && b.kind == ModVal.Kind.EYE && (a.eyeSize >= 0 || b.eyeSize >= 0)) {
            return f.mul(product, count(a.eyeSize >= 0 ? a : b).coefficient());
        }
        return product;
    }

    // ------------------------------------------------------------------ gradients

    /**
     * The gradient of the scalar {@code fn} with respect to the symbol {@code wrt}, exactly, by
     * reverse accumulation (one forward and one backward pass). Other symbols, derived ones
     * included, are held fixed, as a derivative by moving {@code wrt} alone would.
     */
    ModVal gradient(Expr fn, String wrt) throws InterruptedException, Singular {
        memo = new IdentityHashMap<>();
        squares = new IdentityHashMap<>();
        try {
            ModVal value = eval(fn);
            ModVal w = values.get(wrt);
            long[] grad = new long[w.data.length];
            backward(fn, ModVal.scalar(f.one, Bound.ONE), wrt, grad, w);
            // each norm variable t moves with the entries (dt = ‖x‖⁻¹ x·dx): one more factor t above and below
            int k = normVariables(fn);
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
            backward(n.x(), neg(adj), wrt, grad, w);
        } else if (e instanceof Expr.Transpose t) {
            backward(t.x(), transpose(adj), wrt, grad, w);
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
                prefix[i + 1] = prefix[i] == null ? v : multiply(prefix[i], v);
            }
            for (int i = n - 1; i >= 0; i--) {
                ModVal v = memo.get(p.factors().get(i));
                suffix[i] = suffix[i + 1] == null ? v : multiply(v, suffix[i + 1]);
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
            backward(d.num(), scale(adj, invDen, Bound.ONE), wrt, grad, w);
            long dDen = f.neg(f.mul(inner(adj, memo.get(e)), invDen));
            backward(d.den(), ModVal.scalar(dDen, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Inverse inv) {
            ModVal vt = transpose(memo.get(e));
            backward(inv.x(), neg(multiply(multiply(vt, adj), vt)), wrt, grad, w);
        } else if (e instanceof Expr.Norm n) { // ∂‖x‖ = ‖x‖⁻¹ x, as a student writes it
            long norm = memo.get(e).coefficient();
            if (norm == 0) {
                throw new Singular(e); // ‖x‖ has no gradient where x = 0
            }
            long c = f.mul(adj.coefficient(), f.inv(norm));
            backward(n.x(), scale(memo.get(n.x()), c, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Power pw && pw.x() instanceof Expr.Norm n) { // ∂‖x‖^e = e‖x‖^(e−2) x
            long squared = squares.get(n).coefficient();
            int e2 = pw.exponent() - 2;
            long lower = e2 % 2 == 0 ? f.pow(squared, e2 / 2)
                    : f.mul(normOf(squares.get(n)).coefficient(), f.pow(squared, e2 / 2)); // ‖x‖·(‖x‖²)^j for e − 2 = 2j + 1
            long c = f.mul(f.mul(f.of(pw.exponent()), lower), adj.coefficient());
            backward(n.x(), scale(memo.get(n.x()), c, Bound.ONE), wrt, grad, w);
        } else if (e instanceof Expr.Power pw) {
            ModVal xt = transpose(memo.get(pw.x()));
            ModVal[] powers = new ModVal[pw.exponent()];
            for (int i = 0; i < powers.length; i++) {
                powers[i] = i == 0 ? null : i == 1 ? xt : multiply(powers[i - 1], xt);
            }
            ModVal sum = null;
            for (int i = 0; i < powers.length; i++) {
                ModVal left = powers[i];
                ModVal right = powers[powers.length - 1 - i];
                ModVal term = left == null ? adj : multiply(left, adj);
                term = right == null ? term : multiply(term, right);
                sum = sum == null ? term : add(sum, term);
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
            ModVal rest = before == null ? after : after == null ? before : multiply(before, after);
            long c = rest == null ? adj.coefficient() : inner(adj, rest);
            return ModVal.scalar(c, Bound.ONE);
        }
        ModVal out = before == null ? adj : multiply(transpose(before), adj);
        return after == null ? out : multiply(out, transpose(after));
    }
}
