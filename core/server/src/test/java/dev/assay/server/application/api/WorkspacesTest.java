package dev.assay.server.application.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspacesTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** Workspaces over one assignment (7, questions p/q1 and p/q2), the key above, at {@code at}. */
    static Workspaces at(Instant at) {
        Workspaces w = new Workspaces();
        w.secrets = KEY::clone;
        w.assignments = new Assignments() {
            @Override
            public Assignment get(long id) {
                if (id != 7) {
                    throw dev.assay.server.application.AssayException.notFound("No assignment " + id + ".");
                }
                return new Assignment(7, "p", "a", "A", List.of("p/q1", "p/q2"));
            }
        };
        w.tokenTtl = "PT8H";
        w.clock = Clock.fixed(at, ZoneOffset.UTC);
        return w;
    }

    @Test
    void aGrantVerifiesToItsInstructorAssignmentAndTargetUntilItExpires() {
        WorkspaceGrant g = at(NOW).grant(7, Optional.of("course-1/link-9"), "prof.ada");

        assertThat(g.expires()).isEqualTo(NOW.plus(Duration.ofHours(8)));
        WorkspaceAccess a = at(NOW.plus(Duration.ofHours(7))).verify(g.token()).orElseThrow();
        assertThat(a.actor()).isEqualTo("prof.ada");
        assertThat(a.assignment()).isEqualTo(7);
        assertThat(a.target()).contains("course-1/link-9");
        assertThat(a.expires()).isEqualTo(g.expires());
        assertThat(at(NOW.plus(Duration.ofHours(8))).verify(g.token())).as("expired").isEmpty();
    }

    @Test
    void aShorterLifetimeIsKeptAndALongerOneIsCutToTheConfiguredTtl() {
        assertThat(at(NOW).grant(7, Optional.empty(), "x", Optional.of(Duration.ofMinutes(5))).expires())
                .isEqualTo(NOW.plusSeconds(300));
        assertThat(at(NOW).grant(7, Optional.empty(), "x", Optional.of(Duration.ofDays(30))).expires())
                .isEqualTo(NOW.plus(Duration.ofHours(8)));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrTamperedWithOrForAnotherAudienceIsRefused() throws Exception {
        Workspaces w = at(NOW);
        String good = w.grant(7, Optional.empty(), "prof.ada").token();
        String[] parts = good.split("\\.");

        String otherKey = sign("fedcba9876543210fedcba9876543210".getBytes(), claims("assay-workspace"));
        String otherAudience = sign(KEY, claims("assay-lti"));
        String swappedPayload = parts[0] + "." + otherKey.split("\\.")[1] + "." + parts[2];

        assertThat(w.verify(otherKey)).isEmpty();
        assertThat(w.verify(otherAudience)).isEmpty();
        assertThat(w.verify(swappedPayload)).isEmpty();
        assertThat(w.verify("not a token")).isEmpty();
        assertThat(w.verify(sign(KEY, claims("assay-workspace")))).as("the same claims with the right key").isPresent();
    }

    @Test
    void aGrantForAnAssignmentThatIsNotThereIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> at(NOW).grant(8, Optional.empty(), "x"))
                .hasMessageContaining("No assignment 8");
    }

    @Test
    void aTokenCoversItsAssignmentsQuestionsOnly() {
        Workspaces w = at(NOW);
        WorkspaceAccess a = new WorkspaceAccess("x", 7, Optional.empty(), NOW.plusSeconds(60));
        assertThat(w.covers(a, "p/q2")).isTrue();
        assertThat(w.covers(a, "p/q3")).isFalse();
        assertThat(w.covers(new WorkspaceAccess("x", 8, Optional.empty(), NOW), "p/q1")).isFalse();
    }

    private static JWTClaimsSet claims(String audience) {
        return new JWTClaimsSet.Builder().issuer("assay").audience(audience).subject("mallory")
                .expirationTime(Date.from(NOW.plusSeconds(600))).claim("assignment", 7L).build();
    }

    private static String sign(byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
