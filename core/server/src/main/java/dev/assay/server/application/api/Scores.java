package dev.assay.server.application.api;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.gradebook.Outbox;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Scores on their way to gradebooks (the outbox): what was delivered, what waits and why, what failed; each user's
 * standing on a target; retry by hand.
 */
@ApplicationScoped
public class Scores {
    @Inject
    OutboxRepository entries;

    @Inject
    Outbox outbox;

    /** Newest first, optionally of one state and/or one target. */
    @Transactional
    public List<ScoreEntry> list(Optional<Delivery> state, Optional<String> target, int limit) {
        return entries.list(state.map(s -> OutboxEntry.State.valueOf(s.name())), target, limit).stream().map(Scores::of).toList();
    }

    /** Puts a failed or waiting score back to be sent now; not found when there is no such entry (or it was delivered). */
    public ScoreEntry retry(long id) {
        if (!outbox.retryNow(id)) {
            throw AssayException.notFound("No waiting or failed outbox entry " + id + ".");
        }
        return entry(id);
    }

    private ScoreEntry entry(long id) {
        return entries.find(id).map(Scores::of).orElseThrow();
    }

    /** Each user's current score on a gradebook target (their latest, whatever its delivery), by user. */
    @Transactional
    public List<Standing> standings(String target, int limit) {
        return entries.latestPerUser(target, limit).stream().map(e -> new Standing(e.getUserKey(), e.getScoreGiven(),
                e.getScoreMaximum(), e.isComplete(), e.isAwaitingReview(), delivery(e))).toList();
    }

    private static Delivery delivery(OutboxEntry e) {
        return Delivery.valueOf(e.getState().name());
    }

    static ScoreEntry of(OutboxEntry e) {
        return new ScoreEntry(e.getId(), e.getTarget(), e.getUserKey(), e.getScoreGiven(), e.getScoreMaximum(), e.isComplete(),
                e.isAwaitingReview(), e.getGradedAt(), delivery(e), e.getAttempts(), e.getNextAttemptAt(), e.getLastError(),
                e.getDeliveredAt(), e.getSentTimestamp(), e.getComment());
    }
}
