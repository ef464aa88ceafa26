package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' PlatformStores on one database (H2, the real schema): a platform registered through one is found by the
 * other at its first look (read again on a miss, at most once a second), and a change to a platform the other has
 * cached is seen once its cache is older than its age limit.
 */
class PlatformStoreAcrossNodesTest {
    JdbcDataSource ds;
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    PlatformStore nodeA;
    PlatformStore nodeB;

    PlatformStore node() {
        PlatformStore s = new PlatformStore();
        s.dataSource = ds;
        s.nanos = clock::get;
        s.cacheSeconds = 30;
        s.init();
        s.reload();
        return s;
    }

    static PlatformStore.Registration lms(String issuer, String... deployments) {
        return new PlatformStore.Registration(issuer, "client", issuer + "/auth", issuer + "/token", issuer + "/jwks", "LMS",
                List.of(deployments), null);
    }

    @BeforeEach
    void twoNodes() {
        ds = LtiSchemaMigrationTest.h2("platforms");
        LtiSchemaMigrationTest.startNow(ds);
        nodeA = node();
        nodeB = node();
    }

    @Test
    void aPlatformRegisteredThroughOneNodeIsFoundByTheOtherAtItsFirstLook() {
        Platform p = nodeA.register(lms("https://moodle.example.edu", "d1"));
        long before = nodeB.reloads();
        assertThat(nodeB.byId(p.id())).as("a score's delivery on B").isPresent();
        assertThat(nodeB.find("https://moodle.example.edu", "client")).as("a launch on B").isPresent();
        assertThat(nodeB.reloads() - before).as("one read of the registrations").isEqualTo(1);
    }

    @Test
    void unknownPlatformsReadTheRegistrationsAgainAtMostOnceASecond() {
        long before = nodeB.reloads();
        for (int i = 0; i < 50; i++) {
            assertThat(nodeB.find("https://nobody.example", "client-" + i)).isEmpty();
            assertThat(nodeB.byIssuer("https://nobody-" + i + ".example")).isEmpty();
            assertThat(nodeB.byId(1_000 + i)).isEmpty();
        }
        assertThat(nodeB.reloads() - before).isEqualTo(1);
        Platform p = nodeA.register(lms("https://canvas.example.edu", "d1"));
        assertThat(nodeB.byId(p.id())).as("within the second: not read again").isEmpty();
        clock.addAndGet(1_000_000_001L);
        assertThat(nodeB.byId(p.id())).as("a second later").isPresent();
        assertThat(nodeB.reloads() - before).isEqualTo(2);
    }

    @Test
    void aChangeMadeThroughAnotherNodeIsSeenOnceTheCacheIsOlderThanItsAgeLimit() {
        Platform p = nodeA.register(lms("https://moodle.example.edu", "d1"));
        assertThat(nodeB.byId(p.id()).orElseThrow().deployments()).containsExactly("d1");
        nodeA.register(lms("https://moodle.example.edu", "d2"));
        assertThat(nodeA.byId(p.id()).orElseThrow().deployments()).as("the node that made it, at once")
                .containsExactlyInAnyOrder("d1", "d2");
        clock.addAndGet(29_000_000_000L);
        assertThat(nodeB.byId(p.id()).orElseThrow().deployments()).as("B's cache is 29 s old").containsExactly("d1");
        clock.addAndGet(2_000_000_000L);
        assertThat(nodeB.byId(p.id()).orElseThrow().deployments()).as("31 s").containsExactlyInAnyOrder("d1", "d2");
    }

    @Test
    void requestsThatFindTheCacheStaleTogetherReadTheRegistrationsOnce() throws Exception {
        Platform p = nodeA.register(lms("https://moodle.example.edu", "d1"));
        assertThat(nodeB.byId(p.id())).isPresent();
        clock.addAndGet(31_000_000_000L);
        long before = nodeB.reloads();
        int threads = 16;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> found = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                found.add(pool.submit(() -> {
                    start.await();
                    return nodeB.byId(p.id()).isPresent();
                }));
            }
            for (var f : found) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(nodeB.reloads() - before).as("one read for %d requests at once", threads).isEqualTo(1);
    }
}
