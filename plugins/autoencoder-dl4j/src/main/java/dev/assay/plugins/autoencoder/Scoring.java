package dev.assay.plugins.autoencoder;

import java.util.ArrayList;
import java.util.List;

/**
 * What a measured pair earns: which checks pass against the question's tolerances, the answer notes that say so, and
 * the score, the weights of the checks passed over the weights of all checks. A pure function of its arguments.
 *
 * <p>A question that asks no yes/no verdict has one check fewer: the verdict's weight is not counted in the total, so
 * the other checks share the whole score (the optimum alone earns 1, not 0.8).
 *
 * <p>The subspace and the eigenvalues are properties of W2 alone; they earn credit only when W1 goes with W2 (its loss
 * is near the least any encoder reaches with this W2), so a right decoder with a zero, random, rescaled or reshaped
 * encoder cannot earn most of the score, while W2 = U_kA with its own encoder (λ = 0) still can.
 */
final class Scoring {

    /** Which checks a pair passes; {@code reconstructs}: W1 goes with W2 (or the loss is at the optimum's). */
    record Checks(boolean subspace, boolean loss, boolean orthonormal, boolean reconstructs) {
    }

    /** The score in [0, 1], what it rests on, and the answer notes in the order a grade lists them. */
    record Score(double value, Checks checks, List<String> notes) {
        Score {
            notes = List.copyOf(notes);
        }
    }

    private Scoring() {
    }

    static Checks checks(Measurement m, AeConfig.Tolerances tol) {
        boolean loss = m.lossGap() <= tol.lossGap();
        return new Checks(m.largestAngle() <= tol.principalAngleDegrees(), loss, m.eigenvalueError() <= tol.eigenvalue(),
                m.encoderGap() <= tol.encoderGap() || loss);
    }

    static Score of(Measurement m, AeConfig.Tolerances tol, AeConfig.Weights weights, VerdictOutcome verdict) {
        Checks c = checks(m, tol);
        double earned = (c.reconstructs() && c.subspace() ? weights.subspace() : 0) + (c.loss() ? weights.loss() : 0)
                + (c.reconstructs() && c.orthonormal() ? weights.orthonormal() : 0) + (verdict.right() ? weights.verdict() : 0);
        List<String> notes = new ArrayList<>();
        notes.add(c.subspace() ? "SUBSPACE_OK" : "SUBSPACE_OFF");
        if (!c.loss()) {
            notes.add("LOSS_GAP");
        }
        if (!c.reconstructs()) {
            notes.add("DOES_NOT_RECONSTRUCT");
        }
        notes.add(c.orthonormal() ? "ORTHONORMAL_OK" : "NOT_ORTHONORMAL");
        notes.addAll(verdict.notes());
        return new Score(share(earned, weights, verdict), c, notes);
    }

    /** Training a setup diverged (NaN or infinite weights): nothing to measure, so only the verdict can earn its share. */
    static Score diverged(AeConfig.Weights weights, VerdictOutcome verdict) {
        List<String> notes = new ArrayList<>(List.of("TRAINING_DIVERGED", "LOSS_GAP"));
        notes.addAll(verdict.notes());
        return new Score(share(verdict.right() ? weights.verdict() : 0, weights, verdict), new Checks(false, false, false, false),
                notes);
    }

    private static double share(double earned, AeConfig.Weights w, VerdictOutcome verdict) {
        double total = w.subspace() + w.loss() + w.orthonormal() + (verdict.isAsked() ? w.verdict() : 0);
        return total == 0 ? 0 : earned / total;
    }
}
