package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC login initiation without a container: where a login is sent, and each refusal with its code and platform. */
class LoginFlowTest {
    static final Platform MOODLE = new Platform(1, "https://moodle.example", "client-1", "https://moodle.example/auth?x=1",
            "https://moodle.example/token", "https://moodle.example/jwks", "Moodle", Set.of("d1"), null);
    static final URI FROM_ELSEWHERE = URI.create("https://assay.example/");

    LoginFlow flow;
    LtiSettings settings;

    @BeforeEach
    void setUp() {
        settings = new LtiSettings();
        settings.publicUrl = Optional.of("https://assay.example/");
        flow = new LoginFlow();
        flow.platforms = new PlatformStore() {
            @Override
            public Optional<Platform> find(String issuer, String clientId) {
                return issuer.equals(MOODLE.issuer()) && clientId.equals(MOODLE.clientId()) ? Optional.of(MOODLE) : Optional.empty();
            }

            @Override
            public List<Platform> byIssuer(String issuer) {
                return issuer.equals(MOODLE.issuer()) ? List.of(MOODLE) : List.of();
            }
        };
        flow.states = new LoginStates() {
            @Override
            public Issued issue(long platformId) {
                return new Issued("state-" + platformId, "nonce-" + platformId);
            }
        };
        flow.toolRoot = new ToolRoot();
        flow.toolRoot.settings = settings;
    }

    static Map<String, String> query(URI u) {
        Map<String, String> q = new HashMap<>();
        for (String pair : u.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    LaunchRejected refusal(String iss, String hint, String target, String clientId, String deployment, URI base) {
        try {
            flow.login(iss, hint, target, null, clientId, deployment, base);
        } catch (LaunchRejected e) {
            return e;
        }
        throw new AssertionError("the login was not refused");
    }

    @Test
    void aLoginGoesToThePlatformsAuthEndpointWithTheOidcParametersAndAFreshState() throws Exception {
        URI to = flow.login(MOODLE.issuer(), "user-7", "https://assay.example/lti/launch", "hint-9", "client-1", "d1",
                FROM_ELSEWHERE);
        assertThat(to.toString()).startsWith("https://moodle.example/auth?x=1&");
        assertThat(query(to)).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                .containsEntry("client_id", "client-1").containsEntry("redirect_uri", "https://assay.example/lti/launch")
                .containsEntry("login_hint", "user-7").containsEntry("lti_message_hint", "hint-9")
                .containsEntry("state", "state-1").containsEntry("nonce", "nonce-1");
    }

    @Test
    void withoutAClientIdTheIssuersOnlyRegistrationIsUsed() throws Exception {
        URI to = flow.login(MOODLE.issuer(), "u", "https://assay.example/lti/launch", null, null, null, FROM_ELSEWHERE);
        assertThat(query(to)).containsEntry("client_id", "client-1").doesNotContainKey("lti_message_hint");
    }

    @Test
    void eachWrongLoginIsRefusedWithItsCodeAndThePlatformOnceKnown() {
        String target = "https://assay.example/lti/launch";
        assertThat(refusal(" ", "u", target, "client-1", null, FROM_ELSEWHERE).code()).isEqualTo("LOGIN_NO_ISSUER");
        assertThat(refusal(MOODLE.issuer(), "", target, "client-1", null, FROM_ELSEWHERE).code()).isEqualTo("LOGIN_NO_HINT");
        assertThat(refusal(MOODLE.issuer(), "u", null, "client-1", null, FROM_ELSEWHERE).code()).isEqualTo("LOGIN_NO_TARGET");
        LaunchRejected unknown = refusal("https://other.example", "u", target, "client-1", null, FROM_ELSEWHERE);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(unknown.platform()).isEmpty();
        LaunchRejected deployment = refusal(MOODLE.issuer(), "u", target, "client-1", "d2", FROM_ELSEWHERE);
        assertThat(deployment.code()).isEqualTo("UNKNOWN_DEPLOYMENT");
        assertThat(deployment.platform()).contains(MOODLE);
        LaunchRejected foreign = refusal(MOODLE.issuer(), "u", "https://evil.example/lti/launch", "client-1", null, FROM_ELSEWHERE);
        assertThat(foreign.code()).isEqualTo("LOGIN_FOREIGN_TARGET");
        assertThat(foreign.getMessage()).contains("https://evil.example/lti/launch").contains("https://assay.example");
    }

    @Test
    void withoutAPublicUrlOnlyALoopbackRequestNamesWhereTheLaunchGoes() throws Exception {
        settings.publicUrl = Optional.empty();
        LaunchRejected noUrl = refusal(MOODLE.issuer(), "u", "https://assay.example/lti/launch", "client-1", null, FROM_ELSEWHERE);
        assertThat(noUrl.code()).isEqualTo("LOGIN_NO_TOOL_URL");
        assertThat(noUrl.getMessage()).contains("ASSAY_LTI_PUBLIC_URL");
        URI local = flow.login(MOODLE.issuer(), "u", "http://localhost:8080/lti/launch", null, "client-1", null,
                URI.create("http://localhost:8080/"));
        assertThat(query(local)).containsEntry("redirect_uri", "http://localhost:8080/lti/launch");
    }

    @Test
    void aPlatformsToolUrlStandsForThePublicUrlWithoutItsLaunchPath() {
        settings.publicUrl = Optional.empty();
        Platform withToolUrl = new Platform(2, "https://lms", "c", "a", "t", "j", "LMS", Set.of(), "https://assay.example/lti/launch/");
        assertThat(flow.toolRoot.of(withToolUrl, FROM_ELSEWHERE)).contains("https://assay.example");
    }
}
