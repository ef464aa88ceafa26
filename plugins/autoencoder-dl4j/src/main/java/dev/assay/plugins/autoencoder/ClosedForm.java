package dev.assay.plugins.autoencoder;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The optimum of L_λ = (1/n)‖X − W2W1X‖² + λ‖W1‖² + λ‖W2‖² in closed form (Kunin et al. 2019, rescaled):
 * with s_i the eigenvalues of C = XXᵀ/n and U_k the top-k eigenvectors, W2* = U_k diag(√(1 − λ/s_i)),
 * W1* = W2*ᵀ, and L* = Σ_{i≤k}(2λ − λ²/s_i) + Σ_{i>k} s_i.
 */
final class ClosedForm {
    final DMatrixRMaj x;
    final double lambda;
    final int k;
    final double[] s;
    /** All eigenvectors of C, as columns in the order of {@link #s}. */
    final DMatrixRMaj u;
    final DMatrixRMaj uk;
    final DMatrixRMaj w1;
    final DMatrixRMaj w2;
    final double loss;

    ClosedForm(DMatrixRMaj x, double lambda, int k) {
        this.x = x;
        this.lambda = lambda;
        this.k = k;
        int m = x.numRows;
        DMatrixRMaj c = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransB(x, x, c);
        CommonOps_DDRM.scale(1.0 / x.numCols, c);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(c)) {
            throw new IllegalStateException("eigen-decomposition of the covariance failed");
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        s = new double[m];
        u = new DMatrixRMaj(m, m);
        uk = new DMatrixRMaj(m, k);
        w2 = new DMatrixRMaj(m, k);
        for (int i = 0; i < m; i++) {
            s[i] = eig.getEigenvalue(order[i]).real;
            DMatrixRMaj v = eig.getEigenVector(order[i]);
            double norm = NormOps_DDRM.normF(v);
            for (int r = 0; r < m; r++) {
                u.set(r, i, v.get(r) / norm);
            }
        }
        for (int j = 0; j < k; j++) {
            DMatrixRMaj v = eig.getEigenVector(order[j]);
            double norm = NormOps_DDRM.normF(v);
            double d = Math.sqrt(Math.max(0, 1 - lambda / s[j]));
            for (int i = 0; i < m; i++) {
                uk.set(i, j, v.get(i) / norm);
                w2.set(i, j, d * v.get(i) / norm);
            }
        }
        w1 = CommonOps_DDRM.transpose(w2, null);
        double l = 0;
        for (int i = 0; i < m; i++) {
            l += i < k ? (s[i] > lambda ? 2 * lambda - lambda * lambda / s[i] : s[i]) : s[i];
        }
        loss = l;
    }

    /** The predicted eigenvalues of W2ᵀW2 at the optimum: 1 − λ/s_i, largest first. */
    double[] predictedEigenvalues() {
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = Math.max(0, 1 - lambda / s[i]);
        }
        return p;
    }

    /** L_λ(W1, W2) on this data. */
    double loss(DMatrixRMaj w1, DMatrixRMaj w2) {
        DMatrixRMaj code = new DMatrixRMaj(w1.numRows, x.numCols);
        CommonOps_DDRM.mult(w1, x, code);
        DMatrixRMaj recon = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(w2, code, recon);
        CommonOps_DDRM.subtract(x, recon, recon);
        double r = NormOps_DDRM.normF(recon);
        double a = NormOps_DDRM.normF(w1);
        double b = NormOps_DDRM.normF(w2);
        return r * r / x.numCols + lambda * (a * a + b * b);
    }

    /**
     * The least L_λ(W1, W2) any encoder W1 reaches with this decoder W2: how well the decoder can do with the encoder
     * that goes with it. In the eigenbasis of C (C = U diag(s) Uᵀ) and of W2ᵀW2 = Q diag(μ) Qᵀ the loss separates into
     * one quadratic per pair (i, j), each minimised in closed form, so
     * min over W1 = tr C + λ‖W2‖² − Σ_{i,j} s_j² (q_iᵀW2ᵀu_j)² / (s_j μ_i + λ) (terms with a zero denominator have a zero
     * numerator and drop out). Infinite when W2 is too large for the arithmetic.
     */
    double bestEncoderLoss(DMatrixRMaj w2) {
        int kk = w2.numCols;
        DMatrixRMaj gram = new DMatrixRMaj(kk, kk);
        CommonOps_DDRM.multTransA(w2, w2, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(kk, true, true);
        if (MatrixFeatures_DDRM.hasUncountable(gram) || !eig.decompose(gram)) {
            return Double.POSITIVE_INFINITY;
        }
        DMatrixRMaj projected = new DMatrixRMaj(w2.numCols, u.numCols); // W2ᵀU: column j is W2ᵀu_j
        CommonOps_DDRM.multTransA(w2, u, projected);
        double normW2 = NormOps_DDRM.normF(w2);
        double best = lossWithoutReconstruction() + lambda * normW2 * normW2;
        for (int i = 0; i < kk; i++) {
            DMatrixRMaj q = eig.getEigenVector(i);
            double qNorm = NormOps_DDRM.normF(q);
            double mu = Math.max(0, eig.getEigenvalue(i).real);
            for (int j = 0; j < s.length; j++) {
                double sj = Math.max(0, s[j]);
                double denominator = sj * mu + lambda;
                if (denominator <= 0) {
                    continue;
                }
                double along = 0;
                for (int r = 0; r < kk; r++) {
                    along += q.get(r) * projected.get(r, j);
                }
                along /= qNorm;
                best -= sj * sj * along * along / denominator;
            }
        }
        return best;
    }

    /** L_λ(0, 0) = tr C: the loss of a pair that reconstructs nothing. */
    double lossWithoutReconstruction() {
        double trace = 0;
        for (double si : s) {
            trace += si;
        }
        return trace;
    }

    /** The largest principal angle, in degrees, between span(W2) and span(U_k). */
    double largestPrincipalAngle(DMatrixRMaj w2) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(w2.numRows, w2.numCols);
        qr.decompose(w2.copy());
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj m = new DMatrixRMaj(k, q.numCols);
        CommonOps_DDRM.multTransA(uk, q, m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        svd.decompose(m);
        double[] sv = svd.getSingularValues();
        double min = 1;
        for (int i = 0; i < Math.min(k, sv.length); i++) {
            min = Math.min(min, sv[i]);
        }
        if (sv.length < k) {
            min = 0;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, min))));
    }

    /** Eigenvalues of W2ᵀW2, largest first. */
    static double[] gramEigenvalues(DMatrixRMaj w2) {
        DMatrixRMaj g = new DMatrixRMaj(w2.numCols, w2.numCols);
        CommonOps_DDRM.multTransA(w2, w2, g);
        double[] out = new double[g.numRows];
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(g.numRows, false, true);
        if (!MatrixFeatures_DDRM.hasUncountable(g) && eig.decompose(g)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = eig.getEigenvalue(i).real;
            }
        } else {
            java.util.Arrays.fill(out, Double.NaN); // entries so large that W2ᵀW2 overflows: no eigenvalue is close
        }
        java.util.Arrays.sort(out);
        for (int i = 0; i < out.length / 2; i++) {
            double t = out[i];
            out[i] = out[out.length - 1 - i];
            out[out.length - 1 - i] = t;
        }
        return out;
    }

}
