package dev.assay.server.interfaces.rest.dto;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.HandoutInfo;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Response bodies of /api whose shape is the REST API's own. Where a record of the application API has the very shape
 * a response takes (an assignment, a pack, a plugin list, a configuration version, an outbox entry, a regrade), the
 * resource returns it as it is.
 */
public final class Views {
    private Views() {
    }

    /**
     * What an import did.
     *
     * @param newVersions the questions that got a new configuration version ("q v2")
     * @param conflicts   the fields the pack changed that were also changed here since ("q field"): Assay's value stays,
     *                    and the pack lists the conflict with both values
     */
    public record ImportView(String id, boolean unchanged, List<String> newVersions, List<String> conflicts) {
    }

    public record QuestionView(String id, String pack, String title, String prompt, double points, String plugin,
                               String state, List<String> problems, int configVersion, List<HandoutInfo> handouts) {
    }

    public record ValidationView(boolean valid, Echo echo, List<String> messages, List<String> notes) {
    }

    /**
     * What a student would get for the answer; nothing is stored.
     *
     * @param score         the fraction of the question's points, 0 to 1
     * @param points        the points it would give
     * @param maximum       the question's points
     * @param draft         graded with the draft configuration of the request
     * @param configVersion the configuration version in force it was graded with; null for a draft
     */
    public record PreviewView(String questionId, String status, double score, double points, double maximum,
                              List<String> notes, List<FeedbackBlock> feedback, Echo echo, String plugin,
                              String pluginVersion, boolean draft, Integer configVersion, double durationMs) {
    }

    /** @param status GRADED, INVALID_ANSWER, NEEDS_REVIEW, ERROR, or UNREADABLE for a stored grade that cannot be read back */
    public record GradeView(long id, String status, double score, double points, List<String> notes,
                            List<FeedbackBlock> feedback, Echo echo, String plugin, String pluginVersion,
                            int configVersion, double durationMs, boolean needsReview, OffsetDateTime gradedAt) {
    }

    public record FileView(String name, String mediaType, long size) {
    }

    /**
     * @param gradeInForce     the id of the grade that counts (in {@code grades}): the latest instructor grade, else the
     *                         plugin's latest
     * @param reviewed         whether an instructor's grade is in force (it stands through regrades)
     * @param newerPluginGrade for a reviewed answer, the plugin's grade given after the review when it differs from the
     *                         instructor's (a regrade under a changed configuration); else absent
     */
    public record SubmissionView(long id, String question, String user, String answer, List<FileView> files,
                                 OffsetDateTime createdAt, int configVersion, List<GradeView> grades, Long gradeInForce,
                                 boolean reviewed, GradeView newerPluginGrade) {
    }

    public record SubmitView(long submissionId, String question, GradeView grade) {
    }
}
