package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.OutboxEntry;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The score outbox's entries. */
public interface OutboxRepository {
    void add(OutboxEntry entry);

    Optional<OutboxEntry> find(long id);

    /**
     * The entry, its row locked until the transaction ends ({@code SELECT … FOR UPDATE}): of two processes claiming it at
     * once, the second reads it only after the first's claim is committed. Where the database can skip locked rows
     * (PostgreSQL), an entry another process is claiming right now is empty at once instead: that process will hold it.
     */
    Optional<OutboxEntry> findForClaim(long id);

    /**
     * Targets with entries pending, due and not claimed (or with a lapsed claim) at {@code now}, the one whose oldest such
     * entry is oldest first.
     */
    List<String> dueTargets(OffsetDateTime now, int limit);

    /** Ids of these targets' entries pending, due and not claimed (or with a lapsed claim) at {@code now}, in id order. */
    List<Long> due(Collection<String> targets, OffsetDateTime now, int limit);

    /** Whether a newer entry for the same target and user is pending or delivered (it supersedes this one). */
    boolean hasNewerLive(OutboxEntry entry);

    /** The latest timestamp any entry for this target and user was sent with. */
    Optional<OffsetDateTime> lastSentTimestamp(String target, String userKey);

    /** Newest first, optionally of one state and/or one target. */
    List<OutboxEntry> list(Optional<OutboxEntry.State> state, Optional<String> target, int limit);

    /** Each user's latest entry on a target, by user. */
    List<OutboxEntry> latestPerUser(String target, int limit);
}
