package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launches of the 1EdTech certification suite's tool tests, as real RS256 id_tokens: every invalid
 * payload is refused with its own code, every valid one is accepted with what it says.
 */
class LaunchValidatorTest {
    static final String ISS = "https://lms.example.edu";
    static final String CLIENT = "assay-client";
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String NONCE = "nonce-1";
    static final Platform PLATFORM = new Platform(7, ISS, CLIENT, ISS + "/auth", ISS + "/token", ISS + "/jwks", "LMS",
            Set.of("deployment-1"), null);
    static RSAKey key;
    static RSAKey otherKey;
    static LaunchValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
        validator = new LaunchValidator((iss, client) -> iss.equals(ISS) && (client == null || client.equals(CLIENT))
                ? Optional.of(PLATFORM) : Optional.empty(),
                p -> new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    static Map<String, Object> valid() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISS);
        c.put("aud", CLIENT);
        c.put("sub", "user-42");
        c.put("iat", NOW.getEpochSecond() - 2);
        c.put("exp", NOW.getEpochSecond() + 58);
        c.put("nonce", NONCE);
        c.put("name", "Ada Lovelace");
        c.put("email", "ada@example.edu");
        c.put(LaunchValidator.LTI + "message_type", "LtiResourceLinkRequest");
        c.put(LaunchValidator.LTI + "version", "1.3.0");
        c.put(LaunchValidator.LTI + "deployment_id", "deployment-1");
        c.put(LaunchValidator.LTI + "target_link_uri", "https://assay.example.edu/lti/launch?assignment=hw7/hw7");
        c.put(LaunchValidator.LTI + "resource_link", Map.of("id", "link-1", "title", "Homework 7"));
        c.put(LaunchValidator.LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"));
        c.put(LaunchValidator.LTI + "context", Map.of("id", "course-1", "title", "Deep learning"));
        c.put(LaunchValidator.AGS, Map.of("scope", List.of(AgsDelivery.SCOPE_SCORE), "lineitem", ISS + "/lineitem/9?type_id=1"));
        return c;
    }

