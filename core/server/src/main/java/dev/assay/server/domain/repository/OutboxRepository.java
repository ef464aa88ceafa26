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

    /** Targets with entries pending and due at {@code now}, the one whose oldest such entry is oldest first. */
    List<String> dueTargets(OffsetDateTime now, int limit);

    /** Ids of these targets' entries pending and due at {@code now}, in id order. */
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
