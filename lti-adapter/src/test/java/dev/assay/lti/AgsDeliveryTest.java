package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assay.server.interfaces.web.FiniteNumbers;
import dev.assay.server.application.ports.ScoreDelivery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scores to a gradebook over real HTTP: what is sent, and what each answer of the LMS becomes. */
class AgsDeliveryTest {
    interface Answer {
        void answer(HttpExchange ex) throws IOException;
    }

    HttpServer lms;
    String root;
    volatile Answer scores;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final Map<Long, LinkStore.Link> linkTable = new ConcurrentHashMap<>();
    final Map<Long, Platform> platformTable = new ConcurrentHashMap<>();
    AgsDelivery ags;

    @BeforeEach
    void start() throws Exception {
        lms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        root = "http://127.0.0.1:" + lms.getAddress().getPort();
        lms.createContext("/token", ex -> reply(ex, 200, "{\"access_token\": \"t-1\", \"expires_in\": 3600}"));
        lms.createContext("/lineitems", ex -> {
            received.add(FiniteNumbers.REST_MAPPER.readTree(ex.getRequestBody().readAllBytes()));
            scores.answer(ex);
        });
        lms.setExecutor(Executors.newCachedThreadPool());
        lms.start();
        platformTable.put(1L, new Platform(1, root, "client-1", root + "/auth", root + "/token", root + "/jwks", "LMS", Set.of("d"), null));
        platformTable.put(2L, new Platform(2, "http://other", "client-2", root + "/auth", root + "/token", root + "/jwks", "LMS 2",
                Set.of("d"), null));
        linkTable.put(10L, link(10, 1));
        linkTable.put(11L, link(11, 1));
        linkTable.put(20L, link(20, 2));
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        ags = new AgsDelivery();
        ags.links = new LinkStore() {
            @Override
            public Optional<Link> byId(long id) {
                return Optional.ofNullable(linkTable.get(id));
            }
        };
        ags.platforms = new PlatformStore() {
            @Override
            public Optional<Platform> byId(long id) {
                return Optional.ofNullable(platformTable.get(id));
            }
        };
        ags.services = new PlatformServices();
        ags.services.keys = new ToolKeys() {
            @Override
            public RSAKey signingKey() {
                return key;
            }
        };
        ags.services.settings = new LtiSettings();
        ags.services.settings.httpTimeoutSeconds = 2;
        ags.services.init();
    }

    LinkStore.Link link(long id, long platform) {
        return new LinkStore.Link(id, platform, "d", "rl-" + id, "c", "HW", "hw7/hw7", root + "/lineitems/" + id + "/lineitem?type_id=3",
                null, AgsDelivery.SCOPE_SCORE, null);
    }

