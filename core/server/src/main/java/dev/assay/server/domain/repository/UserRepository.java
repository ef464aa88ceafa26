package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.UserEntity;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Platform users as rows. */
public interface UserRepository {
    Optional<Long> idOf(String platformUserId);

    /** Stores a new user; it has its id on return. */
    void add(UserEntity user);

    /** Platform user ids by row id (ids not found are absent). */
    Map<Long, String> platformUserIds(Collection<Long> ids);
}
