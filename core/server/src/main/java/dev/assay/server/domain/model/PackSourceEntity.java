package dev.assay.server.domain.model;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What one source of a pack (the packs folder, or uploads) gave the last time it was imported: the start-up import
 * compares the folder with this, and merges against it, so what an instructor changed in Assay since is kept.
 */
@Entity
@Table(name = "pack_source")
@IdClass(PackSourceEntity.Key.class)
public class PackSourceEntity {
    /** The composite key: pack and source. */
    public static class Key implements Serializable {
        private String packId;
        private String source;

        public Key() {
        }

        public Key(String packId, String source) {
            this.packId = packId;
            this.source = source;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(packId, k.packId) && Objects.equals(source, k.source);
        }

        @Override
        public int hashCode() {
            return Objects.hash(packId, source);
        }
    }

    @Id
    @Column(name = "pack_id")
    private String packId;
    @Id
    private String source;
    @Basic(fetch = FetchType.LAZY)
    private byte[] archive;
    @Column(name = "archive_sha256")
    private String archiveSha256;
    @Column(name = "imported_at")
    private OffsetDateTime importedAt;

    protected PackSourceEntity() {
    }

    public PackSourceEntity(String packId, String source) {
        this.packId = packId;
        this.source = source;
    }

    public void imported(byte[] archive, String sha256, OffsetDateTime at) {
        this.archive = archive;
        this.archiveSha256 = sha256;
        this.importedAt = at;
    }

    public String getPackId() {
        return packId;
    }

    public String getSource() {
        return source;
    }

    public byte[] getArchive() {
        return archive;
    }

    public String getArchiveSha256() {
        return archiveSha256;
    }

    public OffsetDateTime getImportedAt() {
        return importedAt;
    }
}