    @AfterEach
    void stop() {
        lms.stop(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    static ScoreDelivery.Score score(String target, String comment) {
        return new ScoreDelivery.Score(1, target, "lti/1/d/student-7", 2, 3, true, false,
                OffsetDateTime.parse("2026-12-01T10:00:05Z"), comment);
    }

    @Test
    void theCoresWordsAreSentAsAgsProgress() {
        for (boolean complete : new boolean[]{true, false}) {
            for (boolean awaiting : new boolean[]{true, false}) {
                ScoreDelivery.Score s = new ScoreDelivery.Score(1, "lti:1", "u", 1, 4, complete, awaiting,
                        OffsetDateTime.parse("2026-12-01T10:00:05Z"), null);
                assertThat(AgsDelivery.activityProgress(s)).isEqualTo(complete ? "Completed" : "InProgress");
                assertThat(AgsDelivery.gradingProgress(s)).isEqualTo(awaiting ? "PendingManual" : "FullyGraded");
            }
        }
    }

    @Test
    void moodlesRefusalOfANotLaterTimestampIsNotLaterWithTheLmsMessage() {
        scores = ex -> reply(ex, 409, "Refusing score with an earlier timestamp for item 7 and user 3");
        ScoreDelivery.Outcome o = ags.deliver(score("lti:10", null));
        assertThat(o).isInstanceOf(ScoreDelivery.NotLater.class);
        assertThat(((ScoreDelivery.NotLater) o).why()).contains("409").contains("Refusing score with an earlier timestamp");
        // What a real Moodle 4.5 sends: the message only in its status line, the body "[]".
        scores = ex -> reply(ex, 409, "[]");
        assertThat(ags.deliver(score("lti:10", null))).isInstanceOf(ScoreDelivery.NotLater.class);
    }

    @Test
    void theScoreCarriesTheTimestampAsGivenAndTheInstructorsComment() {
        scores = ex -> reply(ex, 204, "");
        assertThat(ags.deliver(score("lti:10", "Say **why** each change helped."))).isInstanceOf(ScoreDelivery.Delivered.class);
        assertThat(ags.deliver(score("lti:10", null))).isInstanceOf(ScoreDelivery.Delivered.class);
        JsonNode first = received.get(0);
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-12-01T10:00:05Z");
        assertThat(first.path("comment").asText()).isEqualTo("Say **why** each change helped.");
        assertThat(first.path("userId").asText()).isEqualTo("student-7");
        assertThat(first.path("scoreGiven").asDouble()).isEqualTo(2.0);
        assertThat(received.get(1).has("comment")).as("no comment, no field").isFalse();
    }

    @Test
    void otherAnswersKeepTheirMeaning() {
        scores = ex -> reply(ex, 503, "down");
        assertThat(ags.deliver(score("lti:10", null))).isInstanceOf(ScoreDelivery.Retry.class);
        scores = ex -> reply(ex, 400, "Incorrect score received");
        assertThat(ags.deliver(score("lti:10", null))).isInstanceOf(ScoreDelivery.Refused.class);
        assertThat(ags.deliver(score("lti:99", null))).isInstanceOf(ScoreDelivery.Refused.class);
    }

    @Test
    void aLinkWhosePlatformThisNodeDoesNotKnowIsARetryNotAFailure() {
        // Registered through another node, and not (yet) known here: the score is tried again, not FAILED for good.
        linkTable.put(30L, link(30, 3));
        ScoreDelivery.Outcome o = ags.deliver(score("lti:30", null));
        assertThat(o).isInstanceOf(ScoreDelivery.Retry.class);
        assertThat(((ScoreDelivery.Retry) o).why()).contains("not yet known to this node");
        platformTable.put(3L, new Platform(3, root, "client-3", root + "/auth", root + "/token", root + "/jwks", "LMS 3",
                java.util.Set.of("d"), null));
        scores = ex -> reply(ex, 204, "");
        assertThat(ags.deliver(score("lti:30", null))).as("once known").isInstanceOf(ScoreDelivery.Delivered.class);
    }

    @Test
    void eachPlatformIsALaneOfItsOwn() {
        assertThat(ags.lane("lti:10")).isEqualTo(ags.lane("lti:11"));
        assertThat(ags.lane("lti:20")).isNotEqualTo(ags.lane("lti:10"));
        assertThat(ags.lane("lti:99")).as("a link that is gone").isEqualTo("lti:99");
        assertThat(ags.lane("lti:x")).isEqualTo("lti:x");
    }

    @Test
    void anLmsThatDripsItsAnswerIsGivenUpOnAtTheDeadline() {
        // 1 byte every 300 ms of a 200-byte answer: a minute, though no single read waits long.
        scores = ex -> {
            ex.sendResponseHeaders(200, 200);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; i < 200; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (InterruptedException | IOException e) {
                return;
            }
            ex.close();
        };
        ScoreDelivery.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ags.deliver(score("lti:10", null)));
        assertThat(o).isInstanceOf(ScoreDelivery.Retry.class);
        assertThat(((ScoreDelivery.Retry) o).why()).contains("no complete answer within 2.0 s");
    }

    @Test
    void aJwksThatDripsFailsAtTheDeadline() {
        lms.createContext("/jwks", ex -> {
            ex.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 200; i++) {
                    ex.getResponseBody().write(' ');
                    ex.getResponseBody().flush();
                    Thread.sleep(300);
                }
            } catch (InterruptedException | IOException e) {
                return;
            }
            ex.close();
        });
        PlatformKeys keys = new PlatformKeys();
        keys.settings = ags.services.settings;
        Exception e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                keys.of(platformTable.get(1L)).get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder()
                        .keyID("k").build()), null);
                return null;
            } catch (com.nimbusds.jose.KeySourceException x) {
                return x;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e).hasStackTraceContaining("no complete answer within 2.0 s");
    }
}
