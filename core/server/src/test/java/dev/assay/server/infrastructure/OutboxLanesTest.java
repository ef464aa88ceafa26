package dev.assay.server.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.ports.ScoreDelivery;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox's lanes with fake gradebooks: one that hangs holds up its own lane and one worker, nothing else. */
class OutboxLanesTest {
    private final ExecutorService pool4 = Executors.newFixedThreadPool(4);
    private final List<Gradebook> gradebooks = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        gradebooks.forEach(Gradebook::release);
        pool4.shutdownNow();
    }

    /** An in-memory outbox: entries (id → target) stay pending until an attempt is recorded as delivered. */
    static final class FakeOutbox implements OutboxLanes.Source {
        final Map<Long, String> pending = new ConcurrentSkipListMap<>();
        final Map<String, ScoreDelivery> deliveries = new ConcurrentHashMap<>();
        final List<String> outcomes = new CopyOnWriteArrayList<>();

        void add(long id, String target) {
            pending.put(id, target);
        }

        @Override
        public List<String> dueTargets(int limit) {
            return new LinkedHashSet<>(pending.values()).stream().limit(limit).toList();
        }

        @Override
        public List<Long> due(Collection<String> targets, int limit) {
            return pending.entrySet().stream().filter(e -> targets.contains(e.getValue())).map(Map.Entry::getKey).limit(limit).toList();
        }

        @Override
        public Optional<ScoreDelivery.Score> claim(long id) {
            String target = pending.get(id);
            return target == null ? Optional.empty() : Optional.of(new ScoreDelivery.Score(id, target, "user", 1, 1, true,
                    false, OffsetDateTime.now(), null));
        }

        @Override
        public void record(long id, ScoreDelivery.Outcome outcome) {
            outcomes.add(id + " " + outcome.getClass().getSimpleName() + (outcome instanceof ScoreDelivery.Retry r ? " " + r.why() : ""));
            if (outcome instanceof ScoreDelivery.Delivered) {
                pending.remove(id);
            }
        }

        @Override
        public Optional<ScoreDelivery> deliveryFor(String target) {
            return deliveries.entrySet().stream().filter(e -> target.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
        }
    }

    /** A platform's gradebook: its targets start with its name and share its lane; it can be made to hang. */
    static final class Gradebook implements ScoreDelivery {
        final String name;
        final List<Long> attempts = new CopyOnWriteArrayList<>();
        final List<Long> delivered = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch hang = new CountDownLatch(0);
        volatile RuntimeException fails;

        Gradebook(String name) {
            this.name = name;
        }

        Gradebook hanging() {
            hang = new CountDownLatch(1);
            return this;
        }

        void release() {
            hang.countDown();
        }

        @Override
        public boolean handles(String target) {
            return target.startsWith(name);
        }

        @Override
        public String lane(String target) {
            return name;
        }

        @Override
        public Outcome deliver(Score score) {
            attempts.add(score.id());
            if (fails != null) {
                RuntimeException e = fails;
                fails = null;
                throw e;
            }
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Retry("interrupted");
            }
            delivered.add(score.id());
            return new Delivered();
        }
    }

    private Gradebook gradebook(FakeOutbox outbox, String name) {
        Gradebook g = new Gradebook(name);
        gradebooks.add(g);
        outbox.deliveries.put(name, g);
        return g;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(until);
            Thread.sleep(5);
        }
    }

    @Test
    void aHangingGradebookHoldsUpOnlyItsOwnLane() throws Exception {
        FakeOutbox outbox = new FakeOutbox();
        Gradebook slow = gradebook(outbox, "slow").hanging();
        Gradebook other = gradebook(outbox, "other");
        outbox.add(1, "slow:1");
        outbox.add(2, "slow:2");
        outbox.add(3, "other:1");
        OutboxLanes lanes = new OutboxLanes(outbox, pool4, 100);

        assertThat(lanes.dispatch()).isEqualTo(2);
        await("the other platform's score", () -> other.delivered.contains(3L));
        // The lanes run on their own threads: under load the slow lane may start after the other has delivered.
        await("the slow lane's first attempt", () -> !slow.attempts.isEmpty());
        assertThat(slow.delivered).as("still hanging").isEmpty();
        assertThat(slow.attempts).as("its lane waits behind the hanging delivery, in order").containsExactly(1L);

        assertThat(lanes.dispatch()).as("a busy lane is not started twice").isZero();
        outbox.add(4, "other:2");
        assertThat(lanes.dispatch()).as("the other lane goes on").isEqualTo(1);
        await("the other platform's next score", () -> other.delivered.contains(4L));
        assertThat(slow.attempts).containsExactly(1L);

        slow.release();
        await("the slow lane's scores", () -> slow.delivered.size() == 2);
        assertThat(slow.delivered).containsExactly(1L, 2L);
        await("the slow lane freed", () -> !lanes.isBusy("slow"));
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void atMostAsManyLanesDeliverAtOnceAsThePoolHasWorkers() throws Exception {
        FakeOutbox outbox = new FakeOutbox();
        Gradebook a = gradebook(outbox, "a").hanging();
        Gradebook b = gradebook(outbox, "b").hanging();
        Gradebook c = gradebook(outbox, "c");
        outbox.add(1, "a:1");
        outbox.add(2, "b:1");
        outbox.add(3, "c:1");
        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        try {
            OutboxLanes lanes = new OutboxLanes(outbox, pool2, 100);
            assertThat(lanes.dispatch()).isEqualTo(3);
            await("two lanes at work", () -> a.attempts.size() == 1 && b.attempts.size() == 1);
            Thread.sleep(200);
            assertThat(c.attempts).as("the third lane waits for a free worker").isEmpty();
            assertThat(lanes.isBusy("c")).as("queued, so not handed out again").isTrue();
            a.release();
            await("the third lane", () -> c.delivered.contains(3L));
            assertThat(b.delivered).isEmpty();
        } finally {
            pool2.shutdownNow();
        }
    }

    @Test
    void aDeliveryThatThrowsIsRecordedAsARetryAndTriedAgainNextRound() throws Exception {
        FakeOutbox outbox = new FakeOutbox();
        Gradebook flaky = gradebook(outbox, "flaky");
        flaky.fails = new IllegalStateException("connection reset");
        outbox.add(1, "flaky:1");
        OutboxLanes lanes = new OutboxLanes(outbox, pool4, 100);

        lanes.dispatch();
        await("the failed attempt recorded", () -> outbox.outcomes.size() == 1);
        assertThat(outbox.outcomes.get(0)).isEqualTo("1 Retry IllegalStateException: connection reset");
        await("the lane freed", () -> !lanes.isBusy("flaky"));
        lanes.dispatch();
        await("delivered on the next round", () -> flaky.delivered.contains(1L));
    }

    @Test
    void entriesNoDeliveryHandlesWaitInALaneOfTheirOwn() throws Exception {
        FakeOutbox outbox = new FakeOutbox();
        Gradebook lms = gradebook(outbox, "lms");
        outbox.add(1, "mail:1");
        outbox.add(2, "lms:1");
        OutboxLanes lanes = new OutboxLanes(outbox, pool4, 100);

        assertThat(lanes.dispatch()).isEqualTo(2);
        await("the LMS's score", () -> lms.delivered.contains(2L));
        await("the other recorded", () -> outbox.outcomes.stream().anyMatch(o -> o.startsWith("1 ")));
        assertThat(outbox.outcomes).contains("1 Retry no delivery installed for target mail:1");
        assertThat(outbox.pending).containsOnlyKeys(1L);
    }
}
