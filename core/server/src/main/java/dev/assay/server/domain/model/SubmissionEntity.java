package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An answer as submitted. Immutable: regrades add grades, they never touch the submission. */
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
}
