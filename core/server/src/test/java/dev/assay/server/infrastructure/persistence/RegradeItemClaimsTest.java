package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.regrade.RegradeItemRun;
import dev.assay.server.domain.repository.RegradeItemRepository.Item;
import dev.assay.server.domain.repository.RegradeItemRepository.Range;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regrade work items claimed by two nodes (two processes, each with its own connection) of one database: the schema is
 * the real one (Flyway, to V15) on H2, the SQL the server's ({@link RegradeItemSql}). Each item is held by one node at a
 * time; a node that stops renewing loses its items when the lease lapses; a node that lost an item stores nothing more
 * of it; with a node killed mid-way, every answer is still graded exactly once.
 */
class RegradeItemClaimsTest {
    JdbcDataSource ds;
    Connection setup;
    Node a;
    Node b;

    /** One server process: its own connection, its transactions committed by each call as the server's are. */
    static final class Node implements AutoCloseable {
        final String process;
        final Connection c;
        final RegradeItemSql items;

        Node(String process, JdbcDataSource ds) throws SQLException {
            this.process = process;
            this.c = ds.getConnection();
            c.setAutoCommit(false);
            this.items = new RegradeItemSql(new RegradeItemSql.Statements() {
                @Override
                public List<Object[]> rows(String sql, Object... params) {
                    try (PreparedStatement st = bind(sql, params); ResultSet r = st.executeQuery()) {
                        List<Object[]> rows = new ArrayList<>();
                        int n = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            Object[] row = new Object[n];
                            for (int i = 0; i < n; i++) {
                                row[i] = r.getObject(i + 1);
                            }
                            rows.add(row);
                        }
                        return rows;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public int update(String sql, Object... params) {
                    try (PreparedStatement st = bind(sql, params)) {
                        return st.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                private PreparedStatement bind(String sql, Object... params) throws SQLException {
                    PreparedStatement st = c.prepareStatement(sql);
                    for (int i = 0; i < params.length; i++) {
                        st.setObject(i + 1, params[i]);
                    }
                    return st;
                }
            }, false);
        }

        /** Runs {@code work} in one transaction of this node. */
        <T> T tx(Callable<T> work) throws Exception {
            try {
                T t = work.call();
                c.commit();
                return t;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }

        Optional<Item> claim(long now, long lease) throws Exception {
            return tx(() -> items.claim(process, now, now + lease));
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    @BeforeEach
    void database() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:items-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").placeholders(Map.of("blob", "BLOB")).load().migrate();
        setup = ds.getConnection();
        try (Statement st = setup.createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            st.execute("CREATE TABLE answer_graded (regrade_id BIGINT, submission_id BIGINT, by_node VARCHAR(64),"
                    + " PRIMARY KEY (regrade_id, submission_id))");
        }
        a = new Node("node-a", ds);
        b = new Node("node-b", ds);
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        setup.close();
    }

    /** A running regrade, planned, with these ranges. */
    void regrade(long id, Range... ranges) throws Exception {
        try (Statement st = setup.createStatement()) {
            st.execute("INSERT INTO regrade (id, assignment_id, state, running_assignment, regraded, last_submission_id,"
                    + " requested_by, requested_at, runs, planned) VALUES (" + id + ", " + (100 + id) + ", 'STARTED', "
                    + (100 + id) + ", 0, 0, 't', CURRENT_TIMESTAMP, 0, TRUE)");
        }
        a.tx(() -> {
            a.items.plan(id, List.of(ranges));
            return null;
        });
    }

    @Test
    void twoNodesClaimDifferentItemsAndNothingIsLeftForAThirdClaim() throws Exception {
        regrade(1, new Range(0, 500L, 500), new Range(500, null, 20));
        Item first = a.claim(1_000, 60_000).orElseThrow();
        Item second = b.claim(1_000, 60_000).orElseThrow();
        assertThat(first.seq()).isNotEqualTo(second.seq());
        assertThat(List.of(first, second)).extracting(Item::seq).containsExactlyInAnyOrder(1, 2);
        assertThat(second.throughId() == null || first.throughId() == null).as("the last item has no upper end").isTrue();
        assertThat(a.claim(2_000, 60_000)).as("both held").isEmpty();
        assertThat(b.claim(2_000, 60_000)).isEmpty();
    }

    @Test
    void aNodeThatStopsRenewingLosesItsItemWhenTheLeaseLapsesAndThenStoresNothingMoreOfIt() throws Exception {
        regrade(1, new Range(0, null, 10));
        Item held = a.claim(1_000, 5_000).orElseThrow();
        assertThat(b.claim(5_999, 60_000)).as("A's lease runs until 6000").isEmpty();
        Item taken = b.claim(6_001, 60_000).orElseThrow();
        assertThat(taken).isEqualTo(held);
        assertThat(a.tx(() -> a.items.lockIfHeld(1, held.seq(), a.process))).as("A no longer holds it").isFalse();
        assertThat(a.tx(() -> a.items.finish(1, held.seq(), a.process))).isFalse();
        assertThat(a.tx(() -> a.items.renew(a.process, 100_000))).as("A's heartbeat renews nothing of B's").isZero();
        assertThat(b.tx(() -> b.items.finish(1, taken.seq(), b.process))).isTrue();
        assertThat(a.tx(() -> a.items.open(1))).isZero();
        assertThat(b.claim(200_000, 60_000)).as("a done item is never claimed again").isEmpty();
    }

    @Test
    void theHeartbeatKeepsAnItemItsNodesForLongerThanOneLease() throws Exception {
        regrade(1, new Range(0, null, 10));
        Item held = a.claim(1_000, 5_000).orElseThrow();
        assertThat(a.tx(() -> a.items.renew(a.process, 9_000 + 5_000))).isEqualTo(1);
        assertThat(b.claim(10_000, 60_000)).as("renewed at 9000 until 14000").isEmpty();
        assertThat(a.tx(() -> a.items.lockIfHeld(1, held.seq(), a.process))).isTrue();
        assertThat(b.claim(14_001, 60_000)).as("no heartbeat since: taken over").isPresent();
    }

    @Test
    void aNodeStoringAnItemHoldsItsRowSoATakeoverWaitsForThatStore() throws Exception {
        regrade(1, new Range(0, null, 10));
        Item held = a.claim(1_000, 5_000).orElseThrow();
        // A stores a chunk: its transaction holds the item's row (not committed yet) while the lease lapses.
        assertThat(a.items.lockIfHeld(1, held.seq(), a.process)).isTrue();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Item>> byB = other.submit(() -> b.claim(7_000, 60_000));
            Thread.sleep(300);
            assertThat(byB).as("B waits for A's store to commit").isNotDone();
            a.c.commit();
            assertThat(byB.get(10, TimeUnit.SECONDS)).as("then takes the item over").isPresent();
        } finally {
            other.shutdownNow();
        }
        assertThat(a.tx(() -> a.items.lockIfHeld(1, held.seq(), a.process))).as("A's next store finds it gone").isFalse();
    }

    @Test
    void ofTwoClaimsAtOnceEachGetsAnotherItem() throws Exception {
        regrade(1, new Range(0, 100L, 100), new Range(100, 200L, 100), new Range(200, null, 5));
        // A's claim in flight (its transaction open, its item's row updated); B claims meanwhile, on another thread.
        Optional<Item> byA = a.items.claim(a.process, 1_000, 60_000);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Item>> byB = other.submit(() -> b.claim(1_000, 60_000));
            Thread.sleep(200);
            a.c.commit();
            assertThat(byA).isPresent();
            assertThat(byB.get(10, TimeUnit.SECONDS)).isPresent().get().extracting(Item::seq).isNotEqualTo(byA.get().seq());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void anItemThatKeepsFailingIsRetriedAfterItsWaitAndItsFailuresAreCounted() throws Exception {
        regrade(1, new Range(0, null, 10));
        Item held = a.claim(1_000, 60_000).orElseThrow();
        assertThat(a.tx(() -> a.items.fail(1, held.seq(), a.process, "boom", 3_000))).isEqualTo(1);
        assertThat(b.claim(2_000, 60_000)).as("waits until 3000").isEmpty();
        Item again = b.claim(3_001, 60_000).orElseThrow();
        assertThat(b.tx(() -> b.items.fail(1, again.seq(), b.process, "boom", 3_000))).isEqualTo(2);
        assertThat(a.tx(() -> a.items.fail(1, again.seq(), a.process, "boom", 3_000))).as("A does not hold it").isZero();
    }

    @Test
    void itemsOfARegradeThatEndedAreNotClaimedAndTheClaimsOfADeadProcessCanBeReleasedOnH2() throws Exception {
        regrade(1, new Range(0, null, 10));
        regrade(2, new Range(0, null, 10));
        regrade(3, new Range(0, null, 10));
        try (Statement st = setup.createStatement()) {
            st.execute("UPDATE regrade SET state = 'FAILED', running_assignment = NULL WHERE id = 1");
        }
        Item held = a.claim(1_000, 60_000).orElseThrow();
        assertThat(held.regradeId()).isEqualTo(2);
        Item other = b.claim(1_000, 60_000).orElseThrow();
        assertThat(other.regradeId()).isEqualTo(3);
        try (Statement st = setup.createStatement()) {
            st.execute("UPDATE regrade SET state = 'FAILED', running_assignment = NULL WHERE id = 3");
        }
        assertThat(b.tx(() -> b.items.lockIfHeld(3, other.seq(), b.process))).as("its regrade ended: no more stores").isFalse();
        assertThat(b.tx(() -> b.items.releaseOthers(b.process))).isEqualTo(1);
        assertThat(b.claim(1_000, 60_000)).as("released at once").isPresent();
    }

    /**
     * Two nodes with two workers each run a regrade of 1,000 answers in items of 50; node A is "killed" (stops working
     * and renewing) half-way through its third item. Every answer is graded exactly once: the grades of the killed
     * node's last stored chunk count, the rest of its item is taken over after the lease.
     */
    @Test
    void withANodeKilledMidwayEveryAnswerIsGradedExactlyOnce() throws Exception {
        int answers = 1_000;
        int size = 50;
        List<Range> ranges = new ArrayList<>();
        for (int after = 0; after < answers; after += size) {
            ranges.add(new Range(after, after + size >= answers ? null : (long) after + size, size));
        }
        regrade(1, ranges.toArray(Range[]::new));
        long lease = 300;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                runs.add(pool.submit(() -> worker("node-a", lease, answers, 2)));
                runs.add(pool.submit(() -> worker("node-b", lease, answers, Integer.MAX_VALUE)));
            }
            int total = 0;
            for (Future<Integer> f : runs) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            try (Statement st = setup.createStatement();
                 ResultSet r = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT submission_id), MIN(submission_id),"
                         + " MAX(submission_id) FROM answer_graded WHERE regrade_id = 1")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(answers);
                assertThat(r.getLong(2)).isEqualTo(answers);
                assertThat(r.getLong(3)).isEqualTo(1);
                assertThat(r.getLong(4)).isEqualTo(answers);
            }
            assertThat(total).as("graded and stored, over all workers").isEqualTo(answers);
            try (Statement st = setup.createStatement();
                 ResultSet r = st.executeQuery("SELECT COUNT(*) FROM regrade_item WHERE regrade_id = 1 AND claims > 1")) {
                r.next();
                assertThat(r.getLong(1)).as("the killed node's items were taken over").isGreaterThanOrEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Ends a worker dead in the middle of an item: no more stores, no renewals, its claim left to lapse. */
    static final class Killed extends RuntimeException {
    }

    /**
     * A worker as RegradeWorkers runs one, on its own connection: claims items and runs each through the server's own
     * loop ({@link RegradeItemRun}), its steps the server's SQL for the claims and a table of its own for the grades
     * (every answer needs the regrade; a store locks the item if held, skips what the regrade graded already, and renews
     * the lease as the heartbeat would). With {@code dieAfter} items it stops dead half-way through the next one.
     */
    int worker(String process, long lease, int answers, int dieAfter) throws Exception {
        int stored = 0;
        int items = 0;
        try (Node n = new Node(process, ds)) {
            while (true) {
                long now = System.currentTimeMillis();
                Optional<Item> claimed = n.claim(now, lease);
                if (claimed.isEmpty()) {
                    if (n.tx(() -> n.items.open(1)) == 0) {
                        return stored;
                    }
                    Thread.sleep(20);
                    continue;
                }
                Item item = claimed.get();
                boolean dying = items++ == dieAfter;
                long last = item.throughId() == null ? answers : item.throughId();
                long half = item.afterId() + (last - item.afterId()) / 2;
                int[] added = {0};
                try {
                    RegradeItemRun.run(item, new RegradeItemRun.Steps<Long>() {
                        @Override
                        public List<Long> needing(long afterId, int limit) {
                            List<Long> ids = new ArrayList<>();
                            for (long s = afterId + 1; s <= answers && ids.size() < limit; s++) {
                                ids.add(s);
                            }
                            return ids;
                        }

                        @Override
                        public Set<Long> gradedBy(List<Long> ids) {
                            try {
                                return n.tx(() -> graded(n, ids));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public List<Long> grade(List<Long> ids) {
                            if (dying && ids.get(0) > half) {
                                throw new Killed();
                            }
                            try {
                                Thread.sleep(2); // grading
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return ids;
                        }

                        @Override
                        public boolean store(List<Long> grades) {
                            try {
                                Integer k = n.tx(() -> {
                                    if (!n.items.lockIfHeld(1, item.seq(), process)) {
                                        return null;
                                    }
                                    Set<Long> done = graded(n, grades);
                                    int stores = 0;
                                    for (long id : grades) {
                                        if (!done.contains(id)) {
                                            try (PreparedStatement add = n.c.prepareStatement("INSERT INTO answer_graded VALUES (1, ?, ?)")) {
                                                add.setLong(1, id);
                                                add.setString(2, process);
                                                add.executeUpdate();
                                            }
                                            stores++;
                                        }
                                    }
                                    return stores;
                                });
                                if (k == null) {
                                    return false;
                                }
                                added[0] += k;
                                n.tx(() -> n.items.renew(process, System.currentTimeMillis() + lease)); // the heartbeat's own
                                return true;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public boolean finish() {
                            try {
                                return n.tx(() -> n.items.finish(1, item.seq(), process));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }, 100, 10);
                    stored += added[0]; // stored by this worker (a store skips what another graded)
                } catch (Killed e) {
                    return stored + added[0]; // killed: its claim is left to lapse
                } catch (RegradeItemRun.Lost e) {
                    stored += added[0]; // lost the item: what it stored before counts
                }
            }
        }
    }

    /** Of these answers, those regrade 1 has stored. */
    static Set<Long> graded(Node n, List<Long> ids) throws SQLException {
        Set<Long> done = new HashSet<>();
        for (long id : ids) {
            try (PreparedStatement seen = n.c.prepareStatement("SELECT 1 FROM answer_graded WHERE regrade_id = 1 AND submission_id = ?")) {
                seen.setLong(1, id);
                try (ResultSet r = seen.executeQuery()) {
                    if (r.next()) {
                        done.add(id);
                    }
                }
            }
        }
        return done;
    }
}
