package dev.assay.server.application.api;

import dev.assay.api.Echo;
import java.util.List;
import java.util.Map;

/**
 * What a question's students answered, over each submission's grade in force (an instructor's review where there is
 * one, else the plugin's latest grade), as STACK's response analysis and Gradescope's answer groups show it.
 *
 * @param points            what the question is worth
 * @param submissions       every submission to it
 * @param students          from how many students
 * @param scores            the histogram of the submissions' points
 * @param notes             each answer note with the number of submissions whose grade carries it, most frequent first
 * @param answerGroups      the largest answer groups, largest first
 * @param answerGroupsTotal how many answer groups there are in all
 */
public record QuestionAnalytics(String questionId, double points, long submissions, long students, ScoreHistogram scores,
                                Map<String, Long> notes, List<AnswerGroup> answerGroups, int answerGroupsTotal) {
    /**
     * Points in bins: {@code zero} and {@code full} count the exact scores 0 and the question's points; the ten
     * {@code bins} split the points between them into equal parts, each from {@code from} (included) to {@code to}
     * (excluded).
     */
    public record ScoreHistogram(long zero, List<Bin> bins, long full) {
    }

    public record Bin(double from, double to, long count) {
    }

    /**
     * Submissions whose answers are identical after the plugin's own normalisation: the same echo. Where a plugin echoed
     * nothing (an answer it could not read, a grader's failure), answers group by their text as it was typed instead.
     *
     * @param byAnswerText grouped by the answer's text, as the plugin echoed nothing
     * @param score        the mean points of the group's grades in force
     * @param uniform      every grade in force of the group has the same score and notes
     * @param notes        each note with the number of the group's submissions whose grade carries it
     * @param example      one of the answers as typed (its first 1,000 characters)
     */
    public record AnswerGroup(Echo echo, boolean byAnswerText, long count, double score, boolean uniform,
                              Map<String, Long> notes, String example) {
    }
}
