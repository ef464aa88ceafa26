package dev.assay.server.application;

import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.domain.model.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The score outbox. The worker reads and checks each entry in one transaction ({@link #claim}), hands it to
 * its delivery outside any transaction, and records the outcome in another ({@link #record}): a crash between the two sends it again
 * after restart (a score POST sets, it does not add). An entry with a newer one for the same target and
 * user is superseded, never sent: a gradebook never gets an older score after a newer one.
 */
@ApplicationScoped
public class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    @Any
    Instance<ScoreDelivery> deliveries;

    @Inject
    @ConfigProperty(name = "assay.outbox.retryBaseMillis", defaultValue = "1000")
    long retryBaseMillis;

    @Inject
    @ConfigProperty(name = "assay.outbox.retryMaxMillis", defaultValue = "900000")
    long retryMaxMillis;

    @Inject
    @ConfigProperty(name = "assay.outbox.maxAttempts", defaultValue = "25")
    int maxAttempts;

    @Transactional
    public List<Long> due(int limit) {
        return em.createQuery("select e.id from OutboxEntry e where e.state = 'PENDING' and e.nextAttemptAt <= :now "
                + "order by e.id", Long.class).setParameter("now", AuditLog.now()).setMaxResults(limit).getResultList();
    }

    /** The entry as a score to send, or empty when it is no longer due or a newer one supersedes it. */
    @Transactional
    public Optional<ScoreDelivery.Score> claim(long id) {
        OutboxEntry e = em.find(OutboxEntry.class, id);
        if (e == null || e.getState() != OutboxEntry.State.PENDING) {
            return Optional.empty();
        }
        long newer = em.createQuery("select count(n) from OutboxEntry n where n.target = :t and n.userKey = :u and n.id > :id "
                        + "and n.state in ('PENDING', 'DELIVERED')", Long.class)
                .setParameter("t", e.getTarget()).setParameter("u", e.getUserKey()).setParameter("id", id).getSingleResult();
        if (newer > 0) {
            e.superseded();
            return Optional.empty();
        }
        return Optional.of(new ScoreDelivery.Score(e.getId(), e.getTarget(), e.getUserKey(), e.getScoreGiven(),
                e.getScoreMaximum(), e.getActivityProgress(), e.getGradingProgress(), e.getGradedAt(), null));
    }

    @Transactional
    public void record(long id, ScoreDelivery.Outcome outcome) {
        OutboxEntry e = em.find(OutboxEntry.class, id);
        OffsetDateTime now = AuditLog.now();
        if (outcome instanceof ScoreDelivery.Delivered) {
            e.delivered(now);
        } else if (outcome instanceof ScoreDelivery.Refused r) {
            e.failed(r.why());
            LOG.warning(() -> "Score " + id + " for " + e.getTarget() + " refused: " + r.why());
        } else if (outcome instanceof ScoreDelivery.NotLater r) {
            e.retryAt(now.plus(backoff(e.getAttempts())), r.why()); // TODO(issue 11): resend at once with a later timestamp
        } else if (outcome instanceof ScoreDelivery.Retry r) {
            if (e.getAttempts() + 1 >= maxAttempts) {
                e.failed("gave up after " + maxAttempts + " attempts: " + r.why());
                LOG.warning(() -> "Score " + id + " for " + e.getTarget() + " failed after " + maxAttempts + " attempts: " + r.why());
            } else {
                e.retryAt(now.plus(backoff(e.getAttempts())), r.why());
            }
        }
    }

    /** 1 s, 2 s, 4 s … up to the maximum, with ±20 % jitter so a recovering LMS is not hit all at once. */
    Duration backoff(int attemptsSoFar) {
        double millis = Math.min(retryMaxMillis, retryBaseMillis * Math.pow(2, Math.min(attemptsSoFar, 30)));
        return Duration.ofMillis((long) (millis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    /** The delivery for a target, if one is installed. */
    public Optional<ScoreDelivery> deliveryFor(String target) {
        return deliveries.stream().filter(d -> d.handles(target)).findFirst();
    }

    @Transactional
    public List<OutboxEntry> list(Optional<OutboxEntry.State> state, Optional<String> target, int limit) {
        String where = (state.isPresent() ? " and e.state = :s" : "") + (target.isPresent() ? " and e.target = :t" : "");
        var q = em.createQuery("select e from OutboxEntry e where 1 = 1" + where + " order by e.id desc", OutboxEntry.class);
        state.ifPresent(s -> q.setParameter("s", s.name()));
        target.ifPresent(t -> q.setParameter("t", t));
        return q.setMaxResults(limit).getResultList();
    }

    /** Each user's latest score on a gradebook target, whatever its delivery state: the class's standing there. */
    @Transactional
    public List<OutboxEntry> latestScores(String target, int limit) {
        return em.createQuery("select e from OutboxEntry e where e.target = :t and e.id = (select max(e2.id) from OutboxEntry e2 "
                        + "where e2.target = :t and e2.userKey = e.userKey) order by e.userKey", OutboxEntry.class)
                .setParameter("t", target).setMaxResults(limit).getResultList();
    }

    @Transactional
    public Optional<OutboxEntry> entry(long id) {
        return Optional.ofNullable(em.find(OutboxEntry.class, id));
    }

    /** Puts a failed or waiting entry back to be tried now. */
    @Transactional
    public boolean retryNow(long id) {
        OutboxEntry e = em.find(OutboxEntry.class, id);
        if (e == null || e.getState() == OutboxEntry.State.DELIVERED || e.getState() == OutboxEntry.State.SUPERSEDED) {
            return false;
        }
        e.retryNow(AuditLog.now());
        return true;
    }
}
