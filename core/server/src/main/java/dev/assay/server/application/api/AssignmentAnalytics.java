package dev.assay.server.application.api;

import java.util.List;

/**
 * How an assignment's questions went, and what the workspace's overview shows of each: its plugin, points, state,
 * configuration version and question-test status, its submissions, its students and their mean.
 */
public record AssignmentAnalytics(long assignmentId, String title, List<QuestionMean> questions) {
    /**
     * @param students how many students answered it
     * @param mean     the mean points of each student's latest answer (its grade in force), as the assignment score
     *                 counts it; 0 when nobody answered
     * @param state    READY, or why the question cannot grade (PLUGIN_NOT_INSTALLED, INVALID_CONFIG)
     * @param tests    the question tests of the version in force, as they went when it was saved: {@value #PASSING},
     *                 {@value #NO_TESTS} (the question has none), or {@value #NOT_RUN} (a version a pack import made, or
     *                 one saved before test results were kept); a save whose tests fail is refused, so a stored version
     *                 never fails. Never run on a read
     */
    public record QuestionMean(String questionId, String title, double points, long submissions, long students, double mean,
                               String plugin, String state, int configVersion, String tests) {
    }

    public static final String PASSING = "passing";
    public static final String NO_TESTS = "none";
    public static final String NOT_RUN = "not run";
}
