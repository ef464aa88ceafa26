package dev.assay.plugins.autoencoder;

import static dev.assay.plugins.autoencoder.FeedbackNumbers.fmt;
import static dev.assay.plugins.autoencoder.FeedbackNumbers.percent;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** What a student is told about their weights and their verdict: the mistake, in words, and what to do about it. */
final class Diagnosis {
    private Diagnosis() {
    }

    /** For a pair of the question's shapes that was measured and scored. */
    static String of(AeConfig c, ClosedForm optimum, DMatrixRMaj w1, DMatrixRMaj w2, Measurement m, Scoring.Checks checks,
                     VerdictOutcome verdict) {
        List<String> said = new ArrayList<>();
        int k = c.k();
        double implied = checks.orthonormal() ? Double.NaN
                : Measurement.impliedLambda(m.eigenvalues(), optimum.s, k, c.tolerances().eigenvalue());
        if (!checks.reconstructs()) {
            said.add(EncoderDiagnosis.of(w1, w2) + " With your W2 the best encoder reaches a loss of "
                    + fmt(m.bestEncoderLoss()) + " and your W1 reaches " + fmt(m.loss()) + ": more by " + percent(m.encoderGap())
                    + " of the optimum's loss ($L^*$ = " + fmt(m.optimumLoss()) + "), where a pair trained together is within "
                    + percent(c.tolerances().encoderGap()) + ". "
                    + (checks.subspace() || checks.orthonormal() ? "Your decoder W2 on its own "
                    + (checks.subspace() && checks.orthonormal() ? "spans the right subspace and has the right eigenvalues"
                    : checks.subspace() ? "spans the right subspace" : "has the right eigenvalues")
                    + ", but that earns credit only together with the encoder that goes "
                    + "with it: upload the W1 trained together with this W2 (at the optimum $W_1 = W_2^\\top$)."
                    : "Upload the W1 and W2 of one training run: at the optimum $W_1 = W_2^\\top$."));
        }
        if (!checks.subspace()) {
            said.add("Your decoder does not span the top-" + k + " principal subspace (largest principal angle "
                    + fmt(m.largestAngle()) + "°): training has not converged, or the data or the model differ from the question's.");
        } else if (!checks.orthonormal() && checks.reconstructs()) {
            if (!Double.isNaN(implied)) {
                said.add("Your decoder is balanced, as weight decay makes it, but for λ ≈ " + fmt(implied) + " rather than "
                        + c.lambda() + ": the eigenvalues of $W_2^\\top W_2$ are $1 - " + fmt(implied) + "/s_i$. Check how the "
                        + "penalty is scaled (with nn.MSELoss, weight_decay = 2λ/m).");
            } else {
                said.add("Your decoder spans the right subspace, but the eigenvalues of $W_2^\\top W_2$ are not $1 - \\lambda/s_i$: "
                        + "this is what an optimum without weight decay looks like ($W_2 = U_kA$ for any invertible $A$). "
                        + "With weight decay the optimum is balanced: check that λ = " + c.lambda() + " is applied to both layers.");
            }
        }
        if (checks.subspace() && checks.reconstructs() && !checks.loss() && Double.isNaN(implied)) {
            said.add("Your loss is " + fmt(100 * m.lossGap()) + " % above the optimum: train longer or with a smaller step.");
        }
        verdict(said, verdict);
        if (said.isEmpty()) {
            said.add(verdict.isAsked() ? "Your weights reach the regularised optimum, and your verdict is right."
                    : "Your weights reach the regularised optimum.");
        }
        return String.join(" ", said);
    }

    /** For a setup whose training diverged: nothing was measured. */
    static String diverged(VerdictOutcome verdict) {
        List<String> said = new ArrayList<>(List.of("Training your setup diverged: the weights it reached hold NaN or "
                + "infinite values, so there is nothing to check against the optimum. A smaller learning rate keeps "
                + "gradient descent stable."));
        verdict(said, verdict);
        return String.join(" ", said);
    }

    /** For weights of the wrong shapes: the shapes wanted, and the likely cause when they are transposed. */
    static String wrongShape(int k, int m, DMatrixRMaj w1, DMatrixRMaj w2) {
        boolean transposed = w1.numRows == m && w1.numCols == k && w2.numRows == k && w2.numCols == m;
        return "W1 must be k×m = " + k + "×" + m + " and W2 m×k = " + m + "×" + k
                + "; yours are " + w1.numRows + "×" + w1.numCols + " and " + w2.numRows + "×" + w2.numCols + "."
                + (transposed ? " They look transposed: PyTorch's nn.Linear stores weight as (out, in), so save "
                + "encoder.weight as W1 and decoder.weight as W2 without transposing." : "");
    }

    private static void verdict(List<String> said, VerdictOutcome outcome) {
        if (outcome.right() || !outcome.isAsked()) {
            return;
        }
        Verdict verdict = outcome.said();
        if (verdict.unclear() != null) {
            said.add("Your verdict needs to be one clear answer, and yours is not yet: " + verdict.unclear() + ". Start with "
                    + "yes or no, then give your argument; you can resubmit with the same weights.");
        } else if (!verdict.isClear()) {
            String question = outcome.asked().question();
            said.add(question == null || question.isBlank() ? "Say yes or no, then give your argument." : "Say yes or no: " + question);
        } else {
            said.add("Your verdict (" + verdict.answer() + ") is not what the numbers show.");
        }
    }
}
