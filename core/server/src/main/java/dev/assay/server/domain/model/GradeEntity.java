package dev.assay.server.domain.model;

import dev.assay.api.Grade;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One grading of a submission under one configuration version, by its plugin or by an instructor (a review). A
 * submission's grades are its history.
 */
@Entity
@Table(name = "grade")
public class GradeEntity {
    /** The plugin id an instructor's grade carries (its plugin version is the reviewer). */
    public static final String INSTRUCTOR = "instructor";

    @Id
    @SequenceGenerator(name = "grade_seq", sequenceName = "grade_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "grade_seq")
    private Long id;
    @Column(name = "submission_id", updatable = false)
    private Long submissionId;
    @Column(name = "config_id", updatable = false)
    private Long configId;
    /** Null for a status this version does not know (see {@link GradeStatusColumn}). */
    @Column(updatable = false)
    @Convert(converter = GradeStatusColumn.class)
    private Grade.Status status;
    @Column(updatable = false)
    private double score;
    @Column(name = "notes_json", updatable = false)
    private String notesJson;
    @Column(name = "feedback_json", updatable = false)
    private String feedbackJson;
    @Column(name = "echo_json", updatable = false)
    private String echoJson;
    @Column(name = "plugin_id", updatable = false)
    private String pluginId;
    @Column(name = "plugin_version", updatable = false)
    private String pluginVersion;
    @Column(name = "duration_micros", updatable = false)
    private long durationMicros;
    @Column(updatable = false)
    private long seed;
    @Column(name = "needs_review", updatable = false)
    private boolean needsReview;
    @Column(name = "graded_at", updatable = false)
    private OffsetDateTime gradedAt;
    @Column(name = "review_comment", updatable = false)
    private String reviewComment;
    /** The batch regrade that gave this grade; null for any other grade. */
    @Column(name = "regrade_id", updatable = false)
    private Long regradeId;

    protected GradeEntity() {
    }

    public GradeEntity(Long submissionId, Long configId, Grade.Status status, double score, String notesJson,
                       String feedbackJson, String echoJson, String pluginId, String pluginVersion,
                       long durationMicros, long seed, boolean needsReview, OffsetDateTime gradedAt) {
        this.submissionId = submissionId;
        this.configId = configId;
        this.status = status;
        this.score = score;
        this.notesJson = notesJson;
        this.feedbackJson = feedbackJson;
        this.echoJson = echoJson;
        this.pluginId = pluginId;
        this.pluginVersion = pluginVersion;
        this.durationMicros = durationMicros;
        this.seed = seed;
        this.needsReview = needsReview;
        this.gradedAt = gradedAt;
    }

    /** An instructor's grade, with the comment for the student (or null). */
    public static GradeEntity review(Long submissionId, Long configId, double score, String notesJson, String feedbackJson,
                                     String echoJson, String reviewer, long seed, String comment, OffsetDateTime gradedAt) {
        GradeEntity g = new GradeEntity(submissionId, configId, Grade.Status.GRADED, score, notesJson, feedbackJson, echoJson, INSTRUCTOR,
                reviewer, 0, seed, false, gradedAt);
        g.reviewComment = comment == null || comment.isBlank() ? null : comment;
        return g;
    }

    /** This grade, given by the batch regrade {@code regradeId} (before it is stored). */
    public GradeEntity givenByRegrade(long regradeId) {
        this.regradeId = regradeId;
        return this;
    }

    /** The batch regrade that gave this grade, or null. */
    public Long getRegradeId() {
        return regradeId;
    }

    /** Given by an instructor rather than by the question's plugin. */
    public boolean isReview() {
        return INSTRUCTOR.equals(pluginId);
    }

    /** What the instructor wrote to the student with a review; null for plugin grades and reviews without one. */
    public String getReviewComment() {
        return reviewComment;
    }

    /**
     * Whether the stored score can count: a fraction in [0, 1]. Rows written before non-finite points were refused may
     * hold NaN or an infinity; they count as 0 and are shown as unreadable, never as an error page.
     */
    public boolean hasReadableScore() {
        return isReadableScore(score);
    }

    /** A score that can count: a finite fraction in [0, 1]. */
    public static boolean isReadableScore(double score) {
        return Double.isFinite(score) && score >= 0 && score <= 1;
    }

    public Long getId() {
        return id;
    }

    public Long getSubmissionId() {
        return submissionId;
    }

    public Long getConfigId() {
        return configId;
    }

    /** The status, or null when it was stored by a version that knew a status this one does not. */
    public Grade.Status getStatus() {
        return status;
    }

    public double getScore() {
        return score;
    }

    public String getNotesJson() {
        return notesJson;
    }

    public String getFeedbackJson() {
        return feedbackJson;
    }

    public String getEchoJson() {
        return echoJson;
    }

    public String getPluginId() {
        return pluginId;
    }

    public String getPluginVersion() {
        return pluginVersion;
    }

    public long getDurationMicros() {
        return durationMicros;
    }

    public long getSeed() {
        return seed;
    }

    public boolean isNeedsReview() {
        return needsReview;
    }

    public OffsetDateTime getGradedAt() {
        return gradedAt;
    }
}
