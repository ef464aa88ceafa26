package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' ToolKeys on one database (H2, the real schema), on a clock the test moves: a key rotated through one node
 * is published by the other within the key cache's time, and in a cluster signs only once every node publishes it, so an
 * LMS never meets a kid that the JWKS it fetched from another node lacks. On one node the new key signs at once.
 */
class ToolKeysAcrossNodesTest {
    JdbcDataSource ds;
    Instant now = Instant.parse("2026-12-02T10:00:00Z");

    ToolKeys node(Optional<Integer> activationSeconds, boolean cluster) {
        LtiSettings settings = new LtiSettings();
        settings.keyCacheSeconds = 30;
        settings.keyActivationSeconds = activationSeconds;
        settings.cluster = cluster;
        settings.keyOverlapDays = 7;
        ToolKeys k = new ToolKeys() {
        };
        k.dataSource = ds;
        k.settings = settings;
        k.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        k.init();
        k.start();
        return k;
    }

    static List<String> kids(ToolKeys k) {
        return k.jwks().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @BeforeEach
    void database() {
        ds = LtiSchemaMigrationTest.h2("toolkeys-" + System.nanoTime());
        LtiSchemaMigrationTest.startNow(ds);
    }

    @Test
    void inAClusterANewKeyIsPublishedEverywhereBeforeAnyNodeSignsWithIt() {
        ToolKeys a = node(Optional.empty(), true);
        ToolKeys b = node(Optional.empty(), true);
        String old = a.signingKey().getKeyID();
        assertThat(b.signingKey().getKeyID()).as("both nodes read the one stored key").isEqualTo(old);

        now = now.plusSeconds(5);
        String fresh = a.rotate();
        assertThat(kids(a)).containsExactlyInAnyOrder(old, fresh);
        assertThat(a.signingKey().getKeyID()).as("the rotating node keeps signing with the old key for now").isEqualTo(old);
        assertThat(kids(b)).as("the other node has not read the keys again yet").containsExactly(old);

        now = now.plusSeconds(29);
        assertThat(kids(b)).as("read again within the key cache's 30 s").containsExactlyInAnyOrder(old, fresh);
        assertThat(b.signingKey().getKeyID()).isEqualTo(old);
        assertThat(a.signingKey().getKeyID()).isEqualTo(old);

        now = now.plusSeconds(2); // 31 s after the rotation: every node has published the new key
        assertThat(a.signingKey().getKeyID()).isEqualTo(fresh);
        assertThat(b.signingKey().getKeyID()).isEqualTo(fresh);
        assertThat(kids(b)).as("the old key stays published for the overlap").contains(old);

        now = now.plus(Duration.ofDays(8));
        assertThat(kids(a)).as("after the overlap").containsExactly(fresh);
        assertThat(kids(b)).containsExactly(fresh);
    }

    @Test
    void onOneNodeTheNewKeySignsAtOnce() {
        ToolKeys single = node(Optional.empty(), false);
        String old = single.signingKey().getKeyID();
        now = now.plusSeconds(1);
        String fresh = single.rotate();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(single.signingKey().getKeyID()).isEqualTo(fresh);
        assertThat(kids(single)).containsExactlyInAnyOrder(old, fresh);
    }

    @Test
    void anExplicitActivationDelayHoldsOnOneNodeToo() {
        ToolKeys single = node(Optional.of(10), false);
        String old = single.signingKey().getKeyID();
        now = now.plusSeconds(100);
        String fresh = single.rotate();
        assertThat(single.signingKey().getKeyID()).isEqualTo(old);
        now = now.plusSeconds(10);
        assertThat(single.signingKey().getKeyID()).as("read again when the new key comes of age, not after 30 s")
                .isEqualTo(fresh);
    }

    @Test
    void theChoiceOfSigningKeySkipsKeysTooNewAndKeysRetired() {
        Instant t = Instant.parse("2026-12-02T10:00:00Z");
        ToolKeys.Stored newest = new ToolKeys.Stored("new", "{}", t.minusSeconds(10), null);
        ToolKeys.Stored previous = new ToolKeys.Stored("prev", "{}", t.minusSeconds(3600), t.plusSeconds(3600));
        ToolKeys.Stored gone = new ToolKeys.Stored("gone", "{}", t.minusSeconds(7200), t.minusSeconds(1));
        List<ToolKeys.Stored> stored = List.of(newest, previous, gone);
        assertThat(ToolKeys.signing(stored, t, Duration.ofSeconds(30)).kid()).isEqualTo("prev");
        assertThat(ToolKeys.signing(stored, t, Duration.ofSeconds(10)).kid()).isEqualTo("new");
        assertThat(ToolKeys.signing(stored, t, Duration.ZERO).kid()).isEqualTo("new");
        assertThat(ToolKeys.signing(List.of(newest), t, Duration.ofSeconds(30)).kid())
                .as("the only key signs however new (a first start)").isEqualTo("new");
        assertThat(ToolKeys.signing(List.of(newest, gone), t, Duration.ofSeconds(30)).kid())
                .as("never a key out of the JWKS").isEqualTo("new");
        ToolKeys.Stored young = new ToolKeys.Stored("young", "{}", t.minusSeconds(20), t.plusSeconds(3600));
        assertThat(ToolKeys.signing(List.of(newest, young), t, Duration.ofSeconds(30)).kid())
                .as("two rotations in a row: the one out longest").isEqualTo("young");
    }
}
