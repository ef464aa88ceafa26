package dev.assay.plugins.matrix;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/** Comparisons of numbers from trials, with a relative tolerance. */
final class Numeric {
    /** Relative agreement for values computed two ways; wrong answers miss by order one. */
    static final double TOLERANCE = 1e-6;

    private Numeric() {
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

    /**
     * Rounding left by cancellation, relative to the size of what was computed: about 5·10⁴ machine
     * epsilons of the expression's magnitude bound ({@link Evaluator#magnitude}).
     */
    static final double ROUNDING = 1e-11;

    /**
     * Whether two values computed from expressions agree: within the relative tolerance of their own
     * size, or within the rounding that their computation can leave (which matters when a value
     * cancels to zero: then it has no size of its own to compare with).
     */
    static boolean agree(DMatrixRMaj a, DMatrixRMaj b, double boundA, double boundB) {
        if (!sameSize(a, b)) {
            return false;
        }
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, d);
        double diff = norm(d);
        return !Double.isNaN(diff)
                && diff <= TOLERANCE * Math.max(norm(a), norm(b)) + ROUNDING * Math.max(boundA, boundB);
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
