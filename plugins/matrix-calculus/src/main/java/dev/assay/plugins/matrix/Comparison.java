package dev.assay.plugins.matrix;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The comparisons made on an expression's values on the trials: equal, zero, a constant multiple,
 * the same condition. A comparison is exact (modulo each trial's random prime, see {@link Bound})
 * whenever every symbol can be drawn exactly, norms to odd powers included (each is a variable of
 * its own, see {@link ExactEvaluator}); otherwise it is made in floating point, and refused
 * ({@link Undecidable}) where floating point cannot tell a difference.
 */
final class Comparison {
    private Comparison() {
    }

    private static boolean exactly(TrialValues a, TrialValues b) {
        return a.exactCapable() && b.exactCapable();
    }

    /**
     * Residues that differ prove the values differ (a residue is the value's image modulo p); only
     * residues that agree need the bound, to know that agreement cannot be chance.
     */
    private static void decidable(Bound b) {
        if (!b.decidable()) {
            throw new Undecidable(Undecidable.TOO_LARGE);
        }
    }

    /** An identity multiple c·I next to a matrix is compared as that matrix's size of it; standing alone, as c. */
    private static ModVal[] aligned(ModVal x, ModVal y) {
        if (x.kind == ModVal.Kind.EYE && y.isMatrix() && y.rows == y.cols) {
            return new ModVal[]{x.asMatrix(y.rows), y};
        }
        if (y.kind == ModVal.Kind.EYE && x.isMatrix() && x.rows == x.cols) {
            return new ModVal[]{x, y.asMatrix(x.rows)};
        }
        return new ModVal[]{x, y};
    }

    /**
     * Whether a and b are equal on every trial. Where dimensions are used as numbers, they must be
     * equal both with the dimensions' sizes and with random values in their place; equal only with
     * the sizes is {@link Undecidable}, never credit. Where a norm to an odd power makes the exact
     * check incomplete, values that differ exactly but agree in floating point are {@link Undecidable}.
     */
    static boolean same(TrialValues a, TrialValues b) throws InterruptedException {
        if (!exactly(a, b)) {
            return sameFloating(a, b);
        }
        if (!sameExactly(a, b, false)) {
            if (a.trials.hasNormVariable(a, b) && sameFloating(a, b)) {
                throw new Undecidable(Undecidable.NORMS_NOT_EXACT);
            }
            return false;
        }
        if (a.trials.countsDimensions(a, b) && !sameExactly(a, b, true)) {
            throw new Undecidable(Undecidable.ONLY_AT_THESE_SIZES);
        }
        return true;
    }

    private static boolean sameFloating(TrialValues a, TrialValues b) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            if (!Numeric.agree(a.floating(i, 0), b.floating(i, 0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameExactly(TrialValues a, TrialValues b, boolean symbolic) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0, symbolic);
            ModVal y = b.exact(i, 0, symbolic);
            if (x == null || y == null) {
                return false;
            }
            ModVal[] xy = aligned(x, y);
            if (!xy[0].sameEntries(xy[1])) {
                return false;
            }
            decidable(x.bound.difference(y.bound));
        }
        return true;
    }

    /** Whether a is zero (the zero matrix, or 0) on every trial; as {@link #same} where dimensions are numbers or norms are variables. */
    static boolean zero(TrialValues a) throws InterruptedException {
        if (!a.exactCapable()) {
            return zeroFloating(a);
        }
        if (!zeroExactly(a, false)) {
            if (a.trials.hasNormVariable(a) && zeroFloating(a)) {
                throw new Undecidable(Undecidable.NORMS_NOT_EXACT);
            }
            return false;
        }
        if (a.trials.countsDimensions(a) && !zeroExactly(a, true)) {
            throw new Undecidable(Undecidable.ONLY_AT_THESE_SIZES);
        }
        return true;
    }

    private static boolean zeroFloating(TrialValues a) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            Numeric.Floating x = a.floating(i, 0);
            DMatrixRMaj zero = new DMatrixRMaj(x.value().numRows, x.value().numCols);
            if (!Numeric.agree(x, new Numeric.Floating(zero, 0, false))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeroExactly(TrialValues a, boolean symbolic) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0, symbolic);
            if (x == null || !x.isZero()) {
                return false;
            }
            decidable(x.bound);
        }
        return true;
    }

    /**
     * The one number α with a = α·b on every trial, or NaN when there is none. Exactly, α is read
     * back from its residue as a fraction with numerator and denominator below
     * {@link PrimeField#FRACTION_LIMIT} (2²⁰), and must be the same fraction on every trial.
     */
    static double factor(TrialValues a, TrialValues b) throws InterruptedException {
        if (!exactly(a, b)) {
            double alpha = Numeric.multiple(a.floating(0), b.floating(0));
            for (int i = 1; i < a.trials.size() && !Double.isNaN(alpha); i++) {
                double m = Numeric.multiple(a.floating(i), b.floating(i));
                if (Double.isNaN(m) || Math.abs(m - alpha) > 1e-6 * Math.max(1, Math.abs(alpha))) {
                    alpha = Double.NaN;
                }
            }
            return alpha;
        }
        long[] fraction = null;
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0);
            ModVal y = b.exact(i, 0);
            if (x == null || y == null) {
                return Double.NaN;
            }
            PrimeField f = a.trials.exact(i, 0).field();
            ModVal[] xy = aligned(x, y);
            Long alpha = multiple(f, xy[0], xy[1]);
            long[] here = alpha == null ? null : f.fraction(alpha);
            if (here == null || fraction != null && (here[0] != fraction[0] || here[1] != fraction[1])) {
                return Double.NaN;
            }
            decidable(x.bound.crossProduct(y.bound));
            fraction = here;
        }
        return (double) fraction[0] / fraction[1];
    }

    /** The non-zero factor c with s = c·r (or c·rᵀ) at one point of trial i (1 when no multiple is allowed), or null. */
    private static Long conditionFactor(TrialValues s, TrialValues r, int i, int point, boolean symbolic, boolean scalarMultiple,
                                        boolean transposed) throws InterruptedException {
        ModVal x = s.exact(i, point, symbolic);
        ModVal y = r.exact(i, point, symbolic);
        if (x == null || y == null) {
            return null;
        }
        ExactTrial t = s.trials.exact(i, point, symbolic);
        ModVal[] xy = aligned(x, transposed ? t.arithmetic().transpose(y) : y);
        Long alpha = multiple(t.field(), xy[0], xy[1]);
        if (alpha == null || alpha == 0 || (!scalarMultiple && alpha != t.field().one)) {
            return null;
        }
        decidable(x.bound.crossProduct(y.bound));
        return alpha;
    }

    /** The residue α with x = α·y, or null when x is no multiple of y (or y is zero). */
    private static Long multiple(PrimeField f, ModVal x, ModVal y) {
        if (x.compareRows() != y.compareRows() || x.compareCols() != y.compareCols()) {
            return null;
        }
        int pivot = 0;
        while (pivot < y.data.length && y.data[pivot] == 0) {
            pivot++;
        }
        if (pivot == y.data.length) {
            return null;
        }
        long alpha = f.mul(x.data[pivot], f.inv(y.data[pivot]));
        for (int j = 0; j < y.data.length; j++) {
            if (x.data[j] != f.mul(alpha, y.data[j])) {
                return null;
            }
        }
        return alpha;
    }

    /**
     * Whether s states the condition r: s = c·r (or c·rᵀ) with c a non-zero number, which may
     * depend on the dimensions but not on the matrices: so it must be the same at a trial's twin
     * point, exactly and in floating point alike (tr(W_1W_2)·G = 0 also holds where tr(W_1W_2) = 0).
     */
    static boolean sameCondition(TrialValues s, TrialValues r, boolean scalarMultiple, boolean transposed) throws InterruptedException {
        if (!exactly(s, r)) {
            for (int i = 0; i < s.trials.size(); i++) {
                double[] alphas = new double[scalarMultiple ? 2 : 1];
                for (int point = 0; point < alphas.length; point++) {
                    DMatrixRMaj ref = r.floating(i, point).value();
                    alphas[point] = Numeric.multiple(s.floating(i, point).value(), transposed ? CommonOps_DDRM.transpose(ref, null) : ref);
                    double alpha = alphas[point];
                    if (Double.isNaN(alpha) || Math.abs(alpha) < 1e-12 || (!scalarMultiple && Math.abs(alpha - 1) > 1e-6)) {
                        return false;
                    }
                }
                if (scalarMultiple && Math.abs(alphas[0] - alphas[1]) > Numeric.TOLERANCE * Math.abs(alphas[0])) {
                    return false; // the factor depends on the matrices: not the same condition
                }
            }
            return true;
        }
        for (int i = 0; i < s.trials.size(); i++) {
            Long[] alphas = new Long[scalarMultiple ? 2 : 1];
            for (int point = 0; point < alphas.length; point++) {
                alphas[point] = conditionFactor(s, r, i, point, false, scalarMultiple, transposed);
                if (alphas[point] == null) {
                    return false;
                }
            }
            if (scalarMultiple && !alphas[0].equals(alphas[1])) {
                return false; // the factor depends on the matrices: not the same condition
            }
        }
        if (s.trials.countsDimensions(s, r)) {
            for (int i = 0; i < s.trials.size(); i++) {
                if (conditionFactor(s, r, i, 0, true, scalarMultiple, transposed) == null) {
                    throw new Undecidable(Undecidable.ONLY_AT_THESE_SIZES);
                }
            }
        }
        return true;
    }
}