    static String sign(Map<String, Object> claims, RSAKey with, String kid) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        for (Map.Entry<String, Object> e : claims.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "iat", "exp" -> b.claim(e.getKey(), new Date(((Number) v).longValue() * 1000));
                default -> b.claim(e.getKey(), v);
            }
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), b.build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    static Arguments invalid(String name, String code, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, code, change, "platform-key-1", false);
    }

    static Stream<Arguments> invalidLaunches() {
        return Stream.of(
                Arguments.of("no kid", "NO_KID", (Consumer<Map<String, Object>>) c -> { }, null, false),
                Arguments.of("unknown kid", "UNKNOWN_KID", (Consumer<Map<String, Object>>) c -> { }, "rotated-away", false),
                Arguments.of("bad signature", "BAD_SIGNATURE", (Consumer<Map<String, Object>>) c -> { }, "platform-key-1", true),
                invalid("wrong LTI version", "WRONG_VERSION", c -> c.put(LaunchValidator.LTI + "version", "1.2.0")),
                invalid("no LTI version", "NO_VERSION", c -> c.remove(LaunchValidator.LTI + "version")),
                invalid("no message type", "NO_MESSAGE_TYPE", c -> c.remove(LaunchValidator.LTI + "message_type")),
                invalid("no role claim", "NO_ROLES", c -> c.remove(LaunchValidator.LTI + "roles")),
                invalid("no deployment id", "NO_DEPLOYMENT", c -> c.remove(LaunchValidator.LTI + "deployment_id")),
                invalid("unregistered deployment", "UNKNOWN_DEPLOYMENT", c -> c.put(LaunchValidator.LTI + "deployment_id", "other")),
                invalid("no resource link id", "NO_RESOURCE_LINK_ID", c -> c.put(LaunchValidator.LTI + "resource_link",
                        Map.of("title", "x"))),
                invalid("no sub", "NO_SUB", c -> c.remove("sub")),
                invalid("expired", "EXPIRED", c -> {
                    c.put("iat", NOW.getEpochSecond() - 120);
                    c.put("exp", NOW.getEpochSecond() - 60);
                }),
                invalid("issued in the future", "ISSUED_IN_FUTURE", c -> {
                    c.put("iat", NOW.getEpochSecond() + 60);
                    c.put("exp", NOW.getEpochSecond() + 120);
                }),
                invalid("another nonce (a replay)", "NONCE_MISMATCH", c -> c.put("nonce", "nonce-of-an-earlier-launch")),
                invalid("wrong audience", "WRONG_AUDIENCE", c -> c.put("aud", "someone-else")),
                invalid("several audiences, no azp", "NO_AZP", c -> c.put("aud", List.of(CLIENT, "other"))),
                invalid("unknown issuer", "UNKNOWN_ISSUER", c -> c.put("iss", "https://evil.example.com")),
                invalid("no target link uri", "NO_TARGET_LINK_URI", c -> c.remove(LaunchValidator.LTI + "target_link_uri")),
                invalid("another message type", "UNSUPPORTED_MESSAGE_TYPE",
                        c -> c.put(LaunchValidator.LTI + "message_type", "LtiSubmissionReviewRequest")),
                invalid("deep linking without a return URL", "NO_DEEP_LINK_RETURN_URL",
                        c -> c.put(LaunchValidator.LTI + "message_type", "LtiDeepLinkingRequest")),
                invalid("a sub longer than LTI allows", "SUB_TOO_LONG", c -> c.put("sub", "s".repeat(256))),
                invalid("deep linking back to javascript:", "BAD_DEEP_LINK_RETURN_URL", deepLinkBackTo("javascript:alert(1)")),
                invalid("deep linking back to data:", "BAD_DEEP_LINK_RETURN_URL", deepLinkBackTo("data:text/html,<b>x</b>")),
                invalid("deep linking back to a malformed URL", "BAD_DEEP_LINK_RETURN_URL", deepLinkBackTo("https://lms example/dl")),
                invalid("deep linking back to a URL with a user name", "BAD_DEEP_LINK_RETURN_URL",
                        deepLinkBackTo("https://x;script-src *@lms.example.edu/dl")),
                invalid("deep linking back to a relative URL", "BAD_DEEP_LINK_RETURN_URL", deepLinkBackTo("/mod/lti/contentitem_return.php")),
                invalid("deep linking back to a 3000-character URL", "BAD_DEEP_LINK_RETURN_URL",
                        deepLinkBackTo(ISS + "/dl?" + "x".repeat(3000))),
                invalid("deep linking for files only", "UNSUPPORTED_CONTENT_TYPE", c -> {
                    c.put(LaunchValidator.LTI + "message_type", "LtiDeepLinkingRequest");
                    c.put(LaunchValidator.DL + "deep_linking_settings", Map.of("deep_link_return_url", ISS + "/dl",
                            "accept_types", List.of("file")));
                }));
    }

    static Consumer<Map<String, Object>> deepLinkBackTo(String returnUrl) {
        return c -> {
            c.put(LaunchValidator.LTI + "message_type", "LtiDeepLinkingRequest");
            c.put(LaunchValidator.DL + "deep_linking_settings", Map.of("deep_link_return_url", returnUrl,
                    "accept_types", List.of("ltiResourceLink")));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLaunches")
    void invalidLaunchesAreRefusedWithTheirReason(String name, String code, Consumer<Map<String, Object>> change, String kid,
                                                  boolean forged) throws Exception {
        Map<String, Object> c = valid();
        change.accept(c);
        String token = sign(c, forged ? otherKey : key, kid);
        assertThatThrownBy(() -> validator.validate(token, NONCE, PLATFORM.id())).isInstanceOf(LaunchRejected.class)
                .satisfies(e -> assertThat(((LaunchRejected) e).code()).isEqualTo(code))
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    static Stream<Arguments> validLaunches() {
        String lti = LaunchValidator.LTI;
        return Stream.of(
                Arguments.of("learner", (Consumer<Map<String, Object>>) c -> { }, false, "Ada Lovelace"),
                Arguments.of("instructor", (Consumer<Map<String, Object>>) c -> c.put(lti + "roles",
                        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")), true, "Ada Lovelace"),
                Arguments.of("several roles", (Consumer<Map<String, Object>>) c -> c.put(lti + "roles", List.of(
                        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
                        "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor")), false, "Ada Lovelace"),
                Arguments.of("short role names", (Consumer<Map<String, Object>>) c -> c.put(lti + "roles",
                        List.of("Instructor", "Learner")), true, "Ada Lovelace"),
                Arguments.of("unknown roles", (Consumer<Map<String, Object>>) c -> c.put(lti + "roles",
                        List.of("http://example.edu/roles#Wizard")), false, "Ada Lovelace"),
                Arguments.of("no roles", (Consumer<Map<String, Object>>) c -> c.put(lti + "roles", List.of()), false, "Ada Lovelace"),
                Arguments.of("email only", (Consumer<Map<String, Object>>) c -> c.remove("name"), false, "ada@example.edu"),
                Arguments.of("names only", (Consumer<Map<String, Object>>) c -> {
                    c.remove("name");
                    c.remove("email");
                    c.put("given_name", "Ada");
                    c.put("family_name", "Lovelace");
                }, false, "Ada Lovelace"),
                Arguments.of("no personal data", (Consumer<Map<String, Object>>) c -> {
                    c.remove("name");
                    c.remove("email");
                    c.remove(lti + "context");
                }, false, "Student"),
                Arguments.of("audience array with azp", (Consumer<Map<String, Object>>) c -> {
                    c.put("aud", List.of("other", CLIENT));
                    c.put("azp", CLIENT);
                }, false, "Ada Lovelace"),
                Arguments.of("within the clock leeway", (Consumer<Map<String, Object>>) c -> {
                    c.put("iat", NOW.getEpochSecond() + 3);
                    c.put("exp", NOW.getEpochSecond() - 3);
                }, false, "Ada Lovelace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLaunches")
    void validLaunchesAreAccepted(String name, Consumer<Map<String, Object>> change, boolean teaches, String displayName)
            throws Exception {
        Map<String, Object> c = valid();
        change.accept(c);
        Launch l = validator.validate(sign(c, key, "platform-key-1"), NONCE, PLATFORM.id());
        assertThat(l.teaches()).isEqualTo(teaches);
        assertThat(l.displayName()).isEqualTo(displayName);
        assertThat(l.sub()).isEqualTo("user-42");
        assertThat(l.resourceLinkId()).isEqualTo("link-1");
        assertThat(l.deploymentId()).isEqualTo("deployment-1");
        assertThat(l.assignmentAsked()).contains("hw7/hw7");
        assertThat(l.lineitem()).contains(ISS + "/lineitem/9?type_id=1");
        assertThat(l.userKey()).isEqualTo("lti/7/deployment-1/user-42");
        assertThat(Launch.subOf(l.userKey())).isEqualTo("user-42");
    }

    @org.junit.jupiter.api.Test
    void theCustomParameterWinsOverTheTargetLinkQuery() throws Exception {
        Map<String, Object> c = valid();
        c.put(LaunchValidator.LTI + "custom", Map.of("assignment", "hw7"));
        assertThat(validator.validate(sign(c, key, "platform-key-1"), NONCE, 7).assignmentAsked()).contains("hw7");
        c.put(LaunchValidator.LTI + "custom", Map.of("assignment", "$Canvas.unsubstituted"));
        assertThat(validator.validate(sign(c, key, "platform-key-1"), NONCE, 7).assignmentAsked()).contains("hw7/hw7");
    }

    @org.junit.jupiter.api.Test
    void aDeepLinkingRequestNeedsNoResourceLinkAndCarriesItsReturnUrlAndData() throws Exception {
        Map<String, Object> c = valid();
        c.put(LaunchValidator.LTI + "message_type", "LtiDeepLinkingRequest");
        c.remove(LaunchValidator.LTI + "resource_link");
        c.put(LaunchValidator.DL + "deep_linking_settings", Map.of("deep_link_return_url", ISS + "/dl/return",
                "accept_types", List.of("link", "ltiResourceLink"), "data", "csrf-opaque-1"));
        Launch l = validator.validate(sign(c, key, "platform-key-1"), NONCE, 7);
        assertThat(l.deepLinking()).hasValueSatisfying(d -> {
            assertThat(d.returnUrl()).isEqualTo(ISS + "/dl/return");
            assertThat(d.data()).contains("csrf-opaque-1");
        });
        assertThat(validator.validate(sign(valid(), key, "platform-key-1"), NONCE, 7).deepLinking()).isEmpty();
        assertThat(Origins.of(l.platformPages())).as("who may frame the chooser").containsExactly(ISS);
    }

    @org.junit.jupiter.api.Test
    void theLmsPagesThatMayFrameALaunchIncludeTheReturnPageItNames() throws Exception {
        Map<String, Object> c = valid();
        c.put(LaunchValidator.LTI + "launch_presentation", Map.of("document_target", "iframe",
                "return_url", "https://school.instructure.com/courses/1/external_content/success/external_tool_redirect"));
        Launch l = validator.validate(sign(c, key, "platform-key-1"), NONCE, 7);
        assertThat(Origins.of(l.platformPages())).containsExactly(ISS, "https://school.instructure.com");
        c.put(LaunchValidator.LTI + "launch_presentation", Map.of("return_url", "javascript:alert(1)"));
        assertThat(Origins.of(validator.validate(sign(c, key, "platform-key-1"), NONCE, 7).platformPages())).containsExactly(ISS);
    }

    @org.junit.jupiter.api.Test
    void aMalformedTokenIsRefused() {
        assertThatThrownBy(() -> validator.validate("not.a.jwt", NONCE, 7)).isInstanceOf(LaunchRejected.class)
                .hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> validator.validate("", NONCE, 7)).hasMessageContaining("no id_token");
        assertThatThrownBy(() -> validator.validate("a".repeat(70_000) + ".b.c", NONCE, 7))
                .satisfies(e -> assertThat(((LaunchRejected) e).code()).isEqualTo("TOKEN_TOO_LARGE"));
    }

    @org.junit.jupiter.api.Test
    void scoresGoAfterTheLineItemPathWithItsQueryKept() {
        assertThat(AgsDelivery.scoresUrl("https://moodle.example.edu/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1"))
                .isEqualTo("https://moodle.example.edu/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1");
        assertThat(AgsDelivery.scoresUrl("https://canvas.example.edu/api/lti/courses/1/line_items/5/"))
                .isEqualTo("https://canvas.example.edu/api/lti/courses/1/line_items/5/scores");
    }
}
