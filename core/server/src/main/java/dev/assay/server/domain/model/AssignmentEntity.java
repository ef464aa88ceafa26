package dev.assay.server.domain.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assay.engine.json.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.List;

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

    public void update(String title, List<String> questionIds) {
        this.title = title;
        this.questionIds = Json.write(questionIds);
    }

    /** The assignment's question ids, in order. */
    public List<String> questionIdList() {
        try {
            return List.of(Json.json().readValue(questionIds, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assignment " + id + ": its question ids are not a JSON list: " + e.getMessage(), e);
        }
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
