package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An assignment of a pack: questions, in order, answered together. Bound to a course context by LTI later. */
@Entity
@Table(name = "assignment")
public class AssignmentEntity {
    @Id
    @SequenceGenerator(name = "assignment_seq", sequenceName = "assignment_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "assignment_seq")
    private Long id;
    @Column(name = "pack_id")
    private String packId;
    @Column(name = "assignment_key")
    private String key;
    private String title;
    /** JSON list of question ids, in order. */
    @Column(name = "question_ids")
    private String questionIds;
    @Column(name = "context_id")
    private Long contextId;

    protected AssignmentEntity() {
    }

    public AssignmentEntity(String packId, String key) {
        this.packId = packId;
        this.key = key;
    }

    public void update(String title, String questionIdsJson) {
        this.title = title;
        this.questionIds = questionIdsJson;
    }

    public Long getId() {
        return id;
    }

    public String getPackId() {
        return packId;
    }

    public String getKey() {
        return key;
    }

    public String getTitle() {
        return title;
    }

    public String getQuestionIds() {
        return questionIds;
    }

    public Long getContextId() {
        return contextId;
    }
}
