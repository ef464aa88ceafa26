package dev.assay.server.application.api;

import java.util.List;

/** How an assignment's questions went: for each, its submissions, its students and their mean. */
public record AssignmentAnalytics(long assignmentId, String title, List<QuestionMean> questions) {
    /**
     * @param students how many students answered it
     * @param mean     the mean points of each student's latest answer (its grade in force), as the assignment score
     *                 counts it; 0 when nobody answered
     */
    public record QuestionMean(String questionId, String title, double points, long submissions, long students, double mean) {
    }
}
