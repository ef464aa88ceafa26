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
 * nor ‖2A‖ to be 2‖A‖ (see {@link #hasNormVariable} and where {@link Comparison} uses it). The arithmetic
 * itself is {@link ExactArithmetic}'s; gradients are {@link ExactGradient}'s.
 */
final class ExactEvaluator {
    /** Keeps the random values of norms apart from those of dimensions in disguise. */
    private static final long NORM_DOMAIN = 0x6A09E667F3BCC909L;
    private static final long DISGUISE_DOMAIN = 0xBB67AE8584CAA73BL;

    private final PrimeField f;
    private final ExactArithmetic ops;
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
    /** Each node's value, kept only while the nodes are recorded. */
    private Map<Expr, ModVal> memo;
    /** ‖x‖² of each norm node, kept with {@link #memo} (a gradient's backward pass reads it). */
    private Map<Expr, ModVal> squares;

    ExactEvaluator(PrimeField f, Map<String, ModVal> values, Map<String, Integer> dims, Map<String, ModVal> dimensionScalars,
                   long opaqueSalt, Map<Expr, Long> disguised) {
        this.f = f;
        this.ops = new ExactArithmetic(f);
        this.values = values;
        this.dims = dims;
        this.dimensionScalars = dimensionScalars;
        this.opaqueSalt = opaqueSalt;
        this.disguised = disguised;
    }

    PrimeField field() {
        return f;
    }

    ExactArithmetic arithmetic() {
        return ops;
    }

    /** The value drawn (or assigned) for a symbol. */
    ModVal symbolValue(String name) {
        return values.get(name);
    }

    /** Whether the expression has a norm to an odd power, evaluated as a variable of its own. */
    static boolean hasNormVariable(Expr e) {
        return normVariables(e) > 0;
    }

    /** How many norm variables the expression has: its norms to odd powers. */
    static int normVariables(Expr e) {
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
        return evalRecording(e, nodes, new IdentityHashMap<>());
    }

    /** The same, with ‖x‖² of each norm node recorded in {@code normSquares}. */
    ModVal evalRecording(Expr e, Map<Expr, ModVal> nodes, Map<Expr, ModVal> normSquares) throws InterruptedException, Singular {
        memo = nodes;
        squares = normSquares;
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
        SplittableRandom rnd = RandomStreams.stream(opaqueSalt, domain, f.value(residue));
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
    ModVal normOf(ModVal squared) {
        if (!squared.bound.decidable()) {
            throw new Undecidable(Undecidable.TOO_LARGE);
        }
        long t = squared.coefficient() == 0 ? 0 : opaque(NORM_DOMAIN, squared.coefficient());
        return ModVal.scalar(t, Bound.RANDOM);
    }

    private ModVal squaredNormOf(Expr.Norm n) throws InterruptedException, Singular {
        ModVal squared = ops.squaredNorm(eval(n.x()));
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
            return ops.neg(eval(n.x()));
        }
        if (e instanceof Expr.Transpose t) {
            return ops.transpose(eval(t.x()));
        }
        if (e instanceof Expr.Inverse inv) {
            return ops.inverse(eval(inv.x()), inv.x());
        }
        if (e instanceof Expr.Power p) {
            if (p.x() instanceof Expr.Norm n) {
                ModVal squared = squaredNormOf(n);
                int j = p.exponent() / 2;
                if (p.exponent() % 2 == 0) {
                    return ops.power(squared, j);
                }
                return j == 0 ? normOf(squared) : ops.multiply(normOf(squared), ops.power(squared, j)); // ‖x‖^(2j+1) = ‖x‖·(‖x‖²)^j
            }
            return ops.power(eval(p.x()), p.exponent());
        }
        if (e instanceof Expr.Trace t) {
            return ops.trace(eval(t.x()));
        }
        if (e instanceof Expr.Norm n) {
            return normOf(squaredNormOf(n));
        }
        if (e instanceof Expr.Div d) {
            ModVal den = eval(d.den());
            return ops.multiply(eval(d.num()), ops.inverse(den, d.den()));
        }
        if (e instanceof Expr.Sum s) {
            ModVal acc = null;
            for (Expr t : s.terms()) {
                ModVal v = eval(t);
                acc = acc == null ? v : ops.add(acc, v);
            }
            return acc;
        }
        if (e instanceof Expr.Product p) {
            ModVal acc = null;
            for (Expr x : p.factors()) {
                ModVal v = eval(x);
                acc = acc == null ? v : ops.multiply(acc, v);
            }
            return acc;
        }
        throw new IllegalStateException(String.valueOf(e));
    }

    /** A literal as the exact decimal it was typed as (at most 15 digits, so the double holds it exactly). */
    private ModVal number(double value) {
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
}
