package dev.assay.plugins.autoencoder;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The question's data X (m×n, zero-centred rows, columns are samples): the same numbers every time. Built here, kept by
 * {@link DataSets}.
 */
final class DataSet {
    /** Variance of the directions the spectrum does not list. */
    static final double TAIL_VARIANCE = 0.05;

    private DataSet() {
    }

    /** The data of a CSV file in the pack, its rows centred. */
    static DMatrixRMaj fromCsv(String path, byte[] bytes) throws WeightsException {
        DMatrixRMaj x = Matrices.read(path, bytes);
        centreRows(x);
        return x;
    }

    static DMatrixRMaj generate(AeConfig.Generate g) {
        SplittableRandom rnd = new SplittableRandom(g.seed());
        int m = g.m();
        int n = g.n();
        DMatrixRMaj gauss = new DMatrixRMaj(m, m);
        for (int i = 0; i < gauss.data.length; i++) {
            gauss.data[i] = gaussian(rnd);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, m);
        qr.decompose(gauss);
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj scaled = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            double sd = Math.sqrt(i < g.spectrum().size() ? g.spectrum().get(i) : TAIL_VARIANCE);
            for (int j = 0; j < n; j++) {
                scaled.set(i, j, sd * gaussian(rnd));
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(q, scaled, x);
        centreRows(x);
        return x;
    }

    static void centreRows(DMatrixRMaj x) {
        for (int r = 0; r < x.numRows; r++) {
            double mean = 0;
            for (int c = 0; c < x.numCols; c++) {
                mean += x.get(r, c);
            }
            mean /= x.numCols;
            for (int c = 0; c < x.numCols; c++) {
                x.set(r, c, x.get(r, c) - mean);
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = Math.max(rnd.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

}
