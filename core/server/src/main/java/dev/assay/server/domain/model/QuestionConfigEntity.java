package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One immutable version of a question's grading configuration. A change makes a new version. */
@Entity
@Table(name = "question_config")
public class QuestionConfigEntity {
    @Id
    @SequenceGenerator(name = "question_config_seq", sequenceName = "question_config_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "question_config_seq")
    private Long id;
    @Column(name = "question_id", updatable = false)
    private String questionId;
    @Column(updatable = false)
    private int version;
    @Column(name = "plugin_id", updatable = false)
    private String pluginId;
    @Column(name = "config_json", updatable = false)
    private String configJson;
    @Column(name = "expected_approach", updatable = false)
    private String expectedApproach;
    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "created_by", updatable = false)
    private String createdBy;
    @Column(updatable = false)
    private String reason;
    /** The question's tests with this version (JSON); null: the tests the stored pack has. */
    @Column(name = "tests_json", updatable = false)
    private String testsJson;

    protected QuestionConfigEntity() {
    }

    public QuestionConfigEntity(String questionId, int version, String pluginId, String configJson,
                                String expectedApproach, OffsetDateTime createdAt, String createdBy, String reason) {
        this.questionId = questionId;
        this.version = version;
        this.pluginId = pluginId;
        this.configJson = configJson;
        this.expectedApproach = expectedApproach;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.reason = reason;
    }

    public QuestionConfigEntity(String questionId, int version, String pluginId, String configJson,
                                String expectedApproach, OffsetDateTime createdAt, String createdBy, String reason,
                                String testsJson) {
        this(questionId, version, pluginId, configJson, expectedApproach, createdAt, createdBy, reason);
        this.testsJson = testsJson;
    }

    public Long getId() {
        return id;
    }

    public String getQuestionId() {
        return questionId;
    }

    public int getVersion() {
        return version;
    }

    public String getPluginId() {
        return pluginId;
    }

    public String getConfigJson() {
        return configJson;
    }

    public String getExpectedApproach() {
        return expectedApproach;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getReason() {
        return reason;
    }

    public String getTestsJson() {
        return testsJson;
    }
}
