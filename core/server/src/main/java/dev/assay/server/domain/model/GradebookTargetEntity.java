package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A gradebook column as the adapter names it, and the questions whose scores add up to it. */
@Entity
@Table(name = "gradebook_target")
public class GradebookTargetEntity {
    @Id
    private String target;
    @Column(name = "question_ids")
    private String questionIds;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected GradebookTargetEntity() {
    }

    public GradebookTargetEntity(String target, String questionIds, OffsetDateTime updatedAt) {
        this.target = target;
        this.questionIds = questionIds;
        this.updatedAt = updatedAt;
    }

    public String getTarget() {
        return target;
    }

    /** Question ids, comma-separated, in the assignment's order. */
    public String getQuestionIds() {
        return questionIds;
    }

    public void setQuestionIds(String questionIds, OffsetDateTime at) {
        this.questionIds = questionIds;
        this.updatedAt = at;
    }
}
