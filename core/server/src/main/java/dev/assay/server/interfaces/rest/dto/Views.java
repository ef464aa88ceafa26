package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.HandoutInfo;
import java.time.OffsetDateTime;
import java.util.List;

/** Response bodies. */
public final class Views {
    private Views() {
    }

    /** {@code share}: the most workers the plugin's grading may hold; {@code running}, {@code waiting}: its calls now. */
    public record PluginView(String id, String version, String origin, boolean healthy, long calls, long timeouts,
                             long abandoned, long failures, int share, int running, int waiting) {
    }

    public record PluginFailureView(String origin, String reason) {
    }

    public record Plugins(List<PluginView> plugins, List<PluginFailureView> failures) {
    }

    public record PackView(String id, String title, String version, String description, String source,
                           OffsetDateTime importedAt, int questions, List<AssignmentView> assignments,
                           List<PackSourceView> sources, List<PackConflictView> conflicts) {
    }

    /** What a source of the pack (the packs folder, uploads) gave when it was last imported. */
    public record PackSourceView(String source, String sha256, OffsetDateTime importedAt) {
    }

    /**
     * A field of a question that the source changed while it was also changed in Assay: {@code inForce} is Assay's
     * value, which stays; {@code sourceValue} is the source's, to take over (PUT the configuration, or upload).
     */
    public record PackConflictView(long id, String question, String field, String source, JsonNode inForce,
                                   JsonNode sourceValue, OffsetDateTime detectedAt) {
    }

    public record ImportView(String id, boolean unchanged, List<String> newVersions) {
    }

    public record AssignmentView(long id, String pack, String key, String title, List<String> questions) {
    }

    public record QuestionSummary(String id, String title, double points, String plugin, String state, int configVersion) {
    }

    public record QuestionView(String id, String pack, String title, String prompt, double points, String plugin,
                               String state, List<String> problems, int configVersion, List<HandoutInfo> handouts) {
    }

    public record ConfigVersionView(String question, int version, String plugin, JsonNode config, String expectedApproach,
                                    OffsetDateTime createdAt, String createdBy, String reason) {
    }

    public record ValidationView(boolean valid, Echo echo, List<String> messages, List<String> notes) {
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
