package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An answer as submitted. The answer is immutable: regrades add grades, they never touch it. The submission
 * points at two of its grades: the latest plugin grade (what a regrade compares with the question's current
 * configuration) and the grade in force (the latest instructor grade if there is one, else the latest plugin
 * grade), which is what the student, the gradebook and the review queue see.
 */
@Entity
@Table(name = "submission")
public class SubmissionEntity {
    @Id
    @SequenceGenerator(name = "submission_seq", sequenceName = "submission_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "submission_seq")
    private Long id;
    @Column(name = "question_id", updatable = false)
    private String questionId;
    @Column(name = "user_id", updatable = false)
    private Long userId;
    @Column(name = "config_id", updatable = false)
    private Long configId;
    @Column(name = "answer_text", updatable = false)
    private String answerText;
    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "gradebook_target", updatable = false)
    private String gradebookTarget;
    @Column(name = "plugin_grade_id")
    private Long pluginGradeId;
    @Column(name = "grade_in_force_id")
    private Long gradeInForceId;

    protected SubmissionEntity() {
    }

    public SubmissionEntity(String questionId, Long userId, Long configId, String answerText, OffsetDateTime createdAt) {
        this.questionId = questionId;
        this.userId = userId;
        this.configId = configId;
        this.answerText = answerText;
        this.createdAt = createdAt;
    }

    public SubmissionEntity(String questionId, Long userId, Long configId, String answerText, OffsetDateTime createdAt,
                            String gradebookTarget) {
        this(questionId, userId, configId, answerText, createdAt);
        this.gradebookTarget = gradebookTarget;
    }

    /** Where this submission's assignment score goes (an LTI resource link, say), or null. */
    public String getGradebookTarget() {
        return gradebookTarget;
    }

    public Long getId() {
        return id;
    }

    public String getQuestionId() {
        return questionId;
    }

    public Long getUserId() {
        return userId;
    }

    public Long getConfigId() {
        return configId;
    }

    public String getAnswerText() {
        return answerText;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** The latest grade its plugin gave, or null before the first. */
    public Long getPluginGradeId() {
        return pluginGradeId;
    }

    /** The grade that counts: the latest instructor grade, else the latest plugin grade. */
    public Long getGradeInForceId() {
        return gradeInForceId;
    }

    /** Whether an instructor's grade is in force (a later plugin grade does not replace it). */
    public boolean isReviewed() {
        return gradeInForceId != null && !gradeInForceId.equals(pluginGradeId);
    }

    /**
     * A new grade of this submission (already persisted, so with its id). An instructor's grade comes into force;
     * a plugin's grade comes into force unless an instructor's is: an instructor's grade stands until the
     * instructor decides otherwise. The caller holds the row lock, so two new grades cannot both read the old state.
     *
     * @return whether the grade in force changed
     */
    public boolean gradeAdded(GradeEntity grade) {
        if (grade.isReview()) {
            gradeInForceId = grade.getId();
            return true;
        }
        boolean reviewed = isReviewed();
        pluginGradeId = grade.getId();
        if (!reviewed) {
            gradeInForceId = grade.getId();
        }
        return !reviewed;
    }
}
