package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server killed between grading and delivering, while the LMS is down: after a restart on the same
 * database, the score still arrives, once. A score listed to be sent again at start (what schema V8 lists for the
 * reviews V6 put back in force) is sent at the next start, once. Runs the shipped WAR on Payara Micro as a process of its own
 * (twice), the way the launcher does, on the database the environment names (a fresh H2 file by default).
 */
class RestartIT {
    /** Each start gets a fresh Payara root, as the launcher's: a reused one would deploy the WAR a second time. */
    static Process start(int port, Path dir, String name) throws Exception {
        return start(port, dir, name, Map.of());
    }

    /** The same, with settings of its own (environment variables: a packs folder, a plugins folder…). */
    static Process start(int port, Path dir, String name, Map<String, String> settings) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nocluster", "--port", String.valueOf(port), "--rootdir", dir.resolve("payara-" + name).toString(),
                "--deploy", System.getProperty("assay.war", "target/assay.war"), "--contextroot", "/"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        Map<String, String> env = pb.environment();
        if (env.getOrDefault("ASSAY_DB_URL", "jdbc:h2").startsWith("jdbc:h2")) {
            env.put("ASSAY_DB_CLASS", "org.h2.jdbcx.JdbcDataSource");
            env.put("ASSAY_DB_URL", "jdbc:h2:file:" + dir.resolve("db/assay") + ";MODE=LEGACY;WRITE_DELAY=0");
            env.put("ASSAY_DB_USER", "sa");
            env.put("ASSAY_DB_PASSWORD", "sa");
        }
        env.putAll(settings);
        Process p = pb.start();
        try {
            Await.ready(p, port, () -> "see " + dir.resolve("server.log"));
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    /** The database the servers of {@link #start} use for {@code dir}: to look at, or set up, while none runs. */
    static Connection database(Path dir) throws Exception {
        String url = System.getenv().getOrDefault("ASSAY_DB_URL", "jdbc:h2");
        if (url.startsWith("jdbc:h2")) {
            return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/assay") + ";MODE=LEGACY", "sa", "sa");
        }
        return DriverManager.getConnection(url, System.getenv("ASSAY_DB_USER"), System.getenv("ASSAY_DB_PASSWORD"));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until no score of the user is waiting in the outbox (each sent, or given up); their newest delivered entry. */
    static JsonNode settled(LtiClient assay, String userSuffix) throws Exception {
        Await.until("the outbox to settle", 60, () -> entries(assay, "PENDING", userSuffix).isEmpty());
        List<JsonNode> delivered = entries(assay, "DELIVERED", userSuffix);
        assertThat(delivered).isNotEmpty();
        return delivered.get(0);
    }

    /** The outbox's entries in that state for users whose key ends so, newest first. */
    static List<JsonNode> entries(LtiClient assay, String state, String userSuffix) {
        try {
            List<JsonNode> out = new ArrayList<>();
            Json.json().readTree(assay.send("GET", "/api/outbox?limit=1000&state=" + state, null, null, ServerIT.TOKEN).body())
                    .forEach(e -> {
                        if (e.path("user").asText().endsWith(userSuffix)) {
                            out.add(e);
                        }
                    });
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aScoreGradedBeforeACrashArrivesAfterTheRestartAndOneListedToBeSentAgainIsSentOnce() throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "restart-it-" + System.nanoTime());
        Files.createDirectories(dir);
        int port = freePort();
        LtiClient assay = new LtiClient("http://127.0.0.1:" + port);
        Process first = start(port, dir, "first");
        try (TestPlatform lms = new TestPlatform(assay.root)) {
            try {
                assay.register(lms);
                lms.down.set(true);
                Map<String, Object> claims = Map.of(LtiClient.CUSTOM, Map.of("assignment", "hw7/hw7"), LtiClient.AGS,
                        Map.of("scope", List.of(LtiClient.SCORE_SCOPE), "lineitem", lms.lineitem(5)));
                String session = LtiClient.session(assay.launch(lms, "survivor", "link-r", List.of(LtiClient.LEARNER), claims).body());
                assertThat(assay.submit(session, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
                Await.until("a failed delivery attempt", 30, () -> lms.refusedWhileDown.get() >= 1);
            } finally {
                first.destroyForcibly().waitFor(); // a crash: no shutdown hooks, nothing flushed on the way out
            }
            assertThat(lms.scores).isEmpty();
            lms.down.set(false);
            Process second = start(port, dir, "second");
            JsonNode delivered;
            try {
                Await.until("the score after the restart", 60, () -> !lms.scores.isEmpty());
                delivered = settled(assay, "/survivor");
                assertThat(lms.scores).hasSize(1);
                JsonNode score = lms.scores.get(0);
                assertThat(score.path("userId").asText()).isEqualTo("survivor");
                assertThat(score.path("scoreGiven").asDouble()).isEqualTo(1.0);
                assertThat(delivered.path("user").asText()).endsWith("/deployment-1/survivor");
            } finally {
                second.destroy();
                second.waitFor();
            }

            // What V8 does for a (target, user) whose review V6 put back in force: list the pair to be sent again.
            try (Connection db = database(dir); PreparedStatement list = db.prepareStatement(
                    "insert into gradebook_resend (target, user_id) select ?, id from app_user where platform_user_id = ?")) {
                list.setString(1, delivered.path("target").asText());
                list.setString(2, delivered.path("user").asText());
                assertThat(list.executeUpdate()).isEqualTo(1);
            }
            Process third = start(port, dir, "third");
            try {
                Await.until("the score sent again at start", 60, () -> lms.scores.size() >= 2);
                settled(assay, "/survivor");
                assertThat(lms.scores).as("sent again once").hasSize(2);
                assertThat(lms.scores.get(1).path("userId").asText()).isEqualTo("survivor");
                assertThat(lms.scores.get(1).path("scoreGiven").asDouble()).isEqualTo(1.0);
            } finally {
                third.destroy();
                third.waitFor();
            }
            try (Connection db = database(dir); ResultSet left = db.createStatement().executeQuery(
                    "select count(*) from gradebook_resend")) {
                assertThat(left.next()).isTrue();
                assertThat(left.getLong(1)).as("nothing left to send at the next start").isZero();
            }
        }
    }
}
