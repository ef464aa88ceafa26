package dev.assay.plugins.matrix;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Evaluates an expression on numbers. Values are scalars, matrices, or c·I of whatever size the
 * context needs. Run only on shape-checked expressions.
 *
 * <p>Each node is computed once, bottom up, with its value and the scale of the rounding its
 * computation can leave ({@link Computed#scale}), so that a guarded evaluation costs one pass
 * however deeply its sums are nested.
 */
public final class Evaluator {

    /** A value: exactly one of scalar, matrix, or identity coefficient is meaningful. */
    public record Val(double scalar, DMatrixRMaj matrix, boolean identity) {
        static Val scalar(double v) {
            return new Val(v, null, false);
        }

        static Val matrix(DMatrixRMaj m) {
            return new Val(0, m, false);
        }

        static Val eye(double c) {
            return new Val(c, null, true);
        }

        boolean isScalar() {
            return matrix == null && !identity;
        }

        /** As a matrix of size n×n where an identity must become one. */
        DMatrixRMaj asMatrix(int n) {
            if (matrix != null) {
                return matrix;
            }
            DMatrixRMaj m = CommonOps_DDRM.identity(n);
            CommonOps_DDRM.scale(scalar, m);
            return m;
        }

        /** The Frobenius norm; an identity of unknown size counts as the size of its coefficient. */
        double norm() {
            return matrix != null ? NormOps_DDRM.normF(matrix) : Math.abs(scalar);
        }
    }

    /**
     * A node's value and the scale of its rounding: the computed value is within a small multiple
     * of ε·scale of the exact one (ε = 2⁻⁵², first-order error analysis). Unlike a bound on the
     * value's size from the sizes of its parts, the scale of a product is taken over what was
     * computed (Σᵢ ‖F₁⋯Fᵢ₋₁‖·scaleᵢ·‖Fᵢ₊₁⋯Fₙ‖ over its partial products), so factors that cancel
     * (A·A⁻¹, Uᵀ·U) do not inflate it: only a computation that really amplifies rounding has a
     * large scale. It is ≥ the value's own norm.
     */
    record Computed(Val val, double scale) {
    }

    /** Beyond this size a value has lost the digits a comparison needs (or soon will). */
    static final double MAX_MAGNITUDE = 1e100;
    /** Terms of one sum that differ by more than this cannot all be seen in a comparison at {@link Numeric#TOLERANCE}. */
    static final double MAX_TERM_RATIO = 1e5;
    /** A term this small against the scale of its rounding is zero up to rounding (as A − A is). */
    static final double ROUNDED_ZERO = 1e-9;
    /** A term this small against the sum of its terms' scales would hide in the rounding allowance. */
    static final double MIN_TERM_SHARE = 1e-8;

    private final Map<String, Object> values;
    private final boolean guarded;
    private boolean invertedMatrix;
    private int computations;

    /** @param values symbol → Double or DMatrixRMaj; dimension names → their sizes as Double */
    public Evaluator(Map<String, Object> values) {
        this(values, false);
    }

    private Evaluator(Map<String, Object> values, boolean guarded) {
        this.values = values;
        this.guarded = guarded;
    }

    /**
     * An evaluator that refuses ({@link Undecidable}) values a floating-point comparison cannot
     * judge: too large or too small to keep their digits, or sums whose terms are so unequal that
     * the smaller ones are lost next to the larger (ref + 10⁻¹²·G).
     */
    static Evaluator guarded(Map<String, Object> values) {
        return new Evaluator(values, true);
    }

    public Val eval(Expr e) throws InterruptedException {
        return computed(e).val();
    }

    /** The value with the scale of its rounding. */
    Computed computed(Expr e) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        computations++;
        Computed c = compute(e);
        if (guarded) {
            checkRange(c.val());
        }
        return c;
    }

    /** Whether a matrix was inverted: there rounding can be amplified without bound (see {@link Numeric#compare}). */
    boolean invertedMatrix() {
        return invertedMatrix;
    }

    /** How many nodes this evaluator has computed: each node of an expression once. */
    int computations() {
        return computations;
    }

    private static void checkRange(Val v) {
        double largest = 0;
        if (v.matrix() != null) {
            for (int i = 0; i < v.matrix().getNumElements(); i++) {
                largest = Math.max(largest, Math.abs(v.matrix().data[i]));
            }
        } else {
            largest = Math.abs(v.scalar());
        }
        if (!(largest <= MAX_MAGNITUDE) || (largest > 0 && largest < 1 / MAX_MAGNITUDE)) {
            throw new Undecidable("Your expression's values are too " + (largest > 0 && largest < 1 ? "small" : "large")
                    + " to compare reliably in floating point (this question has a decomposition that cannot be"
                    + " computed exactly). Simplify it and submit again.");
        }
    }

    /** In a guarded evaluation: refuses a sum whose smaller terms would be lost next to its larger ones. */
    private void checkTerms(Expr.Sum sum, Computed[] terms) {
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        double scales = 0;
        for (Computed t : terms) {
            scales += t.scale();
        }
        for (Computed t : terms) {
            double norm = t.val().norm();
            if (norm <= ROUNDED_ZERO * t.scale()) {
                continue;
            }
            largest = Math.max(largest, norm);
            smallest = Math.min(smallest, norm);
        }
        if (largest > 0 && (smallest < largest / MAX_TERM_RATIO || smallest < MIN_TERM_SHARE * scales)) {
            throw new Undecidable("The terms of $" + Latex.of(sum) + "$ differ in size by too many orders of magnitude to compare"
                    + " in floating point (this question has a decomposition that cannot be computed exactly)."
                    + " Simplify it and submit again.");
        }
    }

    private Computed compute(Expr e) throws InterruptedException {
        if (e instanceof Expr.Num n) {
            return exact(Val.scalar(n.value()));
        }
        if (e instanceof Expr.Sym s) {
            Object v = values.get(s.name());
            if (v instanceof Double d) {
                return exact(Val.scalar(d));
            }
            if (v instanceof DMatrixRMaj m) {
                return exact(Val.matrix(m));
            }
            throw new IllegalStateException("no value for " + s.name());
        }
        if (e instanceof Expr.Identity id) {
            Object size = id.dim().isEmpty() ? null : values.get(id.dim());
            return exact(size instanceof Double d ? Val.matrix(CommonOps_DDRM.identity(d.intValue())) : Val.eye(1));
        }
        if (e instanceof Expr.Neg n) {
            Computed x = computed(n.x());
            return new Computed(scale(x.val(), -1), x.scale());
        }
        if (e instanceof Expr.Transpose t) {
            Computed x = computed(t.x());
            Val v = x.val();
            return new Computed(v.matrix() == null ? v : Val.matrix(CommonOps_DDRM.transpose(v.matrix(), null)), x.scale());
        }
        if (e instanceof Expr.Inverse inv) {
            return inverse(computed(inv.x()));
        }
        if (e instanceof Expr.Power p) {
            return power(computed(p.x()), p.exponent());
        }
        if (e instanceof Expr.Trace t) {
            Computed x = computed(t.x());
            Val v = x.val();
            if (v.identity()) {
                throw new Undecidable("The trace of $I$ depends on its size: write $I_k$ with the size you mean.");
            }
            return v.isScalar() ? x : new Computed(Val.scalar(CommonOps_DDRM.trace(v.matrix())), Math.sqrt(v.matrix().numRows) * x.scale());
        }
        if (e instanceof Expr.Norm n) {
            Computed x = computed(n.x());
            if (x.val().identity()) {
                throw new Undecidable("The norm of $I$ depends on its size: write $I_k$ with the size you mean.");
            }
            return new Computed(Val.scalar(x.val().norm()), x.scale());
        }
        if (e instanceof Expr.Div d) {
            Computed num = computed(d.num());
            Computed den = computed(d.den());
            double q = den.val().scalar();
            return new Computed(scale(num.val(), 1 / q), num.scale() / Math.abs(q) + num.val().norm() * den.scale() / (q * q));
        }
        if (e instanceof Expr.Sum s) {
            Computed[] terms = new Computed[s.terms().size()];
            Val acc = null;
            double scale = 0;
            for (int i = 0; i < terms.length; i++) {
                terms[i] = computed(s.terms().get(i));
                acc = acc == null ? terms[i].val() : add(acc, terms[i].val());
                scale += terms[i].scale();
            }
            if (guarded) {
                checkTerms(s, terms);
            }
            return new Computed(acc, scale);
        }
        if (e instanceof Expr.Product p) {
            Computed[] factors = new Computed[p.factors().size()];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = computed(p.factors().get(i));
            }
            return product(factors);
        }
        throw new IllegalStateException(String.valueOf(e));
    }

    /** A leaf: exact as given, rounded only by what is done with it. */
    private static Computed exact(Val v) {
        return new Computed(v, v.norm());
    }

    private Computed inverse(Computed x) {
        Val v = x.val();
        if (v.isScalar() || v.identity()) {
            double c = v.scalar();
            Val out = v.identity() ? Val.eye(1 / c) : Val.scalar(1 / c);
            return new Computed(out, x.scale() / (c * c)); // δ(1/c) = −δc/c²
        }
        invertedMatrix = true;
        DMatrixRMaj out = new DMatrixRMaj(v.matrix().numRows, v.matrix().numCols);
        if (!CommonOps_DDRM.invert(v.matrix(), out)) {
            DMatrixRMaj nan = new DMatrixRMaj(v.matrix().numRows, v.matrix().numCols);
            nan.fill(Double.NaN);
            return new Computed(Val.matrix(nan), Double.NaN);
        }
        double n = NormOps_DDRM.normF(out);
        return new Computed(Val.matrix(out), n * n * x.scale()); // δ(A⁻¹) = −A⁻¹·δA·A⁻¹
    }

    /** x^e as the product of e factors x, whose partial products are the powers themselves. */
    private static Computed power(Computed x, int exponent) {
        Val[] powers = new Val[exponent + 1];
        powers[1] = x.val();
        for (int i = 2; i <= exponent; i++) {
            powers[i] = multiply(powers[i - 1], x.val());
        }
        double scale = 0;
        for (int i = 1; i <= exponent; i++) {
            scale += (i == 1 ? 1 : powers[i - 1].norm()) * x.scale() * (i == exponent ? 1 : powers[exponent - i].norm());
        }
        return new Computed(powers[exponent], scale);
    }

    /** F₁⋯Fₙ left to right, with the scale of its rounding over its partial products (see {@link Computed}). */
    private static Computed product(Computed[] factors) {
        int n = factors.length;
        double[] suffix = new double[n + 1]; // ‖Fᵢ⋯Fₙ‖
        suffix[n] = 1;
        Val after = null;
        for (int i = n - 1; i > 0; i--) {
            after = after == null ? factors[i].val() : multiply(factors[i].val(), after);
            suffix[i] = after.norm();
        }
        Val acc = null;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double before = acc == null ? 1 : acc.norm();
            scale += before * factors[i].scale() * suffix[i + 1];
            acc = acc == null ? factors[i].val() : multiply(acc, factors[i].val());
        }
        return new Computed(acc, scale);
    }

    static Val scale(Val v, double c) {
        if (v.isScalar()) {
            return Val.scalar(v.scalar() * c);
        }
        if (v.identity()) {
            return Val.eye(v.scalar() * c);
        }
        DMatrixRMaj out = v.matrix().copy();
        CommonOps_DDRM.scale(c, out);
        return Val.matrix(out);
    }

    static Val add(Val a, Val b) {
        if (a.isScalar() && b.isScalar()) {
            return Val.scalar(a.scalar() + b.scalar());
        }
        if (a.isScalar() && a.scalar() == 0) {
            return b;
        }
        if (b.isScalar() && b.scalar() == 0) {
            return a;
        }
        if (a.identity() && b.identity()) {
            return Val.eye(a.scalar() + b.scalar());
        }
        int n = a.matrix() != null ? a.matrix().numRows : b.matrix().numRows;
        DMatrixRMaj out = new DMatrixRMaj(n, a.matrix() != null ? a.matrix().numCols : b.matrix().numCols);
        CommonOps_DDRM.add(a.asMatrix(n), b.asMatrix(n), out);
        return Val.matrix(out);
    }

    static Val multiply(Val a, Val b) {
        if (a.isScalar()) {
            return scale(b, a.scalar());
        }
        if (b.isScalar()) {
            return scale(a, b.scalar());
        }
        if (a.identity()) {
            return scale(b, a.scalar());
        }
        if (b.identity()) {
            return scale(a, b.scalar());
        }
        DMatrixRMaj out = new DMatrixRMaj(a.matrix().numRows, b.matrix().numCols);
        CommonOps_DDRM.mult(a.matrix(), b.matrix(), out);
        return Val.matrix(out);
    }
}
