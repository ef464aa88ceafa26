package dev.assay.server.application.gradebook;

import dev.assay.api.Grade;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.domain.model.GradeEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's score on an assignment, as a gradebook gets it: the sum over the assignment's questions of the grade in force
 * of the latest answer to each (an instructor's if there is one, else the plugin's latest) times the question's points,
 * out of the sum of the points. A pure function of the questions and the grades in force.
 *
 * @param given          points earned, to 6 decimals; a grade that cannot be read counts 0
 * @param maximum        the assignment's points
 * @param complete       every question has an answer
 * @param awaitingReview the score is provisional: a grade in force waits for a person, as it needs review, is an error
 *                       (a plugin failed: a regrade or a review will settle it) or cannot be read
 * @param comment        the instructors' review comments in force, in the assignment's order, each prefixed by its
 *                       question's title when the assignment has several questions; null when there is none
 */
public record AssignmentScore(double given, double maximum, boolean complete, boolean awaitingReview, String comment) {
    /** A question of the assignment: its title and points. */
    public record Question(String id, String title, double points) {
        /** The questions of these ids as the catalog has them; one no longer on the server counts with 0 points. */
        public static List<Question> of(List<String> questionIds, QuestionCatalog catalog) {
            return questionIds.stream().map(q -> catalog.question(q).map(e -> new Question(q, e.title(), e.points()))
                    .orElse(new Question(q, q, 0))).toList();
        }
    }

    /** The grade in force of the latest answer to a question: its score, its status (null: unknown), the review comment. */
    public record InForce(double score, Grade.Status status, String reviewComment) {
        boolean awaitsAPerson() {
            return !GradeEntity.isReadableScore(score) || status == null || status == Grade.Status.NEEDS_REVIEW
                    || status == Grade.Status.ERROR;
        }
    }

    /**
     * @param questions the assignment's questions, in order
     * @param latest    the grade in force of the latest answer to each question answered, by question id
     */
    public static AssignmentScore of(List<Question> questions, Map<String, InForce> latest) {
        double given = 0;
        double maximum = 0;
        boolean awaiting = false;
        boolean complete = true;
        List<String> comments = new ArrayList<>();
        for (Question q : questions) {
            maximum += q.points();
            InForce g = latest.get(q.id());
            if (g == null) {
                complete = false;
                continue;
            }
            given += GradeEntity.isReadableScore(g.score()) ? q.points() * g.score() : 0;
            awaiting |= g.awaitsAPerson();
            if (g.reviewComment() != null) {
                comments.add((questions.size() > 1 ? q.title() + ": " : "") + g.reviewComment().strip());
            }
        }
        return new AssignmentScore(Math.round(given * 1e6) / 1e6, maximum, complete, awaiting,
                comments.isEmpty() ? null : String.join("\n\n", comments));
    }
}
