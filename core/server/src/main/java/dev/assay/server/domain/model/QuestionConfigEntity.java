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

    /** The question's title, prompt and points with this version; null: as the question then stood (before V11, imports). */
    @Column(updatable = false)
    private String title;

    @Column(updatable = false)
    private String prompt;

    @Column(updatable = false)
    private Double points;

    /** How the question's tests went when this version was saved ({@link TestsStatus}); null: not run with it. */
    @Column(name = "tests_status", updatable = false)
    private String testsStatus;

    /** How a version's question tests went when it was saved. */
    public enum TestsStatus { PASSING, NONE }

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

    /** The question's title, prompt and points with this version, and how its tests went then (a workspace save). */
    public QuestionConfigEntity describing(String title, String prompt, Double points, TestsStatus tests) {
        this.title = title;
        this.prompt = prompt;
        this.points = points;
        this.testsStatus = tests == null ? null : tests.name();
        return this;
    }

    public String getTitle() {
        return title;
    }

    public String getPrompt() {
        return prompt;
    }

    public Double getPoints() {
        return points;
    }

    public String getTestsStatus() {
        return testsStatus;
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
