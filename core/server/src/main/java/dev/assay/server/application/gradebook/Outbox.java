package dev.assay.server.application.gradebook;

import dev.assay.server.application.AuditLog;
import dev.assay.server.application.ThisProcess;
import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The score outbox. The worker reads and checks each entry in one transaction ({@link #claim}), hands it to
 * its delivery outside any transaction, and records the outcome in another ({@link #record}): a crash between the two sends it again
 * after restart (a score POST sets, it does not add). An entry with a newer one for the same target and
 * user is superseded, never sent: a gradebook never gets an older score after a newer one. Scores for one target
 * and user carry strictly increasing timestamps in whole seconds, as an LMS compares them ({@link #nextTimestamp}).
 */
@ApplicationScoped
public class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    @Inject
    OutboxRepository entries;

    @Inject
    @Any
    Instance<ScoreDelivery> deliveries;

    @Inject
    @ConfigProperty(name = "assay.outbox.retry-base-millis", defaultValue = "1000")
    long retryBaseMillis;

    @Inject
    @ConfigProperty(name = "assay.outbox.retry-max-millis", defaultValue = "900000")
    long retryMaxMillis;

    @Inject
    @ConfigProperty(name = "assay.outbox.max-attempts", defaultValue = "25")
    int maxAttempts;

    /**
     * How long a claim holds: longer than any one delivery takes (an LMS call, with its token request, under their time
     * limits), so a live process never loses a claim it is still sending; a process that died loses its claims after it.
     */
    @Inject
    @ConfigProperty(name = "assay.outbox.claim-lease-millis", defaultValue = "60000")
    long claimLeaseMillis;

    /** This server process, as a claim names it. */
    String process = ThisProcess.ID;

    /** The targets with entries due now, those waiting longest first: what the worker hands to lanes. */
    @Transactional
    public List<String> dueTargets(int limit) {
        return entries.dueTargets(AuditLog.now(), limit);
    }

    /** The entries of these targets due now, in id order. */
    @Transactional
    public List<Long> due(java.util.Collection<String> targets, int limit) {
        return entries.due(targets, AuditLog.now(), limit);
    }

    /**
     * The entry as a score to send, claimed by this process for the lease; or empty when it is no longer due, another
     * process holds a claim on it that has not lapsed, or a newer one supersedes it. The entry's row is locked while
     * this runs, so of several processes (nodes of a cluster) only one claims it; the claim ends with {@link #record}.
     */
    @Transactional
    public Optional<ScoreDelivery.Score> claim(long id) {
        Optional<OutboxEntry> found = entries.findForClaim(id);
        OffsetDateTime now = AuditLog.now();
        if (found.isEmpty() || found.get().getState() != OutboxEntry.State.PENDING
                // listed as due before another process recorded an attempt that set it back, or claimed it
                || found.get().getNextAttemptAt().isAfter(now) || found.get().claimedByAnotherAt(process, now)) {
            return Optional.empty();
        }
        OutboxEntry e = found.get();
        if (entries.hasNewerLive(e)) {
            e.superseded();
            return Optional.empty();
        }
        OffsetDateTime timestamp = nextTimestamp(e.getGradedAt(), entries.lastSentTimestamp(e.getTarget(), e.getUserKey())
                .orElse(null), e.getLaterThan());
        e.sending(timestamp);
        e.claim(process, now.plus(Duration.ofMillis(claimLeaseMillis)));
        return Optional.of(new ScoreDelivery.Score(e.getId(), e.getTarget(), e.getUserKey(), e.getScoreGiven(),
                e.getScoreMaximum(), e.isComplete(), e.isAwaitingReview(), timestamp, e.getComment()));
    }

    /**
     * The timestamp to send a score with: when it was graded, in whole seconds, moved on to one second after the
     * latest timestamp sent for the same target and user (an attempt that failed may still have reached the LMS) and
     * after {@code laterThan} (set when the gradebook refused it as not later). Two grades in one second thus go out
     * one second apart, and the newest always lands.
     */
    public static OffsetDateTime nextTimestamp(OffsetDateTime gradedAt, OffsetDateTime lastSent, OffsetDateTime laterThan) {
        OffsetDateTime t = gradedAt.truncatedTo(ChronoUnit.SECONDS);
        for (OffsetDateTime bound : new OffsetDateTime[]{lastSent, laterThan}) {
            if (bound != null && !t.isAfter(bound.truncatedTo(ChronoUnit.SECONDS))) {
                t = bound.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).withOffsetSameInstant(t.getOffset());
            }
        }
        return t;
    }

    @Transactional
    public void record(long id, ScoreDelivery.Outcome outcome) {
        OutboxEntry e = entries.find(id).orElseThrow();
        OffsetDateTime now = AuditLog.now();
        if (outcome instanceof ScoreDelivery.Delivered) {
            e.delivered(now);
        } else if (outcome instanceof ScoreDelivery.Refused r) {
            e.failed(r.why());
            LOG.warning(() -> "Score " + id + " for " + e.getTarget() + " refused: " + r.why());
        } else if (outcome instanceof ScoreDelivery.NotLater r) {
            if (!gaveUp(e, r.why())) {
                e.notLater(now, r.why()); // due at once: the next claim sends a timestamp later than the refused one and now
            }
        } else if (outcome instanceof ScoreDelivery.Retry r) {
            if (!gaveUp(e, r.why())) {
                e.retryAt(now.plus(backoff(e.getAttempts())), r.why());
            }
        }
    }

    /** Fails the entry when this was its last attempt. */
    private boolean gaveUp(OutboxEntry e, String why) {
        if (e.getAttempts() + 1 < maxAttempts) {
            return false;
        }
        e.failed("gave up after " + maxAttempts + " attempts: " + why);
        LOG.warning(() -> "Score " + e.getId() + " for " + e.getTarget() + " failed after " + maxAttempts + " attempts: " + why);
        return true;
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

    /** Puts a failed or waiting entry back to be tried now; false when there is none such (delivered, superseded, none). */
    @Transactional
    public boolean retryNow(long id) {
        Optional<OutboxEntry> e = entries.find(id);
        if (e.isEmpty() || e.get().getState() == OutboxEntry.State.DELIVERED || e.get().getState() == OutboxEntry.State.SUPERSEDED) {
            return false;
        }
        e.get().retryNow(AuditLog.now());
        return true;
    }
}
