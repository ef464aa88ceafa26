package dev.assay.server.domain.model;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file that came with a submission. Immutable. */
@Entity
@Table(name = "submission_file")
public class SubmissionFileEntity {
    @Id
    @SequenceGenerator(name = "submission_file_seq", sequenceName = "submission_file_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "submission_file_seq")
    private Long id;
    @Column(name = "submission_id", updatable = false)
    private Long submissionId;
    @Column(updatable = false)
    private String name;
    @Column(name = "media_type", updatable = false)
    private String mediaType;
    @Column(name = "size_bytes", updatable = false)
    private long sizeBytes;
    @Basic(fetch = FetchType.LAZY)
    @Column(updatable = false)
    private byte[] content;

    protected SubmissionFileEntity() {
    }

    public SubmissionFileEntity(Long submissionId, String name, String mediaType, byte[] content) {
        this.submissionId = submissionId;
        this.name = name;
        this.mediaType = mediaType;
        this.content = content;
        this.sizeBytes = content.length;
    }

    public Long getId() {
        return id;
    }

    public Long getSubmissionId() {
        return submissionId;
    }

    public String getName() {
        return name;
    }

    public String getMediaType() {
        return mediaType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public byte[] getContent() {
        return content;
    }
}
