package dev.assay.plugins.autoencoder;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * What is wrong with an encoder W1 that does not go with its decoder W2, in the words a student needs: the
 * mistakes seen in uploads (a zero W1, W2ᵀ rescaled, W2's numbers reshaped instead of transposed), else a general
 * sentence. At the optimum of Eq. 6 with weight decay W1 = W2ᵀ, which is what each case is measured against.
 */
final class EncoderDiagnosis {
    /** Relative distance under which W1 counts as the matrix it is compared with (well above rounding in a CSV). */
    private static final double SAME = 1e-3;

    private EncoderDiagnosis() {
    }

    static String of(DMatrixRMaj w1, DMatrixRMaj w2) {
        double w1Norm = NormOps_DDRM.normF(w1);
        double w2Norm = NormOps_DDRM.normF(w2);
        if (w1Norm <= 1e-12 * Math.max(1, w2Norm)) {
            return "Your W1 is all zeros, so $W_2W_1X = 0$: the autoencoder reconstructs nothing.";
        }
        DMatrixRMaj w2t = CommonOps_DDRM.transpose(w2, null);
        if (w2Norm > 0 && w1.numRows == w2t.numRows && w1.numCols == w2t.numCols) {
            double inner = 0;
            for (int i = 0; i < w1.getNumElements(); i++) {
                inner += w1.data[i] * w2t.data[i];
            }
            double scale = inner / (w2Norm * w2Norm); // the c that brings c·W2ᵀ closest to W1
            if (distance(w1, w2t, scale) <= SAME * w1Norm) {
                return String.format(java.util.Locale.ROOT, "Your W1 is $W_2^\\top$ multiplied by %s; at the optimum "
                        + "weight decay balances the two layers, so $W_1 = W_2^\\top$ exactly.", FeedbackNumbers.fmt(scale));
            }
        }
        if (w1.getNumElements() == w2.getNumElements()) {
            DMatrixRMaj reshaped = new DMatrixRMaj(w1.numRows, w1.numCols);
            System.arraycopy(w2.data, 0, reshaped.data, 0, w2.getNumElements());
            if (distance(w1, reshaped, 1) <= SAME * w1Norm) {
                return "Your W1 holds W2's numbers reshaped to " + w1.numRows + "×" + w1.numCols + " (as W2.reshape("
                        + w1.numRows + ", " + w1.numCols + ") would), which is not an encoder: reshaping keeps the order of "
                        + "the numbers, transposing ($W_2^\\top$, W2.T) swaps rows and columns.";
            }
        }
        return "Your W1 is not the encoder that goes with your W2.";
    }

    /** ‖a − scale·b‖_F. */
    private static double distance(DMatrixRMaj a, DMatrixRMaj b, double scale) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            double d = a.data[i] - scale * b.data[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
