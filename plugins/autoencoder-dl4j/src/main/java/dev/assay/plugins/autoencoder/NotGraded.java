package dev.assay.plugins.autoencoder;

import static dev.assay.plugins.autoencoder.FeedbackNumbers.fmt;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.List;

/**
 * The grades of answers whose weights could not be checked: why, and what happens next. Where the cause is the
 * question or the machine, the answer is kept for a regrade and the student is told so.
 */
final class NotGraded {
    private NotGraded() {
    }

    static Grade dataUnavailable(WeightsException e) {
        return Grade.error("DATA_UNAVAILABLE", "The question's data set cannot be built: " + e.getMessage());
    }

    static Grade referenceOverBudget(AeConfig c, TrainingDevice.BudgetExceeded e) {
        return Grade.error("REFERENCE_OVER_BUDGET", "The reference training for this question did not finish within its "
                + "budget of " + c.trainingBudgetSeconds() + " s (" + e.getMessage() + "). Your answer is kept; an "
                + "instructor needs to raise trainingBudgetSeconds or make the data set smaller, then regrade.");
    }

    static Grade referenceDisagrees(Reference ref) {
        return Grade.error("REFERENCE_DISAGREES", "The two references for this question disagree (DL4J's training is "
                + fmt(100 * ref.dl4jGap()) + " % above the closed form, " + fmt(ref.dl4jAngle()) + "° off its subspace), "
                + "so neither is trusted. Your answer is kept; an instructor needs to check the question's settings.");
    }

    static Grade busy(TrainingDevice.Busy e) {
        return Grade.error("TRAINING_BUSY", "Assay could not train for this answer now: " + e.getMessage() + ". Your answer "
                + "is kept and will be graded when it is regraded; nothing is lost.");
    }

    /** A student's setup that asks for more training than the budget allows; the caller adds the expected approach. */
    static Grade.Builder trainingOverBudget(AeConfig c, TrainingSetup setup, List<String> differencesFromEq6,
                                            TrainingDevice.BudgetExceeded e) {
        return Grade.builder(Grade.Status.INVALID_ANSWER).note("TRAINING_OVER_BUDGET")
                .echo(Echo.text("training setup: " + setup.optimizerName() + ", " + e.stepsPlanned + " steps"))
                .feedback(FeedbackBlock.diagnosis("Your setup asks for " + e.stepsPlanned + " full-batch steps. "
                        + "Assay trains each setup for at most " + c.trainingBudgetSeconds() + " s and got through "
                        + e.stepsDone + " of them, so it stopped without grading. Ask for fewer epochs (or a larger "
                        + "batch), or train it yourself and upload W1 and W2 instead."
                        + (differencesFromEq6.isEmpty() ? "" : " Note also: " + String.join("; ", differencesFromEq6) + ".")));
    }
}
