package dev.assay.plugins.matrix;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/** Comparisons of numbers from trials, with a relative tolerance. */
final class Numeric {
    /** Relative agreement for values computed two ways; wrong answers miss by order one. */
    static final double TOLERANCE = 1e-6;
    /**
     * Rounding left by cancellation, relative to the scale of what was computed: about 5·10⁴ machine
     * epsilons of {@link Evaluator.Computed#scale}.
     */
    static final double ROUNDING = 1e-11;

    private Numeric() {
    }

    /** A value computed in floating point: the scale of its rounding, and whether a matrix was inverted on the way. */
    record Floating(DMatrixRMaj value, double scale, boolean invertedMatrix) {
    }

    static DMatrixRMaj matrix(Evaluator.Val v, int n) {
        if (v.isScalar()) {
            DMatrixRMaj m = new DMatrixRMaj(1, 1);
            m.set(0, 0, v.scalar());
            return m;
        }
        return v.asMatrix(n);
    }

    static double norm(DMatrixRMaj a) {
        return NormOps_DDRM.normF(a);
    }

    static boolean sameSize(DMatrixRMaj a, DMatrixRMaj b) {
        return a.numRows == b.numRows && a.numCols == b.numCols;
    }

    static boolean close(DMatrixRMaj a, DMatrixRMaj b) {
        if (!sameSize(a, b)) {
            return false;
        }
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, d);
        double scale = Math.max(norm(a), norm(b));
        double diff = norm(d);
        return !Double.isNaN(diff) && diff <= TOLERANCE * Math.max(scale, 1e-12);
    }

    static final String ROUNDING_DECIDES = "Your expression and the answer agree only as closely as rounding in floating point"
            + " can tell (this question has a decomposition that cannot be computed exactly, and the way your expression is"
            + " computed amplifies rounding until it is as large as the difference). Simplify it and submit again.";

    /**
     * Whether two computed values agree. Within the relative tolerance of their own size they do.
     * Beyond it only rounding can make them equal, and a difference larger than the rounding their
     * computations can leave ({@link #ROUNDING} of their scales) means they differ. Agreement that
     * rests on that allowance is credited only where the values cancel to the level of rounding
     * (a zero test, or both sides of a step that cancel, as (I − UUᵀ)U does) and no matrix was
     * inverted; otherwise it is refused ({@link Undecidable}), never credited: where the values
     * are of some size, a rounding allowance as large as their difference means the computation
     * amplifies rounding (W·Bʳ·B⁻ʳ amplifies it as far as its author likes), and floating point
     * cannot tell.
     */
    static boolean agree(Floating a, Floating b) {
        if (!sameSize(a.value(), b.value())) {
            return false;
        }
        DMatrixRMaj d = new DMatrixRMaj(a.value().numRows, a.value().numCols);
        CommonOps_DDRM.subtract(a.value(), b.value(), d);
        double diff = norm(d);
        if (Double.isNaN(diff) || Double.isNaN(a.scale()) || Double.isNaN(b.scale())) {
            return false;
        }
        double size = Math.max(norm(a.value()), norm(b.value()));
        double allowance = ROUNDING * (a.scale() + b.scale());
        if (diff <= TOLERANCE * size) {
            return true;
        }
        if (diff > TOLERANCE * size + allowance) {
            return false;
        }
        if (a.invertedMatrix() || b.invertedMatrix() || size > allowance) {
            throw new Undecidable(ROUNDING_DECIDES);
        }
        return true;
    }

    /** The α with a ≈ α·b, or NaN when there is none. */
    static double multiple(DMatrixRMaj a, DMatrixRMaj b) {
        if (!sameSize(a, b)) {
            return Double.NaN;
        }
        double bb = dot(b, b);
        if (bb == 0) {
            return Double.NaN;
        }
        double alpha = dot(a, b) / bb;
        DMatrixRMaj scaled = b.copy();
        CommonOps_DDRM.scale(alpha, scaled);
        return close(a, scaled) ? alpha : Double.NaN;
    }

    /** Frobenius inner product of two matrices of the same size. */
    static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.data.length && i < a.getNumElements(); i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

}
