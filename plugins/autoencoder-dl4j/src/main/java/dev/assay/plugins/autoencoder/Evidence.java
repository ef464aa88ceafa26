package dev.assay.plugins.autoencoder;

import static dev.assay.plugins.autoencoder.FeedbackNumbers.fmt;
import static dev.assay.plugins.autoencoder.FeedbackNumbers.percent;

import dev.assay.api.FeedbackBlock;
import java.util.List;
import java.util.Locale;

/** The evidence under a grade: the table of metrics against the optimum, the eigenvalue figure, what training a setup did. */
final class Evidence {
    private Evidence() {
    }

    /** Each metric beside the optimum's value and its tolerance, then how the optimum was computed. */
    static FeedbackBlock table(AeConfig.Tolerances tol, Reference ref, Measurement m, Scoring.Checks checks) {
        String aloneMark = checks.reconstructs() ? "" : " (W2 alone: not credited without its encoder)";
        double[] eig = m.eigenvalues();
        double[] predicted = m.predicted();
        StringBuilder table = new StringBuilder("| check | yours | optimum / tolerance | |\n|---|---|---|---|\n");
        table.append("| loss $L_\\lambda$ | ").append(fmt(m.loss())).append(" | ").append(fmt(m.optimumLoss())).append(" (gap ≤ ")
                .append(fmt(100 * tol.lossGap())).append(" %) | ").append(mark(checks.loss(), "")).append(" |\n");
        table.append("| loss above the best encoder for your $W_2$, as a share of $L^*$ | ").append(percent(m.encoderGap()))
                .append(" | ≤ ").append(percent(tol.encoderGap())).append(" | ").append(mark(checks.reconstructs(), ""))
                .append(" |\n");
        table.append("| largest principal angle to span($U_k$) | ").append(fmt(m.largestAngle())).append("° | ≤ ")
                .append(fmt(tol.principalAngleDegrees())).append("° | ").append(mark(checks.subspace(), aloneMark)).append(" |\n");
        for (int i = 0; i < predicted.length; i++) {
            table.append("| eigenvalue ").append(i + 1).append(" of $W_2^\\top W_2$ | ").append(fmt(eig[i])).append(" | ")
                    .append(fmt(predicted[i])).append(" ± ").append(fmt(tol.eigenvalue())).append(" | ")
                    .append(mark(Math.abs(eig[i] - predicted[i]) <= tol.eigenvalue(), aloneMark)).append(" |\n");
        }
        table.append("\nThe optimum was computed two ways, which agree: in closed form ($L^* = ").append(fmt(m.optimumLoss()))
                .append("$) and by training with Deeplearning4j (").append(ref.dl4j().backend()).append(" backend, ")
                .append(ref.dl4j().steps()).append(" steps of gradient descent on Eq. 6: loss ")
                .append(String.format(Locale.ROOT, "%.2e", ref.dl4jGap())).append(" relative to $L^*$, largest angle ")
                .append(String.format(Locale.ROOT, "%.1e", ref.dl4jAngle())).append("°).");
        return new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "Your weights against the optimum", table.toString(), null);
    }

    private static String mark(boolean passed, String whenPassed) {
        return passed ? "✓" + whenPassed : "✗";
    }

    /** Under the figure when the question says nothing of what it shows: where the optimum's eigenvalues lie. */
    static final String EIGENVALUES_AT_THE_OPTIMUM = "At the optimum they are $1 - \\lambda/s_i$, shown beside yours.";

    /** The figure of W2ᵀW2's eigenvalues against the optimum's, and what they show about the question's verdict, if it says. */
    static FeedbackBlock eigenvalues(Measurement m, double lambda, VerdictOutcome verdict) {
        String explanation = verdict.isAsked() ? verdict.asked().explanation() : null;
        return new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "The eigenvalues of your $W_2^\\top W_2$",
                explanation == null || explanation.isBlank() ? EIGENVALUES_AT_THE_OPTIMUM : explanation,
                EigenvalueChart.of(m.eigenvalues(), m.predicted(), lambda));
    }

    /** How a student's setup relates to Eq. 6 and what training it did. */
    static FeedbackBlock setup(List<String> differencesFromEq6, Dl4jReference.Run run) {
        String report = (differencesFromEq6.isEmpty()
                ? "Your setup is Eq. 6 exactly: two linear layers without bias, mean squared error, plain SGD with "
                + "weight_decay = 2λ/m. "
                : "Your setup optimises a different objective than Eq. 6: " + String.join("; ", differencesFromEq6) + ". ")
                + "Assay trained it with Deeplearning4j (" + run.backend() + ") on the question's data for " + run.steps()
                + " steps (" + fmt(run.millis() / 1000.0) + " s) and checked the weights it reached, below.";
        return new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "Your training setup", report, null);
    }
}
