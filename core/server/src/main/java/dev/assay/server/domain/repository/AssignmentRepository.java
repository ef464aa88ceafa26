package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.AssignmentEntity;
import java.util.List;
import java.util.Optional;

/** The assignments of packs. */
public interface AssignmentRepository {
    Optional<AssignmentEntity> find(long id);

    /** The assignment, its row locked until the transaction ends (starts of its regrades queue on it). */
    Optional<AssignmentEntity> lock(long id);

    Optional<AssignmentEntity> byKey(String packId, String key);

    /** A pack's assignments by key, or every pack's (by pack, then key) with null. */
    List<AssignmentEntity> all(String packId);

    void add(AssignmentEntity assignment);
}
