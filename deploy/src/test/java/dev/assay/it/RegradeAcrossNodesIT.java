package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.TestPlugins;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server processes (nodes) of the shipped WAR on one PostgreSQL. A regrade requested through node A is planned into
 * work items that both nodes' workers claim; node A is killed (SIGKILL) mid-way, and node B takes A's items over once
 * their lease (3 s here) lapses and finishes the regrade: every answer has exactly one grade of that regrade, and B's
 * status says COMPLETED with the right counts. Before that: a platform registered through A after B started is known to
 * B (its scores are delivered by B, whose outbox is the only one running). Needs PostgreSQL (`-Ppostgres`): two
 * processes cannot share an H2 file. Prints the time a killed node's items took to be taken over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegradeAcrossNodesIT {
    static final String TOKEN = ServerIT.TOKEN;
    static final int ANSWERS = 400;
    static final long LEASE_MILLIS = 3_000;
    static final String PACK = "nodesp";
    static final String QUESTION = PACK + "/q1";

    Path dir;
    LtiClient nodeA;
    LtiClient nodeB;
    Process a;
    Process b;

    static String pack(String expected, int delayMillis) {
        return "id: " + QUESTION + "\ntitle: Q1\npoints: 1\nplugin: it-slow\nprompt: Say a.\nconfig:\n  expected: '" + expected
                + "'\n  delayMillis: " + delayMillis + "\nexpectedApproach: Say a.\n";
    }

    @BeforeAll
    void twoNodes() throws Exception {
        Assumptions.assumeTrue(System.getenv().getOrDefault("ASSAY_DB_URL", "").startsWith("jdbc:postgresql"),
                "two nodes need a database both reach: run with -Ppostgres");
        dir = DurableWorkIT.freshDir("regrade-nodes-it");
        TestPlugins.buildPluginFolder(dir.resolve("plugins/it-slow"), Map.of("it.slow.SlowPlugin", DurableWorkIT.SLOW_PLUGIN),
                "it.slow.SlowPlugin", List.of());
        Map<String, String> common = new HashMap<>(Map.of(
                "ASSAY_PLUGINS_DIR", System.getenv().getOrDefault("ASSAY_PLUGINS_DIR", "target/plugins") + ":" + dir.resolve("plugins"),
                "ASSAY_REGRADE_ITEM_LEASE_MILLIS", String.valueOf(LEASE_MILLIS), "ASSAY_REGRADE_ITEM_SIZE", "20",
                "ASSAY_REGRADE_POLL_MILLIS", "200", "ASSAY_REGRADE_WORKERS", "2", "ASSAY_CATALOG_POLL_MILLIS", "500",
                "ASSAY_OUTBOX_START_GRACE_MILLIS", "0"));
        // Node A delivers no scores (its outbox polls once an hour): what reaches the LMS was sent by node B.
        Map<String, String> settingsA = new HashMap<>(common);
        settingsA.put("ASSAY_OUTBOX_POLL_MILLIS", "3600000");
        Map<String, String> settingsB = new HashMap<>(common);
        settingsB.put("ASSAY_OUTBOX_POLL_MILLIS", "100");
        int portA = RestartIT.freePort();
        int portB = RestartIT.freePort();
        nodeA = new LtiClient("http://127.0.0.1:" + portA);
        nodeB = new LtiClient("http://127.0.0.1:" + portB);
        a = RestartIT.start(portA, dir, "a", settingsA);
        b = RestartIT.start(portB, dir, "b", settingsB);
    }

    @AfterAll
    void stop() throws Exception {
        for (Process p : new Process[]{a, b}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
    }

    @Test
    @Order(1)
    void aPlatformRegisteredThroughOneNodeAfterTheOtherStartedIsKnownToTheOtherAndItsScoresDeliveredByIt() throws Exception {
        try (TestPlatform lms = new TestPlatform(nodeA.root)) {
            nodeA.register(lms); // node B started before this: its cache of platforms did not have it
            Map<String, Object> claims = Map.of(LtiClient.CUSTOM, Map.of("assignment", "hw7/hw7"), LtiClient.AGS,
                    Map.of("scope", List.of(LtiClient.SCORE_SCOPE), "lineitem", lms.lineitem(8)));
            String session = LtiClient.session(nodeA.launch(lms, "nodes-student-a", "link-late-platform", List.of(LtiClient.LEARNER),
                    claims).body());
            assertThat(nodeA.submit(session, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
            String second = LtiClient.session(nodeA.launch(lms, "nodes-student-b", "link-late-platform",
                    List.of(LtiClient.LEARNER), claims).body());
            assertThat(nodeA.submit(second, "hw7/7b-teacher-forcing", "<sos> I see a cat").statusCode()).isEqualTo(200);
            // (A launch through node B is refused here for another reason: the platform's toolUrl names node A, and each
            // node of this test has its own URL; behind a load balancer they share one.)
            Await.until("both scores delivered by node B", 60, () -> lms.scores.stream()
                    .map(s -> s.path("userId").asText()).filter(u -> u.startsWith("nodes-student-")).distinct().count() == 2);
            assertThat(RestartIT.entries(nodeB, "FAILED", "nodes-student-a")).as("no score failed for want of its platform")
                    .isEmpty();
        }
    }

    @Test
    @Order(2)
    void aRegradeRunsOnBothNodesAndNodeBFinishesItAfterNodeAIsKilledGradingEveryAnswerOnce() throws Exception {
        HttpResponse<byte[]> uploaded = DurableWorkIT.upload(nodeA, DurableWorkIT.zip(Map.of("pack.yaml", "id: " + PACK
                + "\ntitle: Nodes\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n    questions: [" + QUESTION + "]\n",
                "questions/q1.yaml", pack("a", 0))));
        assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isIn(200, 201);
        // Node B grades the pack uploaded through node A once its catalog poll has seen it.
        // (A pack's question count is its catalog's, which is per node.)
        Await.until("node B's catalog has the pack", 30, () -> DurableWorkIT.json(nodeB.send("GET", "/api/packs/" + PACK, null,
                null, TOKEN)).path("questions").asInt() == 1);
        String run = "n" + System.nanoTime() % 1_000_000 + "-";
        for (int i = 0; i < ANSWERS; i++) {
            LtiClient node = i % 2 == 0 ? nodeA : nodeB;
            HttpResponse<String> r = node.send("POST", "/api/questions/" + QUESTION + "/submissions", "application/json",
                    "{\"user\": \"" + run + i + "\", \"answer\": \"" + (i % 2 == 0 ? "a" : "b") + "\"}", TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        long assignment = DurableWorkIT.json(nodeA.send("GET", "/api/assignments?pack=" + PACK, null, null, TOKEN)).get(0)
                .path("id").asLong();
        String path = "/api/assignments/" + assignment + "/regrades";

        // Throughput with both nodes: "b" is right now, graded at once (saved through A; B's catalog hears of it). A first
        // regrade warms both JVMs up (and B's catalog): not measured.
        timedRegrade(path, "b", 0);
        double twoNodes = timedRegrade(path, "a", 0);

        // Now "a" is right again, and each answer takes 40 ms to grade: long enough to kill node A mid-way.
        configure("a", 40);
        HttpResponse<String> accepted = nodeA.send("POST", path, null, null, TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long regradeId = DurableWorkIT.json(accepted).path("executionId").asLong();
        String status = path + "/" + regradeId;
        long started = System.nanoTime();

        // Both nodes hold items, and some answers are done: then node A dies.
        try (Connection db = RestartIT.database(dir)) {
            Await.until("both nodes working on the regrade", 60, () -> holders(db, regradeId).size() == 2
                    && DurableWorkIT.regraded(nodeB, status) >= 40);
            JsonNode midway = DurableWorkIT.json(nodeB.send("GET", status, null, null, TOKEN));
            assertThat(midway.path("status").asText()).as("node B's view while it runs").isEqualTo("STARTED");
            assertThat(midway.path("toRegrade").asLong()).isEqualTo(ANSWERS);
            a.destroyForcibly().waitFor(); // SIGKILL: no shutdown, its claims stay until their lease lapses
            long killedAt = System.currentTimeMillis();
            long killed = System.nanoTime();
            Thread.sleep(LEASE_MILLIS / 2); // node B renews its claims meanwhile; A's stay as A last renewed them
            Map<Integer, String> orphaned = orphans(db, regradeId, killedAt + LEASE_MILLIS);
            assertThat(orphaned).as("items node A held when it died").isNotEmpty();
            Await.until("node A's items taken over by node B", 60, () -> takenOver(db, regradeId, orphaned));
            double takeover = (System.nanoTime() - killed) / 1e9;

            Await.until("the regrade to complete on node B", 120, () -> "COMPLETED".equals(DurableWorkIT.field(nodeB, status, "status")));
            double total = (System.nanoTime() - started) / 1e9;
            JsonNode done = DurableWorkIT.json(nodeB.send("GET", status, null, null, TOKEN));
            assertThat(done.path("regraded").asLong()).as("every answer counted once").isEqualTo(ANSWERS);
            assertThat(done.path("toRegrade").asLong()).isEqualTo(ANSWERS);
            assertThat(done.path("runs").asInt()).as("both nodes worked on it").isEqualTo(2);

            Map<Long, Integer> gradesOfTheRegrade = new HashMap<>();
            int rightNow = 0;
            try (PreparedStatement q = db.prepareStatement("SELECT s.id, COUNT(g.id), MAX(g.score) FROM submission s"
                    + " LEFT JOIN grade g ON g.submission_id = s.id AND g.regrade_id = ? JOIN app_user u ON u.id = s.user_id"
                    + " WHERE s.question_id = ? AND u.platform_user_id LIKE ? GROUP BY s.id")) {
                q.setLong(1, regradeId);
                q.setString(2, QUESTION);
                q.setString(3, "%" + run + "%");
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        gradesOfTheRegrade.put(r.getLong(1), r.getInt(2));
                        rightNow += r.getDouble(3) == 1.0 ? 1 : 0;
                    }
                }
            }
            assertThat(gradesOfTheRegrade).hasSize(ANSWERS);
            assertThat(gradesOfTheRegrade.values()).as("each answer has exactly one grade of regrade %d", regradeId)
                    .allMatch(n -> n == 1);
            assertThat(rightNow).as("graded with the configuration saved through node A: the \"a\" answers are right")
                    .isEqualTo(ANSWERS / 2);
            try (PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM regrade_item WHERE regrade_id = ? AND done = FALSE")) {
                q.setLong(1, regradeId);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    assertThat(r.getLong(1)).as("every item done").isZero();
                }
            }
            // Throughput with node B alone, the same work as with both nodes above.
            double oneNode = timedRegrade(path, "b", 0);
            oneNode = Math.min(oneNode, timedRegrade(path, "a", 0));
            System.out.printf("regrade across nodes: %d answers, node A killed mid-way; its %d items taken over %.1f s after the"
                    + " kill (lease %d ms, regrade poll 200 ms); that regrade (40 ms an answer) completed in %.1f s%n", ANSWERS,
                    orphaned.size(), takeover, LEASE_MILLIS, total);
            System.out.printf("regrade throughput, %d answers graded at once (it-slow, delay 0), 2 workers a node, both nodes"
                    + " on this machine's shared cores: 2 nodes %.0f answers/s, 1 node %.0f answers/s%n", ANSWERS,
                    ANSWERS / twoNodes, ANSWERS / oneNode);
        }
    }

    /** Node A while it lives, then node B. */
    LtiClient live() {
        return a.isAlive() ? nodeA : nodeB;
    }

    /** Saves a configuration through the live node (node A's saves reach node B's catalog through its poll). */
    void configure(String expected, int delayMillis) throws Exception {
        HttpResponse<String> edit = live().send("PUT", "/api/questions/" + QUESTION + "/config", "application/json",
                "{\"config\": {\"expected\": \"" + expected + "\", \"delayMillis\": " + delayMillis + "}, \"reason\": \""
                        + expected + " is right\"}", TOKEN);
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
    }

    /** Changes the key, regrades every answer through node A, and waits for it on node B; the seconds it took. */
    double timedRegrade(String path, String expected, int delayMillis) throws Exception {
        configure(expected, delayMillis);
        long started = System.nanoTime();
        HttpResponse<String> accepted = live().send("POST", path, null, null, TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = path + "/" + DurableWorkIT.json(accepted).path("executionId").asLong();
        Await.until("the regrade to complete", 180, () -> "COMPLETED".equals(DurableWorkIT.field(nodeB, status, "status")));
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode done = DurableWorkIT.json(nodeB.send("GET", status, null, null, TOKEN));
        assertThat(done.path("regraded").asLong()).as("regraded, %s", done).isEqualTo(ANSWERS);
        assertThat(done.path("toRegrade").asLong()).as("toRegrade, %s", done).isEqualTo(ANSWERS);
        // Each answer exactly once by this regrade, and graded with the key just saved (half the answers say it).
        try (Connection db = RestartIT.database(dir); PreparedStatement q = db.prepareStatement("SELECT COUNT(*),"
                + " COUNT(DISTINCT submission_id), COALESCE(SUM(CASE WHEN score = 1.0 THEN 1 ELSE 0 END), 0) FROM grade WHERE regrade_id = ?")) {
            q.setLong(1, done.path("executionId").asLong());
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).as("grades of the regrade").isEqualTo(ANSWERS);
                assertThat(r.getLong(2)).as("answers it graded, each once").isEqualTo(ANSWERS);
                assertThat(r.getLong(3)).as("right with the key \"%s\"", expected).isEqualTo(ANSWERS / 2);
            }
        }
        return seconds;
    }

    /** The processes holding items of the regrade now (not done, lease not lapsed). */
    static Set<String> holders(Connection db, long regradeId) throws Exception {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement q = db.prepareStatement("SELECT DISTINCT claimed_by FROM regrade_item WHERE regrade_id = ?"
                + " AND done = FALSE AND claimed_by IS NOT NULL AND claimed_until_ms > ?")) {
            q.setLong(1, regradeId);
            q.setLong(2, System.currentTimeMillis());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** Items held and not renewed since {@code until - lease}: the dead node's, by seq, with their holder. */
    static Map<Integer, String> orphans(Connection db, long regradeId, long until) throws Exception {
        Map<Integer, String> out = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT seq, claimed_by FROM regrade_item WHERE regrade_id = ?"
                + " AND done = FALSE AND claimed_by IS NOT NULL AND claimed_until_ms <= ?")) {
            q.setLong(1, regradeId);
            q.setLong(2, until);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.put(r.getInt(1), r.getString(2));
                }
            }
        }
        return out;
    }

    /** Whether each of these items is done or held by another process than the one that held it. */
    static boolean takenOver(Connection db, long regradeId, Map<Integer, String> items) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT seq, claimed_by, done FROM regrade_item WHERE regrade_id = ?")) {
            q.setLong(1, regradeId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String was = items.get(r.getInt(1));
                    if (was != null && !r.getBoolean(3) && (r.getString(2) == null || r.getString(2).equals(was))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
