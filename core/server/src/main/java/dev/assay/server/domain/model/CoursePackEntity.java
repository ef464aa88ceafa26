package dev.assay.server.domain.model;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An imported course pack: its archive as imported, and where it came from. */
@Entity
@Table(name = "course_pack")
public class CoursePackEntity {
    @Id
    private String id;
    private String title;
    private String version;
    private String description;
    @Basic(fetch = FetchType.LAZY)
    private byte[] archive;
    @Column(name = "archive_sha256")
    private String archiveSha256;
    private String source;
    @Column(name = "imported_at")
    private OffsetDateTime importedAt;

    protected CoursePackEntity() {
    }

    public CoursePackEntity(String id) {
        this.id = id;
    }

    public void update(String title, String version, String description, byte[] archive, String sha256, String source,
                       OffsetDateTime at) {
        this.title = title;
        this.version = version;
        this.description = description;
        this.archive = archive;
        this.archiveSha256 = sha256;
        this.source = source;
        this.importedAt = at;
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getVersion() {
        return version;
    }

    public String getDescription() {
        return description;
    }

    public byte[] getArchive() {
        return archive;
    }

    public String getArchiveSha256() {
        return archiveSha256;
    }

    public String getSource() {
        return source;
    }

    public OffsetDateTime getImportedAt() {
        return importedAt;
    }
}
