package dev.assay.plugins.matrix;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A trial drawn in floating point, for what cannot be drawn exactly ({@link ExactTrial}): Gaussian
 * entries, symmetric or centred where the question says so, derived symbols by their definitions
 * or by EJML's eigen-decomposition.
 */
final class FloatingTrial {
    private static final long FLOAT_SALT = 0x632BE59BD9B4E019L;

    private FloatingTrial() {
    }

    /**
     * One random instance in floating point: dimensions that satisfy the constraints and values for
     * every symbol; point 1, … are twins with the same dimensions and other values.
     */
    static Map<String, Object> draw(Problem p, long seed, boolean large, int point) throws InterruptedException {
        Map<String, Integer> dims = p.sizes.draw(seed, large);
        SplittableRandom rnd = RandomStreams.stream(seed, FLOAT_SALT, point);
        Map<String, Object> values = new HashMap<>();
        dims.forEach((k, v) -> values.put(k, v.doubleValue()));
        for (MatrixConfig.SymbolDecl s : p.config.symbols()) {
            Symbols.Shape shape = p.symbols.shape(s.name());
            if (shape.scalar()) {
                values.put(s.name(), 0.5 + rnd.nextDouble() * 2);
                continue;
            }
            DMatrixRMaj m = new DMatrixRMaj(dims.get(shape.rows()), dims.get(shape.cols()));
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = gaussian(rnd);
            }
            if (p.drawnSymmetric(s.name())) { // (G + Gᵀ)/√2: symmetric, with entries of the same spread
                DMatrixRMaj t = CommonOps_DDRM.transpose(m, null);
                CommonOps_DDRM.add(m, t, m);
                CommonOps_DDRM.scale(Math.sqrt(0.5), m);
            } else if (p.config.centre().contains(s.name())) {
                centreRows(m);
            }
            values.put(s.name(), m);
        }
        Evaluator evaluator = new Evaluator(values);
        for (MatrixConfig.DerivedDecl d : p.config.derived()) {
            if (p.definitions.containsKey(d.name())) {
                Evaluator.Val v = evaluator.eval(p.definitions.get(d.name()));
                values.put(d.name(), v.isScalar() ? (Object) v.scalar() : v.matrix());
            } else {
                values.put(d.name(), eigen((DMatrixRMaj) values.get(d.of()), dims.get(d.count()),
                        "top-eigenvectors".equals(d.decomposition())));
            }
        }
        return values;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = Math.max(rnd.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static void centreRows(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            double mean = 0;
            for (int c = 0; c < m.numCols; c++) {
                mean += m.get(r, c);
            }
            mean /= m.numCols;
            for (int c = 0; c < m.numCols; c++) {
                m.set(r, c, m.get(r, c) - mean);
            }
        }
    }

    /** Top-k eigenvectors (m×k) or eigenvalues (k×k diagonal) of a symmetric matrix, largest first. */
    static DMatrixRMaj eigen(DMatrixRMaj symmetric, int k, boolean vectors) {
        int n = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("eigen-decomposition failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        DMatrixRMaj out = vectors ? new DMatrixRMaj(n, k) : new DMatrixRMaj(k, k);
        for (int j = 0; j < k; j++) {
            if (vectors) {
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                double norm = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(v, v, null));
                for (int i = 0; i < n; i++) {
                    out.set(i, j, v.get(i) / Math.sqrt(norm));
                }
            } else {
                out.set(j, j, eig.getEigenvalue(order[j]).real);
            }
        }
        return out;
    }
}
