package dev.assay.plugins.autoencoder;

import org.ejml.data.DMatrixRMaj;

/**
 * The metrics of an uploaded (or trained) pair W1 (k×m), W2 (m×k) against the optimum: numbers only, no tolerances.
 *
 * @param loss             L_λ(W1, W2) on the question's data
 * @param optimumLoss      L*, the optimum's loss
 * @param lossGap          (loss − L*) / L*
 * @param bestEncoderLoss  the least loss any encoder reaches with this W2
 * @param encoderGap       (loss − bestEncoderLoss) / L*: how far W1 is from the encoder that goes with W2
 * @param largestAngle     the largest principal angle between span(W2) and span(U_k), in degrees
 * @param eigenvalues      the eigenvalues of W2ᵀW2, largest first
 * @param predicted        the optimum's eigenvalues 1 − λ/s_i, largest first
 * @param eigenvalueError  the largest |eigenvalues[i] − predicted[i]|
 */
record Measurement(double loss, double optimumLoss, double lossGap, double bestEncoderLoss, double encoderGap,
                   double largestAngle, double[] eigenvalues, double[] predicted, double eigenvalueError) {

    /** Measures a pair of the question's shapes (W1 k×m, W2 m×k) with finite entries. */
    static Measurement of(ClosedForm optimum, DMatrixRMaj w1, DMatrixRMaj w2) {
        double loss = optimum.loss(w1, w2);
        double best = optimum.bestEncoderLoss(w2);
        double[] eigenvalues = ClosedForm.gramEigenvalues(w2);
        double[] predicted = optimum.predictedEigenvalues();
        double eigenvalueError = 0;
        for (int i = 0; i < optimum.k; i++) {
            eigenvalueError = Math.max(eigenvalueError, Math.abs(eigenvalues[i] - predicted[i]));
        }
        return new Measurement(loss, optimum.loss, (loss - optimum.loss) / optimum.loss, best,
                (loss - best) / optimum.loss, optimum.largestPrincipalAngle(w2), eigenvalues, predicted, eigenvalueError);
    }

    /** The λ for which the eigenvalues e_i would be 1 − λ/s_i, if one λ fits them all; else NaN. */
    static double impliedLambda(double[] eig, double[] s, int k, double tolerance) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += (1 - eig[i]) * s[i];
        }
        double lambda = sum / k;
        for (int i = 0; i < k; i++) {
            if (Math.abs(eig[i] - (1 - lambda / s[i])) > tolerance) {
                return Double.NaN;
            }
        }
        return lambda > 0 ? lambda : Double.NaN;
    }
}
