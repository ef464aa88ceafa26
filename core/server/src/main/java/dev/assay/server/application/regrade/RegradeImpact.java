package dev.assay.server.application.regrade;

import dev.assay.api.Grade;
import dev.assay.server.application.api.RegradePreview;
import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.application.submissions.ReviewRule;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.repository.SubmissionRepository.LatestInForce;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effect of a regrade on each student's assignment score ({@link AssignmentScore}: the grade in force of each
 * question's latest answer), from the grades a dry run gave. A reviewed answer keeps its review, as in a real regrade.
 * A pure function of the grades in force and the new grades.
 */
public final class RegradeImpact {
    private RegradeImpact() {
    }

    /**
     * @param questions the assignment's questions, in order
     * @param latest    the grade in force of each user's latest answer to each question
     * @param regraded  the new plugin grade of each answer the regrade would grade, by submission id
     */
    public static RegradePreview of(long assignmentId, List<AssignmentScore.Question> questions, List<LatestInForce> latest,
                                    Map<Long, Grade> regraded) {
        return of(assignmentId, questions, latest, regraded, Map.of());
    }

    /**
     * As {@link #of(long, List, List, Map)}, where a question's points have changed since grades in force were given:
     * {@code pointsThen} says, by configuration version id, what the question was worth with it. The old score counts
     * each grade with the points it was given with (what the gradebook holds), the new one with the points now, so that
     * a points change shows in the dry run as the regrade will deliver it.
     */
    public static RegradePreview of(long assignmentId, List<AssignmentScore.Question> questions, List<LatestInForce> latest,
                                    Map<Long, Grade> regraded, Map<Long, Double> pointsThen) {
        Map<String, Double> points = new HashMap<>();
        questions.forEach(q -> points.put(q.id(), q.points()));
        Map<String, List<LatestInForce>> byUser = new LinkedHashMap<>();
        latest.forEach(l -> byUser.computeIfAbsent(l.platformUserId(), u -> new ArrayList<>()).add(l));
        double totalOld = 0;
        double totalNew = 0;
        int changed = 0;
        List<RegradePreview.Student> students = new ArrayList<>();
        for (Map.Entry<String, List<LatestInForce>> user : byUser.entrySet()) {
            Map<String, AssignmentScore.InForce> before = new HashMap<>();
            Map<String, Double> userPointsThen = new HashMap<>();
            // The regrade sends this student's score only when it puts a new grade in force (on an answer not reviewed).
            boolean sends = user.getValue().stream().anyMatch(l -> !l.reviewed() && regraded.containsKey(l.submissionId()));
            Map<String, AssignmentScore.InForce> after = new HashMap<>();
            List<RegradePreview.QuestionChange> differences = new ArrayList<>();
            for (LatestInForce l : user.getValue()) {
                AssignmentScore.InForce now = new AssignmentScore.InForce(l.score(), l.status(), l.reviewComment());
                before.put(l.questionId(), now);
                Grade fresh = regraded.get(l.submissionId());
                if (fresh == null || l.reviewed()) {
                    after.put(l.questionId(), now);
                } else {
                    after.put(l.questionId(), new AssignmentScore.InForce(fresh.score(), fresh.status(), null));
                }
                double max = points.getOrDefault(l.questionId(), 0.0);
                double maxThen = l.configId() == null ? max : pointsThen.getOrDefault(l.configId(), max);
                userPointsThen.put(l.questionId(), maxThen);
                if (fresh == null) {
                    continue;
                }
                double old = pointsOf(l.score(), maxThen);
                if (l.reviewed()) {
                    // A review stands: the gradebook hears of new points for it only with a score the regrade sends.
                    double kept = sends ? pointsOf(l.score(), max) : old;
                    boolean pluginDiffers = ReviewRule.pluginDiffers(fresh.score(), l.score());
                    if (pluginDiffers || kept != old) {
                        differences.add(new RegradePreview.QuestionChange(l.questionId(), old, kept, true,
                                pluginDiffers ? pointsOf(fresh.score(), max) : null));
                    }
                } else if (pointsOf(fresh.score(), max) != old || fresh.status() != l.status()) {
                    differences.add(new RegradePreview.QuestionChange(l.questionId(), old, pointsOf(fresh.score(), max), false, null));
                }
            }
            AssignmentScore old = AssignmentScore.of(questions.stream().map(q -> new AssignmentScore.Question(q.id(), q.title(),
                    userPointsThen.getOrDefault(q.id(), q.points()))).toList(), before);
            AssignmentScore now = sends ? AssignmentScore.of(questions, after) : old;
            totalOld += old.given();
            totalNew += now.given();
            boolean scoreChanges = old.given() != now.given();
            if (scoreChanges) {
                changed++;
            }
            if (scoreChanges || !differences.isEmpty()) {
                students.add(new RegradePreview.Student(user.getKey(), old.given(), now.given(), old.maximum(), differences));
            }
        }
        return new RegradePreview(assignmentId, regraded.size(), changed, students,
                new RegradePreview.Change(round(totalOld), round(totalNew)));
    }

    /** A stored fraction as points, to 6 decimals; one that cannot be read counts 0, as in the assignment score. */
    private static double pointsOf(double score, double questionPoints) {
        return GradeEntity.isReadableScore(score) ? round(score * questionPoints) : 0;
    }

    private static double round(double points) {
        return Math.round(points * 1e6) / 1e6;
    }
}
