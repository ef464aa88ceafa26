package dev.assay.server.application;

import dev.assay.server.domain.model.UserEntity;
import dev.assay.server.domain.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform users as rows. A new user's first answers often arrive together (several tabs, a script, a class
 * submitting at the bell): the row is created once, in a short transaction of its own that commits before the
 * submission's, so the other requests find it instead of racing to insert it and failing on the unique key.
 * Within this server the creations of one user are serialised; between servers (a cluster on one database)
 * the loser of the race reads the winner's row back.
 */
@ApplicationScoped
public class Users {
    /** Unique-key violation, the same SQLSTATE on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    UserRepository users;

    /** This bean through its proxy, so that {@link #findOrCreate}'s transaction of its own applies. */
    @Inject
    Users self;

    /**
     * Platform user id → row id, for rows known to be committed: the mapping never changes, and a submission then
     * needs no lookup.
     */
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    private final Object[] creating = new Object[64];

    public Users() {
        for (int i = 0; i < creating.length; i++) {
            creating[i] = new Object();
        }
    }

    /**
     * The row id of a platform user, the row created on first sight. Call it before the caller's transaction has
     * touched the database: it then holds no connection while the user's own transaction runs.
     */
    public long idFor(String platformUserId) {
        Long id = known.get(platformUserId);
        if (id != null) {
            return id;
        }
        try {
            synchronized (creating[Math.floorMod(platformUserId.hashCode(), creating.length)]) {
                id = self.findOrCreate(platformUserId);
            }
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Another server created the row at the same moment and committed first: use it.
            id = self.find(platformUserId).orElseThrow(() -> new IllegalStateException(
                    "user " + platformUserId + " was created concurrently but cannot be read back", e));
        }
        if (known.size() < 100_000) {
            known.put(platformUserId, id);
        }
        return id;
    }

    /** Finds the user's row or creates it, committed when this returns. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long findOrCreate(String platformUserId) {
        Optional<Long> found = find(platformUserId);
        if (found.isPresent()) {
            return found.get();
        }
        UserEntity u = new UserEntity(platformUserId, AuditLog.now());
        users.add(u);
        return u.getId();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> find(String platformUserId) {
        return users.idOf(platformUserId);
    }

    /** The platform user id of a row. */
    @Transactional
    public String platformUserId(long userId) {
        String id = users.platformUserIds(java.util.List.of(userId)).get(userId);
        if (id == null) {
            throw new IllegalStateException("no user " + userId);
        }
        return id;
    }

    /** The platform user ids of rows, by row id. */
    @Transactional
    public Map<Long, String> platformUserIds(Collection<Long> userIds) {
        return users.platformUserIds(userIds);
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
