package dev.assay.server.application.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.fakes.FakeOutboxRepository;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one outbox (the nodes of a cluster): an entry is claimed by one of them at a time, for a lease;
 * a process that dies holding claims loses them when the lease lapses; the newest score still wins. (The row lock that
 * makes two claims at the same instant wait for each other is the database's; here the processes take turns.)
 */
class OutboxClaimsTest {
    static final OffsetDateTime GRADED = OffsetDateTime.parse("2026-12-01T10:00:07Z");

    FakeOutboxRepository entries;
    Outbox nodeA;
    Outbox nodeB;

    Outbox node(String name, long leaseMillis) {
        Outbox o = new Outbox();
        o.entries = entries;
        o.retryBaseMillis = 60_000;
        o.retryMaxMillis = 900_000;
        o.maxAttempts = 5;
        o.claimLeaseMillis = leaseMillis;
        o.process = name;
        return o;
    }

    @BeforeEach
    void twoNodes() {
        entries = new FakeOutboxRepository();
        nodeA = node("node-a", 60_000);
        nodeB = node("node-b", 60_000);
    }

    long add(String user, double given, OffsetDateTime at) {
        entries.add(new OutboxEntry("lti:1", user, given, 4, true, false, at, null));
        return entries.entries.lastKey();
    }

    @Test
    void anEntryClaimedByOneNodeIsNeitherDueNorClaimableOnAnotherUntilItIsRecorded() {
        long id = add("u", 3, GRADED);
        List<Long> seenByB = nodeB.due(List.of("lti:1"), 10);
        assertThat(nodeA.claim(id)).isPresent();
        assertThat(entries.find(id).orElseThrow().getClaimedBy()).isEqualTo("node-a");
        assertThat(nodeB.dueTargets(10)).as("nothing due for B while A sends").isEmpty();
        assertThat(seenByB).containsExactly(id);
        assertThat(nodeB.claim(id)).as("B listed it before A claimed it: its claim comes back empty").isEmpty();
        nodeA.record(id, new ScoreDelivery.Delivered());
        assertThat(nodeB.claim(id)).as("delivered: no one sends it again").isEmpty();
        assertThat(entries.find(id).orElseThrow().getClaimedBy()).as("the claim ends with the outcome").isNull();
    }

    @Test
    void aRetryRecordedByOneNodeWaitsItsBackoffOnEveryNode() {
        long id = add("u", 3, GRADED);
        assertThat(nodeA.claim(id)).isPresent();
        nodeA.record(id, new ScoreDelivery.Retry("503"));
        assertThat(nodeB.due(List.of("lti:1"), 10)).isEmpty();
        assertThat(nodeB.claim(id)).as("a stale listing does not send it before its next attempt").isEmpty();
    }

    @Test
    void theClaimsOfANodeThatDiedAreTakenOverWhenTheirLeaseLapsesAndTheNewestScoreStillWins() throws Exception {
        Outbox dying = node("node-dying", 1);
        long older = add("u", 1, GRADED);
        assertThat(dying.claim(older)).isPresent(); // then the node is killed: no outcome is ever recorded
        Thread.sleep(20);
        assertThat(nodeB.due(List.of("lti:1"), 10)).as("due again once the lease lapsed").containsExactly(older);
        ScoreDelivery.Score taken = nodeB.claim(older).orElseThrow();
        assertThat(entries.find(older).orElseThrow().getClaimedBy()).isEqualTo("node-b");
        assertThat(taken.scoreGiven()).isEqualTo(1);

        long newer = add("u", 4, GRADED.plusSeconds(1));
        nodeB.record(older, new ScoreDelivery.Retry("timeout"));
        entries.find(older).orElseThrow().retryNow(GRADED);
        assertThat(nodeA.claim(older)).as("a newer score supersedes it on any node").isEmpty();
        assertThat(entries.find(older).orElseThrow().getState()).isEqualTo(OutboxEntry.State.SUPERSEDED);
        ScoreDelivery.Score newest = nodeA.claim(newer).orElseThrow();
        assertThat(newest.scoreGiven()).isEqualTo(4);
        assertThat(newest.timestamp()).as("later than what B sent for the older one").isAfter(taken.timestamp());
    }
}
