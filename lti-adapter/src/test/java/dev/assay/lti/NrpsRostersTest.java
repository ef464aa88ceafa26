package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assay.server.application.ports.CourseRosters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The class list over real HTTP from a small LMS: which members are students, and how far the pages are followed. */
class NrpsRostersTest {
    HttpServer lms;
    String root;
    /** Where each page's Link header points: the next page of the same LMS, unless a test says otherwise. */
    volatile String nextBase;
    final AtomicInteger pagesServed = new AtomicInteger();
    /** How long each page takes to come. */
    volatile long pageMillis;
    NrpsRosters rosters;

    @BeforeEach
    void start() throws Exception {
        lms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        root = "http://127.0.0.1:" + lms.getAddress().getPort();
        nextBase = root;
        lms.createContext("/token", ex -> reply(ex, 200, "{\"access_token\": \"t-1\", \"expires_in\": 3600}"));
        // Every page lists one learner, one instructor and one inactive learner, and points to the next page: endless.
        lms.createContext("/members", ex -> {
            int page = Integer.parseInt(ex.getRequestURI().getQuery().replace("page=", ""));
            pagesServed.incrementAndGet();
            try {
                Thread.sleep(pageMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.getResponseHeaders().add("Link", "<" + nextBase + "/members?page=" + (page + 1) + ">; rel=\"next\"");
            reply(ex, 200, "{\"members\": ["
                    + "{\"user_id\": \"s" + page + "\", \"name\": \"Student " + page + "\", \"roles\": "
                    + "[\"http://purl.imsglobal.org/vocab/lis/v2/membership#Learner\"]},"
                    + "{\"user_id\": \"t" + page + "\", \"roles\": [\"http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor\"]},"
                    + "{\"user_id\": \"x" + page + "\", \"status\": \"Inactive\", \"roles\": [\"Learner\"]}]}");
        });
        lms.setExecutor(Executors.newCachedThreadPool());
        lms.start();
        Platform platform = new Platform(1, root, "client-1", root + "/auth", root + "/token", root + "/jwks", "LMS", Set.of("d"), null);
        LinkStore.Link link = new LinkStore.Link(7, 1, "d", "rl", "c", "HW", "hw7/hw7", null, null, "", root + "/members?page=1");
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        rosters = new NrpsRosters();
        rosters.links = new LinkStore() {
            @Override
            public Optional<Link> byId(long id) {
                return id == 7 ? Optional.of(link) : Optional.empty();
            }
        };
        rosters.platforms = new PlatformStore() {
            @Override
            public Optional<Platform> byId(long id) {
                return id == 1 ? Optional.of(platform) : Optional.empty();
            }
        };
        rosters.settings = new LtiSettings();
        rosters.settings.httpTimeoutSeconds = 2;
        rosters.settings.rosterCacheSeconds = 300;
        rosters.services = new PlatformServices();
        rosters.services.keys = new ToolKeys() {
            @Override
            public RSAKey signingKey() {
                return key;
            }
        };
        rosters.services.settings = rosters.settings;
        rosters.services.init();
    }

    @AfterEach
    void stop() {
        lms.stop(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Test
    void anEndlessListIsReadToTheBoundAndSaysSoAndOnlyActiveLearnersAreStudents() {
        CourseRosters.Lookup lookup = rosters.roster("lti:7");

        assertThat(lookup).isInstanceOf(CourseRosters.Roster.class);
        CourseRosters.Roster r = (CourseRosters.Roster) lookup;
        assertThat(pagesServed.get()).isEqualTo(NrpsRosters.MAX_PAGES);
        assertThat(r.complete()).isFalse();
        assertThat(r.limitNote()).contains("at most " + NrpsRosters.MAX_PAGES + " pages");
        assertThat(r.students()).hasSize(NrpsRosters.MAX_PAGES).allMatch(m -> m.platformUserId().startsWith("s"));
        assertThat(r.students().get(0)).isEqualTo(new CourseRosters.Member("lti/1/d/s1", "s1", "Student 1", null));

        // Kept: asked again within the cache time, the LMS is not asked.
        assertThat(rosters.roster("lti:7")).isSameAs(lookup);
        assertThat(pagesServed.get()).isEqualTo(NrpsRosters.MAX_PAGES);
    }

    @Test
    void aNextPageOnAnotherOriginIsNotFollowedWithTheToolsToken() {
        nextBase = "http://127.0.0.2:" + lms.getAddress().getPort();

        CourseRosters.Roster r = (CourseRosters.Roster) rosters.roster("lti:7");

        assertThat(pagesServed.get()).isEqualTo(1);
        assertThat(r.students()).extracting(CourseRosters.Member::platformUserId).containsExactly("s1");
    }

    @Test
    void aLinkWithoutTheClaimOrAnUnknownLinkIsAReasonNotAnError() {
        assertThat(rosters.roster("lti:8")).isInstanceOf(CourseRosters.Unavailable.class);
        assertThat(rosters.roster("lti:x")).isInstanceOf(CourseRosters.Unavailable.class);
        lms.stop(0);
        assertThat(((CourseRosters.Unavailable) rosters.roster("lti:7")).reason()).contains("Try again in a few minutes");
    }

    @Test
    void aListThatComesSlowlyIsGivenUpAfterTheTimeoutNotAfterEveryPage() {
        rosters.settings.httpTimeoutSeconds = 1;
        pageMillis = 300;

        CourseRosters.Lookup lookup = rosters.roster("lti:7");

        assertThat(lookup).isInstanceOf(CourseRosters.Unavailable.class);
        assertThat(((CourseRosters.Unavailable) lookup).reason()).contains("did not give the whole list within 1 s")
                .contains("Try again in a few minutes");
        // 20 pages of 0.3 s would take 6 s; asking stops once the second has passed.
        assertThat(pagesServed.get()).as("pages asked for within the second, not all " + NrpsRosters.MAX_PAGES)
                .isBetween(1, NrpsRosters.MAX_PAGES / 2);
    }
}
