package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** What Assay signs for an LMS (client assertions, deep-linking responses) verifies with the published key and its kid. */
class ToolKeysSignTest {
    @Test
    void aSignedJwtNamesTheCurrentKeyAndVerifiesWithItsPublicHalf() throws Exception {
        RSAKey current = new RSAKeyGenerator(2048).keyID("assay-current").generate();
        RSAKey other = new RSAKeyGenerator(2048).keyID("assay-other").generate();
        ToolKeys keys = new ToolKeys() {
            @Override
            public RSAKey signingKey() {
                return current;
            }
        };
        SignedJWT jwt = SignedJWT.parse(keys.sign(new JWTClaimsSet.Builder().issuer("client-1").claim("x", 1).build(), "a test"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("assay-current");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new RSASSAVerifier(current.toPublicJWK()))).isTrue();
        assertThat(jwt.verify(new RSASSAVerifier(other.toPublicJWK()))).isFalse();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("client-1");
    }

    @Test
    void theAgsClientAssertionIsSignedByTheToolsKeyForTheTokenEndpoint() throws Exception {
        RSAKey current = new RSAKeyGenerator(2048).keyID("k1").generate();
        PlatformServices ags = new PlatformServices();
        ags.keys = new ToolKeys() {
            @Override
            public RSAKey signingKey() {
                return current;
            }
        };
        Platform p = new Platform(1, "https://lms", "client-1", "https://lms/auth", "https://lms/token", "https://lms/jwks", "LMS",
                java.util.Set.of("d"), null);
        SignedJWT jwt = SignedJWT.parse(ags.assertion(p));
        assertThat(jwt.verify(new RSASSAVerifier(current.toPublicJWK()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://lms/token");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("client-1");
    }
}
