package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.repository.OutboxRepository;
import dev.assay.server.infrastructure.persistence.DatabaseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class JpaOutboxRepository implements OutboxRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "assay.db.url", defaultValue = "")
    String dbUrl;

    @Override
    public void add(OutboxEntry entry) {
        em.persist(entry);
    }

    @Override
    public Optional<OutboxEntry> find(long id) {
        return Optional.ofNullable(em.find(OutboxEntry.class, id));
    }

    @Override
    public Optional<OutboxEntry> findForClaim(long id) {
        // Nodes of a cluster list the same due entries and claim them in the same order. On PostgreSQL a row another node
        // is claiming is skipped rather than waited for (that node will hold it), so the nodes spread over the entries
        // instead of queueing behind one another. The lock that decides stays the find's FOR UPDATE below (on a row
        // this transaction already holds it is immediate); H2 (one node) cannot skip locked rows and just waits.
        if (DatabaseSettings.skipsLockedRows(dbUrl) && em.createNativeQuery("SELECT id FROM score_outbox WHERE id = ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, id).getResultList().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(OutboxEntry.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** JPQL over an entry {@code e}: pending, due at :now, and claimed by no process or by one whose lease has lapsed. */
    private static final String DUE = "e.state = :pending and e.nextAttemptAt <= :now and (e.claimedUntil is null or e.claimedUntil <= :now)";

    @Override
    public List<String> dueTargets(OffsetDateTime now, int limit) {
        return em.createQuery("select e.target, min(e.id) as oldest from OutboxEntry e where " + DUE
                        + " group by e.target order by oldest", Object[].class)
                .setParameter("pending", OutboxEntry.State.PENDING).setParameter("now", now).setMaxResults(limit)
                .getResultList().stream().map(r -> (String) r[0]).toList();
    }

    @Override
    public List<Long> due(Collection<String> targets, OffsetDateTime now, int limit) {
        if (targets.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e.id from OutboxEntry e where " + DUE
                        + " and e.target in :targets order by e.id", Long.class)
                .setParameter("pending", OutboxEntry.State.PENDING).setParameter("now", now)
                .setParameter("targets", List.copyOf(targets)).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean hasNewerLive(OutboxEntry entry) {
        // Newer by when it was graded, not by id: each node takes ids from the sequence in blocks of 50, so across nodes a
        // later score can carry a smaller id (the cluster test saw older scores supersede newer ones). The id breaks ties.
        return em.createQuery("select count(n) from OutboxEntry n where n.target = :t and n.userKey = :u "
                        + "and (n.gradedAt > :at or (n.gradedAt = :at and n.id > :id)) and n.state in :live", Long.class)
                .setParameter("t", entry.getTarget()).setParameter("u", entry.getUserKey()).setParameter("id", entry.getId())
                .setParameter("at", entry.getGradedAt())
                .setParameter("live", List.of(OutboxEntry.State.PENDING, OutboxEntry.State.DELIVERED)).getSingleResult() > 0;
    }

    @Override
    public Optional<OffsetDateTime> lastSentTimestamp(String target, String userKey) {
        return em.createQuery("select n.sentTimestamp from OutboxEntry n where n.target = :t "
                        + "and n.userKey = :u and n.sentTimestamp is not null order by n.sentTimestamp desc", OffsetDateTime.class)
                .setParameter("t", target).setParameter("u", userKey).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public List<OutboxEntry> list(Optional<OutboxEntry.State> state, Optional<String> target, int limit) {
        String where = (state.isPresent() ? " and e.state = :s" : "") + (target.isPresent() ? " and e.target = :t" : "");
        var q = em.createQuery("select e from OutboxEntry e where 1 = 1" + where + " order by e.id desc", OutboxEntry.class);
        state.ifPresent(s -> q.setParameter("s", s));
        target.ifPresent(t -> q.setParameter("t", t));
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public List<OutboxEntry> latestPerUser(String target, int limit) {
        // The latest by grading time, the id breaking ties (ids are not in time order across nodes: see hasNewerLive).
        return em.createQuery("select e from OutboxEntry e where e.target = :t and not exists (select e2 from OutboxEntry e2 "
                        + "where e2.target = :t and e2.userKey = e.userKey and (e2.gradedAt > e.gradedAt "
                        + "or (e2.gradedAt = e.gradedAt and e2.id > e.id))) order by e.userKey", OutboxEntry.class)
                .setParameter("t", target).setMaxResults(limit).getResultList();
    }
}
