package dev.assay.server.application.submissions;

import dev.assay.server.application.AssayException;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The rules of an instructor's review, in one place for REST and LTI: the points an instructor may give, and when the
 * plugin's grade is no longer the instructor's (a regrade under a changed configuration), so they look again.
 */
public final class ReviewRule {
    /** Scores closer than this are the same grade (points are typed by people, fractions are computed). */
    private static final double SAME_SCORE = 1e-9;

    private ReviewRule() {
    }

    /**
     * A review's points as a fraction of the question's: a finite number from 0 to the question's points, else a
     * refusal that says the range (a NaN once stored this way broke every later read of the submission).
     */
    public static double score(double points, double questionPoints) {
        if (!Double.isFinite(points) || points < 0 || points > questionPoints) {
            String range = "a number from 0 to " + pointsText(questionPoints);
            throw new AssayException(AssayException.Kind.INVALID, "Give the points as " + range + " (the question is worth "
                    + pointsText(questionPoints) + "); " + (Double.isFinite(points) ? pointsText(points) : String.valueOf(points))
                    + " is not.", List.of(new AssayException.Problem("points", "must be " + range)));
        }
        return questionPoints == 0 ? 0 : Math.min(1, points / questionPoints);
    }

    /**
     * The one rule for "the plugin's grade is not the instructor's": the scores differ, or the plugin's cannot be read
     * (it cannot be said to agree). The panel, the review queue's {@code changed} list and a regrade's report all use it.
     */
    public static boolean pluginDiffers(double pluginScore, double reviewScore) {
        return !GradeEntity.isReadableScore(pluginScore) || Math.abs(pluginScore - reviewScore) >= SAME_SCORE;
    }

    /**
     * For a reviewed submission: its plugin's grade given after the review, when it differs from the instructor's
     * (a regrade under a changed configuration) so the instructor can look again; otherwise empty.
     */
    public static Optional<GradeEntity> newerPluginGrade(SubmissionEntity s, List<GradeEntity> history) {
        if (!s.isReviewed()) {
            return Optional.empty();
        }
        GradeEntity inForce = null;
        GradeEntity plugin = null;
        for (GradeEntity g : history) {
            if (g.getId().equals(s.getGradeInForceId())) {
                inForce = g;
            } else if (g.getId().equals(s.getPluginGradeId())) {
                plugin = g;
            }
        }
        if (inForce == null || plugin == null || plugin.getId() < inForce.getId()
                || !pluginDiffers(plugin.getScore(), inForce.getScore())) {
            return Optional.empty();
        }
        return Optional.of(plugin);
    }

    /** Points as people write them: 4, 2.5. */
    public static String pointsText(double points) {
        return BigDecimal.valueOf(points).stripTrailingZeros().toPlainString();
    }
}
