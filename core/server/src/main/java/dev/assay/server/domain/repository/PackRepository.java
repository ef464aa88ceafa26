package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.PackSourceEntity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Course packs as stored, what each source (the packs folder, uploads) last gave, and their open conflicts. */
public interface PackRepository {
    Optional<CoursePackEntity> find(String id);

    List<CoursePackEntity> all();

    List<String> ids();

    /** Stores a new pack, or the changes to one already stored. */
    void save(CoursePackEntity pack);

    /**
     * Adds one to the pack's catalog version (V15), in the caller's transaction, which holds the pack's row until it
     * ends: the number each node compares with the one it loaded its catalog at. The new number.
     */
    long bumpCatalogVersion(String packId);

    /** Each stored pack's catalog version. */
    java.util.Map<String, Long> catalogVersions();

    /** The pack's catalog version, 0 when there is no such pack. */
    long catalogVersion(String packId);

    Optional<PackSourceEntity> source(String packId, String source);

    void addSource(PackSourceEntity source);

    /** What a source last gave, without its archive. */
    record SourceImport(String source, String sha256, OffsetDateTime importedAt) {
    }

    List<SourceImport> sources(String packId);

    /** Conflicts recorded for one pack, or for all with null, by question and field. */
    List<PackConflictEntity> conflicts(String packId);

    /** Those one source of a pack recorded. */
    List<PackConflictEntity> conflicts(String packId, String source);

    List<PackConflictEntity> conflictsOfQuestion(String questionId);

    void addConflict(PackConflictEntity conflict);

    void removeConflict(PackConflictEntity conflict);
}
