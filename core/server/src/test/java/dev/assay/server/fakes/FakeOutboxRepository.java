package dev.assay.server.fakes;

import dev.assay.server.domain.model.Ids;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.repository.OutboxRepository;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The outbox in memory, for unit tests of the rules that use it. */
public class FakeOutboxRepository implements OutboxRepository {
    public final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
    private long nextId = 1;

    @Override
    public void add(OutboxEntry entry) {
        entries.put(nextId, Ids.withId(entry, nextId));
        nextId++;
    }

    @Override
    public Optional<OutboxEntry> find(long id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public Optional<OutboxEntry> findForClaim(long id) {
        return find(id); // one thread at a time here: nothing to lock
    }

    private List<OutboxEntry> dueAt(OffsetDateTime now) {
        return entries.values().stream().filter(e -> e.getState() == OutboxEntry.State.PENDING && !e.getNextAttemptAt().isAfter(now))
                .filter(e -> e.getClaimedUntil() == null || !e.getClaimedUntil().isAfter(now))
                .toList();
    }

    @Override
    public List<String> dueTargets(OffsetDateTime now, int limit) {
        return new LinkedHashSet<>(dueAt(now).stream().map(OutboxEntry::getTarget).toList()).stream().limit(limit).toList();
    }

    @Override
    public List<Long> due(Collection<String> targets, OffsetDateTime now, int limit) {
        return dueAt(now).stream().filter(e -> targets.contains(e.getTarget())).map(OutboxEntry::getId).limit(limit).toList();
    }

    @Override
    public boolean hasNewerLive(OutboxEntry entry) {
        return entries.tailMap(entry.getId(), false).values().stream().anyMatch(n -> n.getTarget().equals(entry.getTarget())
                && n.getUserKey().equals(entry.getUserKey())
                && (n.getState() == OutboxEntry.State.PENDING || n.getState() == OutboxEntry.State.DELIVERED));
    }

    @Override
    public Optional<OffsetDateTime> lastSentTimestamp(String target, String userKey) {
        return entries.values().stream().filter(n -> n.getTarget().equals(target) && n.getUserKey().equals(userKey))
                .map(OutboxEntry::getSentTimestamp).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    @Override
    public List<OutboxEntry> list(Optional<OutboxEntry.State> state, Optional<String> target, int limit) {
        List<OutboxEntry> newestFirst = new ArrayList<>(entries.descendingMap().values());
        return newestFirst.stream().filter(e -> state.isEmpty() || e.getState() == state.get())
                .filter(e -> target.isEmpty() || e.getTarget().equals(target.get())).limit(limit).toList();
    }

    @Override
    public List<OutboxEntry> latestPerUser(String target, int limit) {
        TreeMap<String, OutboxEntry> latest = new TreeMap<>();
        entries.values().stream().filter(e -> e.getTarget().equals(target)).forEach(e -> latest.put(e.getUserKey(), e));
        return latest.values().stream().limit(limit).toList();
    }
}
