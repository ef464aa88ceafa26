package dev.assay.server.application.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a regrade of an assignment would do, from a dry run: the answers it would grade, graded with their questions'
 * current configuration and stored nowhere, and the assignment scores (in points) as they stand and as they would be.
 *
 * @param submissions how many answers the regrade would grade (all were graded by the dry run)
 * @param changed     how many students' assignment scores would change
 * @param students    the students whose score would change, or whose review keeps a grade the plugin would now give
 *                    differently, by user
 * @param total       the sum of every student's assignment score, as it stands and as it would be
 */
public record RegradePreview(long assignmentId, int submissions, int changed, List<Student> students, Change total) {
    /** Points as they stand ({@code old}) and as they would be after the regrade ({@code new}). */
    public record Change(@JsonProperty("old") double oldPoints, @JsonProperty("new") double newPoints) {
    }

    /** One student's assignment score before and after, out of {@code maximum}, with the questions that make the difference. */
    public record Student(String user, @JsonProperty("old") double oldPoints, @JsonProperty("new") double newPoints,
                          double maximum, List<QuestionChange> questions) {
    }

    /**
     * One question of a student's latest answers: its points before and after. {@code reviewed}: an instructor's grade
     * is in force and stays (so old = new), although the plugin would now grade it {@code plugin} points.
     */
    public record QuestionChange(String question, @JsonProperty("old") double oldPoints, @JsonProperty("new") double newPoints,
                                 boolean reviewed, Double plugin) {
    }
}
