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
 * A field of a question that a pack source (the packs folder) changed while it had also been changed in Assay:
 * Assay's value stays in force ({@code keptValue}); the source's is kept for the instructor to compare.
 */
@Entity
@Table(name = "pack_conflict")
public class PackConflictEntity {
    @Id
    @SequenceGenerator(name = "pack_conflict_seq", sequenceName = "pack_conflict_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pack_conflict_seq")
    private Long id;
    @Column(name = "pack_id")
    private String packId;
    @Column(name = "question_id")
    private String questionId;
    private String field;
    private String source;
    @Column(name = "kept_value")
    private String keptValue;
    @Column(name = "source_value")
    private String sourceValue;
    @Column(name = "detected_at")
    private OffsetDateTime detectedAt;

    protected PackConflictEntity() {
    }

    public PackConflictEntity(String packId, String questionId, String field, String source, String keptValue,
                              String sourceValue, OffsetDateTime detectedAt) {
        this.packId = packId;
        this.questionId = questionId;
        this.field = field;
        this.source = source;
        this.keptValue = keptValue;
        this.sourceValue = sourceValue;
        this.detectedAt = detectedAt;
    }

    /**
     * Found again at a later import of the source: what is in force now, and the source's value, with the time it was
     * first seen at that value (a conflict that only persists keeps its first date).
     */
    public void detectedAgain(String keptValue, String sourceValue, OffsetDateTime at) {
        this.keptValue = keptValue;
        if (!sourceValue.equals(this.sourceValue)) {
            this.sourceValue = sourceValue;
            this.detectedAt = at;
        }
    }

    public Long getId() {
        return id;
    }

    public String getPackId() {
        return packId;
    }

    public String getQuestionId() {
        return questionId;
    }

    public String getField() {
        return field;
    }

    public String getSource() {
        return source;
    }

    public String getKeptValue() {
        return keptValue;
    }

    public String getSourceValue() {
        return sourceValue;
    }

    public OffsetDateTime getDetectedAt() {
        return detectedAt;
    }
}
