package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LTI Dynamic Registration against the shipped WAR and the test platform over real HTTP: an admin creates a one-time
 * URL, the platform opens it, Assay reads the platform's OpenID configuration, registers itself, stores the platform, and
 * a launch from it works; a used URL and every other refusal is a page saying what to do.
 */
class DynamicRegistrationIT extends AgainstTheWar {
    String root() {
        return base.toString().replaceAll("/$", "");
    }

    LtiClient client() {
        return new LtiClient(root());
    }

    /** A new one-time registration URL, as the admin gets it. */
    String registrationUrl() throws Exception {
        HttpResponse<String> r = client().send("POST", "/lti/admin/registrations", null, null, ServerIT.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode json = Json.json().readTree(r.body());
        assertThat(Instant.parse(json.path("expires").asText())).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
        return json.path("url").asText();
    }

    /** What the LMS's browser does with the URL: opens it with the platform's parameters. */
    HttpResponse<String> open(String url) throws Exception {
        return client().send("GET", url, null, null, null);
    }

    /**
     * The registration of this test platform: its issuer and client id. The issuer alone is not enough: the system tests
     * share one database, a test platform's issuer is its loopback address, and a port an earlier test's platform had
     * can come round again (CI's H2 run met another registration of the same issuer with another client id).
     */
    JsonNode registered(TestPlatform p) throws Exception {
        for (JsonNode pl : Json.json().readTree(client().send("GET", "/lti/admin/platforms", null, null, ServerIT.TOKEN).body())) {
            if (pl.path("issuer").asText().equals(p.issuer) && pl.path("clientId").asText().equals(p.clientId)) {
                return pl;
            }
        }
        return null;
    }

    @Test
    void anLmsRegistersWithOneUrlThenItsLaunchesWorkAndTheUrlCannotBeUsedAgain() throws Exception {
        assertThat(client().send("POST", "/lti/admin/registrations", null, null, "not-the-admin").statusCode()).isEqualTo(401);
        String url = registrationUrl();
        assertThat(url).startsWith(root() + "/lti/register?token=");

        try (TestPlatform p = new TestPlatform(root())) {
            HttpResponse<String> page = open(p.registrationLaunch(url));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("Assay is registered").contains(p.clientId).contains(p.deploymentId)
                    .contains("/lti-static/registered.js");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as("the LMS may show it in its frame").contains("frame-ancestors " + p.issuer);
            assertThat(p.refusedRegistrations).isEmpty();
            assertThat(p.registrations).hasSize(1);
            JsonNode sent = p.registrations.get(0);
            assertThat(sent.path("initiate_login_uri").asText()).isEqualTo(root() + "/lti/login");
            assertThat(sent.path("redirect_uris").get(0).asText()).isEqualTo(root() + "/lti/launch");
            assertThat(sent.path("jwks_uri").asText()).isEqualTo(root() + "/.well-known/jwks.json");
            assertThat(sent.path("scope").asText()).contains("lti-ags/scope/lineitem").contains("result.readonly");

            JsonNode platform = registered(p);
            assertThat(platform).as("stored as a manual registration is").isNotNull();
            assertThat(platform.path("clientId").asText()).isEqualTo(p.clientId);
            assertThat(platform.path("deployments").toString()).contains(p.deploymentId);
            assertThat(platform.path("tokenUrl").asText()).isEqualTo(p.issuer + "/token");
            assertThat(platform.path("toolUrl").asText()).isEqualTo(root());

            HttpResponse<String> launch = client().launch(p, "dr-student", "dr-link", List.of(LtiClient.LEARNER),
                    Map.of(LtiClient.CUSTOM, Map.of("assignment", "hw7/hw7")));
            assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
            assertThat(launch.body()).contains("data-question=\"hw7/3bi-grad-w2\"");

            HttpResponse<String> again = open(p.registrationLaunch(url));
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).contains("used already").contains("POST /lti/admin/registrations")
                    .doesNotContain("registered.js");
            assertThat(p.registrations).as("the platform was not asked again").hasSize(1);
        }
    }

    @Test
    void everyRefusalIsAPageThatSaysWhatToDoAndLeavesTheUrlUsable() throws Exception {
        String url = registrationUrl();
        assertThat(open(url.replaceAll("token=.*", "token=forged")).body()).contains("not one Assay gave out");
        HttpResponse<String> inBrowser = open(url);
        assertThat(inBrowser.statusCode()).isEqualTo(400);
        assertThat(inBrowser.body()).contains("paste it in your LMS");

        try (TestPlatform p = new TestPlatform(root())) {
            // The issuer in the configuration is not where the configuration came from.
            p.issuerInConfiguration = "http://127.0.0.2:9";
            HttpResponse<String> lying = open(p.registrationLaunch(url));
            assertThat(lying.statusCode()).isEqualTo(400);
            assertThat(lying.body()).contains("not where the configuration came from");
            assertThat(p.registrations).isEmpty();
            p.issuerInConfiguration = p.issuer;

            // The platform refuses the registration (its registration token does not match).
            String wrongToken = p.registrationLaunch(url).replace(p.registrationToken, "stale");
            HttpResponse<String> refused = open(wrongToken);
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(refused.body()).contains("The LMS refused the registration (401");
            assertThat(p.refusedRegistrations).containsExactly("registration token");
            assertThat(registered(p)).isNull();

            // The URL is still good: the same platform registers with it.
            HttpResponse<String> done = open(p.registrationLaunch(url));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(registered(p)).isNotNull();
        }

        // An LMS that cannot be reached.
        String another = registrationUrl();
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpResponse<String> unreachable = open(another + "&openid_configuration=http://127.0.0.1:" + closedPort
                + "/.well-known/openid-configuration&registration_token=x");
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("could not read the LMS").contains("Check that the Assay server can reach");
        // Plain http to an LMS elsewhere than on this machine is refused before anything is fetched.
        HttpResponse<String> plain = open(another + "&openid_configuration=http://lms.example.edu/.well-known/openid-configuration");
        assertThat(plain.body()).contains("is not https");
    }
}
