package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Evaluates an expression on numbers. Values are scalars, matrices, or c·I of whatever size the
 * context needs. Run only on shape-checked expressions.
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
    }

    /** Beyond this size a value has lost the digits a comparison needs (or soon will). */
    static final double MAX_MAGNITUDE = 1e100;
    /** Terms of one sum that differ by more than this cannot all be seen in a comparison at {@link Numeric#TOLERANCE}. */
    static final double MAX_TERM_RATIO = 1e5;
    /** A term this small against the bound on its size is zero up to rounding (as A − A is). */
    static final double ROUNDED_ZERO = 1e-9;
    /** A term this small against the sum of its terms' bounds would hide in the rounding allowance. */
    static final double MIN_TERM_SHARE = 1e-8;

    private final Map<String, Object> values;
    private final boolean guarded;

    /** @param values symbol → Double or DMatrixRMaj */
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
        Val v = compute(e);
        if (guarded) {
            checkRange(v);
        }
        return v;
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
                    + " to compare reliably in floating point (this question has a norm or a decomposition that cannot be"
                    + " computed exactly). Simplify it and submit again.");
        }
    }

    /** In a guarded evaluation: refuses a sum whose smaller terms would be lost next to its larger ones. */
    private void checkTerms(Expr.Sum sum, List<Val> terms) throws InterruptedException {
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        double bounds = 0;
        double[] norms = new double[terms.size()];
        double[] mags = new double[terms.size()];
        for (int i = 0; i < terms.size(); i++) {
            norms[i] = norm(terms.get(i));
            mags[i] = magnitude(sum.terms().get(i));
            bounds += mags[i];
        }
        for (int i = 0; i < terms.size(); i++) {
            if (norms[i] <= ROUNDED_ZERO * mags[i]) {
                continue;
            }
            largest = Math.max(largest, norms[i]);
            smallest = Math.min(smallest, norms[i]);
        }
        if (largest > 0 && (smallest < largest / MAX_TERM_RATIO || smallest < MIN_TERM_SHARE * bounds)) {
            throw new Undecidable("The terms of $" + Latex.of(sum) + "$ differ in size by too many orders of magnitude to compare"
                    + " in floating point (this question has a norm or a decomposition that cannot be computed exactly)."
                    + " Simplify it and submit again.");
        }
    }

    private static double norm(Val v) {
        return v.matrix() != null ? NormOps_DDRM.normF(v.matrix()) : Math.abs(v.scalar());
    }

    private Val compute(Expr e) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (e instanceof Expr.Num n) {
            return Val.scalar(n.value());
        }
        if (e instanceof Expr.Sym s) {
            Object v = values.get(s.name());
            if (v instanceof Double d) {
                return Val.scalar(d);
            }
            if (v instanceof DMatrixRMaj m) {
                return Val.matrix(m);
            }
            throw new IllegalStateException("no value for " + s.name());
        }
        if (e instanceof Expr.Identity) {
            return Val.eye(1);
        }
        if (e instanceof Expr.Neg n) {
            return scale(eval(n.x()), -1);
        }
        if (e instanceof Expr.Transpose t) {
            Val v = eval(t.x());
            return v.matrix() == null ? v : Val.matrix(CommonOps_DDRM.transpose(v.matrix(), null));
        }
        if (e instanceof Expr.Inverse inv) {
            Val v = eval(inv.x());
            if (v.isScalar() || v.identity()) {
                return v.identity() ? Val.eye(1 / v.scalar()) : Val.scalar(1 / v.scalar());
            }
            DMatrixRMaj out = new DMatrixRMaj(v.matrix().numRows, v.matrix().numCols);
            if (!CommonOps_DDRM.invert(v.matrix(), out)) {
                return Val.matrix(nan(v.matrix().numRows, v.matrix().numCols));
            }
            return Val.matrix(out);
        }
        if (e instanceof Expr.Power p) {
            Val v = eval(p.x());
            Val acc = v;
            for (int i = 1; i < p.exponent(); i++) {
                acc = multiply(acc, v);
            }
            return acc;
        }
        if (e instanceof Expr.Trace t) {
            Val v = eval(t.x());
            if (v.identity()) {
                throw new IllegalStateException("trace of an identity of unknown size");
            }
            return Val.scalar(v.isScalar() ? v.scalar() : CommonOps_DDRM.trace(v.matrix()));
        }
        if (e instanceof Expr.Norm n) {
            Val v = eval(n.x());
            return Val.scalar(v.isScalar() ? Math.abs(v.scalar()) : NormOps_DDRM.normF(v.matrix()));
        }
        if (e instanceof Expr.Div d) {
            Val den = eval(d.den());
            return scale(eval(d.num()), 1 / den.scalar());
        }
        if (e instanceof Expr.Sum s) {
            Val acc = null;
            List<Val> terms = new ArrayList<>();
            for (Expr t : s.terms()) {
                Val v = eval(t);
                terms.add(v);
                acc = acc == null ? v : add(acc, v);
            }
            if (guarded) {
                checkTerms(s, terms);
            }
            return acc;
        }
        if (e instanceof Expr.Product p) {
            Val acc = null;
            for (Expr f : p.factors()) {
                Val v = eval(f);
                acc = acc == null ? v : multiply(acc, v);
            }
            return acc;
        }
        throw new IllegalStateException(String.valueOf(e));
    }

    /**
     * An upper bound on the size of the expression's value from the sizes of its parts (the
     * Frobenius norm is submultiplicative): the scale against which "this is zero" is judged, since
     * a value that cancels to zero has no size of its own to compare with.
     */
    public double magnitude(Expr e) throws InterruptedException {
        if (e instanceof Expr.Sum sum) {
            double m = 0;
            for (Expr t : sum.terms()) {
                m += magnitude(t);
            }
            return m;
        }
        if (e instanceof Expr.Product p) {
            double m = 1;
            for (Expr f : p.factors()) {
                m *= magnitude(f);
            }
            return m;
        }
        if (e instanceof Expr.Neg n) {
            return magnitude(n.x());
        }
        if (e instanceof Expr.Transpose t) {
            return magnitude(t.x());
        }
        if (e instanceof Expr.Div d) {
            return magnitude(d.num()) / Math.abs(eval(d.den()).scalar());
        }
        Val v = eval(e);
        return v.matrix() != null ? NormOps_DDRM.normF(v.matrix()) : Math.abs(v.scalar());
    }

    private static DMatrixRMaj nan(int r, int c) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        m.fill(Double.NaN);
        return m;
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
