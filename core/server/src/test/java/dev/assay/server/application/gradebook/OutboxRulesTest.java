package dev.assay.server.application.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.fakes.FakeOutboxRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox's rules, without a container: supersession, the score as it is sent, outcomes, backoff, retrying by hand. */
class OutboxRulesTest {
    static final OffsetDateTime GRADED = OffsetDateTime.parse("2026-12-01T10:00:07.250Z");

    FakeOutboxRepository entries;
    Outbox outbox;

    @BeforeEach
    void outbox() {
        entries = new FakeOutboxRepository();
        outbox = new Outbox();
        outbox.entries = entries;
        outbox.retryBaseMillis = 1000;
        outbox.retryMaxMillis = 900_000;
        outbox.maxAttempts = 3;
    }

    long add(String target, String user, double given, OffsetDateTime at) {
        entries.add(new OutboxEntry(target, user, given, 4, true, false, at, null));
        return entries.entries.lastKey();
    }

    @Test
    void aScoreIsSentInTheCoresWordsWithItsSecond() {
        entries.add(new OutboxEntry("lti:1", "u", 3, 4, false, true, GRADED, "Say why."));
        ScoreDelivery.Score s = outbox.claim(1).orElseThrow();
        assertThat(s).isEqualTo(new ScoreDelivery.Score(1, "lti:1", "u", 3, 4, false, true,
                OffsetDateTime.parse("2026-12-01T10:00:07Z"), "Say why."));
        assertThat(entries.find(1).orElseThrow().getSentTimestamp()).as("recorded before the attempt").isEqualTo(s.timestamp());
    }

    @Test
    void aNewerScoreForTheSameTargetAndUserSupersedesAnOlderOneWhichIsNeverSent() {
        long older = add("lti:1", "u", 1, GRADED);
        long otherUser = add("lti:1", "v", 2, GRADED);
        long newer = add("lti:1", "u", 3, GRADED.plusSeconds(1));
        assertThat(outbox.claim(older)).isEmpty();
        assertThat(entries.find(older).orElseThrow().getState()).isEqualTo(OutboxEntry.State.SUPERSEDED);
        assertThat(outbox.claim(otherUser)).as("another user's score is not superseded").isPresent();
        assertThat(outbox.claim(newer)).isPresent();
    }

    @Test
    void aFailedNewerScoreDoesNotSupersedeAnOlderOne() {
        long older = add("lti:1", "u", 1, GRADED);
        long newer = add("lti:1", "u", 3, GRADED.plusSeconds(1));
        entries.find(newer).orElseThrow().failed("refused");
        assertThat(outbox.claim(older)).isPresent();
    }

    @Test
    void aScoreNoLongerPendingIsNotClaimed() {
        long id = add("lti:1", "u", 1, GRADED);
        outbox.record(id, new ScoreDelivery.Delivered());
        assertThat(entries.find(id).orElseThrow().getState()).isEqualTo(OutboxEntry.State.DELIVERED);
        assertThat(outbox.claim(id)).isEmpty();
        assertThat(outbox.claim(99)).isEmpty();
    }

    @Test
    void theNextScoreForTheSameUserGoesOutLaterThanAnySentBefore() {
        long first = add("lti:1", "u", 1, GRADED);
        OffsetDateTime sent = outbox.claim(first).orElseThrow().timestamp();
        outbox.record(first, new ScoreDelivery.Delivered());
        long second = add("lti:1", "u", 2, GRADED.plusNanos(300_000_000));
        assertThat(outbox.claim(second).orElseThrow().timestamp()).isEqualTo(sent.plusSeconds(1));
    }

    @Test
    void aRetryWaitsItsBackoffAndTheLastAttemptFails() {
        long id = add("lti:1", "u", 1, GRADED);
        outbox.record(id, new ScoreDelivery.Retry("503"));
        OutboxEntry e = entries.find(id).orElseThrow();
        assertThat(e.getState()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(e.getAttempts()).isEqualTo(1);
        assertThat(e.getLastError()).isEqualTo("503");
        assertThat(e.getNextAttemptAt()).isAfter(OffsetDateTime.now().plusNanos(500_000_000));
        outbox.record(id, new ScoreDelivery.Retry("503"));
        outbox.record(id, new ScoreDelivery.Retry("503 again"));
        assertThat(e.getState()).isEqualTo(OutboxEntry.State.FAILED);
        assertThat(e.getLastError()).isEqualTo("gave up after 3 attempts: 503 again");
    }

    @Test
    void aNotLaterRefusalIsDueAtOnceWithALaterTimestamp() {
        long id = add("lti:1", "u", 1, GRADED);
        ScoreDelivery.Score refused = outbox.claim(id).orElseThrow();
        outbox.record(id, new ScoreDelivery.NotLater("409"));
        OutboxEntry e = entries.find(id).orElseThrow();
        assertThat(e.getState()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(e.getNextAttemptAt()).isBeforeOrEqualTo(OffsetDateTime.now());
        assertThat(outbox.claim(id).orElseThrow().timestamp()).isAfter(refused.timestamp())
                .isAfter(OffsetDateTime.now().minusSeconds(1));
    }

    @Test
    void aRefusalFailsAtOnce() {
        long id = add("lti:1", "u", 1, GRADED);
        outbox.record(id, new ScoreDelivery.Refused("the platform is gone"));
        assertThat(entries.find(id).orElseThrow().getState()).isEqualTo(OutboxEntry.State.FAILED);
    }

    @Test
    void theBackoffDoublesFromTheBaseUpToTheMaximumWithinItsJitter() {
        for (int attempts = 0; attempts < 40; attempts++) {
            double expected = Math.min(900_000, 1000 * Math.pow(2, Math.min(attempts, 30)));
            for (int i = 0; i < 50; i++) {
                Duration d = outbox.backoff(attempts);
                assertThat(d.toMillis()).as("attempt " + attempts).isBetween((long) (expected * 0.8) - 1, (long) (expected * 1.2));
            }
        }
    }

    @Test
    void onlyAWaitingOrFailedScoreCanBeRetriedByHand() {
        long failed = add("lti:1", "u", 1, GRADED);
        outbox.record(failed, new ScoreDelivery.Refused("no"));
        assertThat(outbox.retryNow(failed)).isTrue();
        assertThat(entries.find(failed).orElseThrow().getState()).isEqualTo(OutboxEntry.State.PENDING);
        long delivered = add("lti:1", "v", 1, GRADED);
        outbox.record(delivered, new ScoreDelivery.Delivered());
        assertThat(outbox.retryNow(delivered)).isFalse();
        long superseded = add("lti:1", "w", 1, GRADED);
        add("lti:1", "w", 2, GRADED);
        outbox.claim(superseded);
        assertThat(outbox.retryNow(superseded)).isFalse();
        assertThat(outbox.retryNow(404)).isFalse();
        assertThat(entries.list(Optional.of(OutboxEntry.State.PENDING), Optional.empty(), 10)).extracting(OutboxEntry::getId)
                .contains(failed);
    }
}
