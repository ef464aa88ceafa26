package dev.assay.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.server.interfaces.web.FiniteNumbers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * LTI Dynamic Registration 1.0 (https://www.imsglobal.org/spec/lti-dr/v1p0), the tool's side: the LMS opens a one-time
 * registration URL ({@link RegistrationTokens}) with its {@code openid_configuration} and a {@code registration_token};
 * Assay reads the platform's OpenID configuration (bounded in time and size; its issuer must have the configuration
 * URL's origin, https unless on a loopback address), posts its client registration to the platform's
 * registration_endpoint with the registration token as bearer, and stores the platform from the answer the way the
 * manual registration does ({@link PlatformStore#register}). Every refusal is a page that says what to do.
 */
@ApplicationScoped
public class DynamicRegistration {
    private static final Logger LOG = Logger.getLogger(DynamicRegistration.class.getName());
    private static final ObjectMapper JSON = FiniteNumbers.REST_MAPPER;
    static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    /** An OpenID configuration or a registration answer is a few kilobytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final List<String> SCOPES = List.of(AgsDelivery.SCOPE_LINEITEM, AgsDelivery.SCOPE_SCORE,
            "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly", NrpsRosters.SCOPE);

    @Inject
    RegistrationTokens tokens;
    @Inject
    PlatformStore platforms;
    @Inject
    LtiSettings settings;

    private BoundedHttp http;

    @PostConstruct
    void init() {
        http = new BoundedHttp(settings.httpTimeout(), MAX_ANSWER_BYTES);
    }

    /** What the registration page says, and which LMS pages may show it (the LMS opens it in a frame or a window). */
    record Outcome(int status, String title, String message, boolean done, Set<String> framedBy) {
    }

    /** A refusal: what went wrong and what to do, as the page says it. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Registers the platform that opened the URL with {@code token}. */
    Outcome register(String token, String openidConfiguration, String registrationToken) {
        Set<String> framedBy = Origins.of(openidConfiguration).map(Set::of).orElse(Set.of());
        try {
            RegistrationTokens.Found found = tokens.find(token);
            switch (found.state()) {
                case UNKNOWN -> throw new Refused(404, "This registration URL is not one Assay gave out, or it was cut short. "
                        + "An Assay administrator can create a new one (POST /lti/admin/registrations) to paste in the LMS.");
                case USED -> throw new Refused(410, "This registration URL has been used already: each one registers one LMS "
                        + "once. An Assay administrator can create a new one (POST /lti/admin/registrations).");
                case EXPIRED -> throw new Refused(410, "This registration URL expired at " + found.expires() + ". An Assay "
                        + "administrator can create a new one (POST /lti/admin/registrations); each is valid for 24 hours.");
                case VALID -> {
                }
            }
            if (openidConfiguration == null || openidConfiguration.isBlank()) {
                throw new Refused(400, "This is Assay's registration URL for an LMS: paste it in your LMS, not in a browser. In "
                        + "Moodle 4.x: Site administration → Plugins → Activity modules → External tool → Manage tools → Tool URL "
                        + "→ Add LTI Advantage. (The LMS opens it with its openid_configuration.)");
            }
            checkUrl("The LMS's openid_configuration", openidConfiguration);
            JsonNode config = openidConfiguration(openidConfiguration);
            String issuer = config.path("issuer").asText("");
            checkUrl("The issuer in the LMS's OpenID configuration", issuer);
            if (!Origins.same(issuer, openidConfiguration)) {
                throw new Refused(400, "The LMS's OpenID configuration names the issuer " + issuer + ", which is not where the "
                        + "configuration came from (" + Origins.of(openidConfiguration).orElse(openidConfiguration) + "). Assay "
                        + "registers only an LMS that speaks for itself; check the LMS's site address (Moodle: wwwroot).");
            }
            framedBy = Origins.of(List.of(issuer, openidConfiguration));
            String authUrl = endpoint(config, "authorization_endpoint");
            String tokenUrl = endpoint(config, "token_endpoint");
            String jwksUrl = endpoint(config, "jwks_uri");
            String registrationUrl = endpoint(config, "registration_endpoint");
            if (!tokens.claim(token)) {
                throw new Refused(410, "This registration URL has just been used by another registration. An Assay "
                        + "administrator can create a new one (POST /lti/admin/registrations).");
            }
            boolean registered = false;
            try {
                JsonNode answer = postRegistration(registrationUrl, registrationToken, found.toolUrl());
                String clientId = answer.path("client_id").asText("");
                if (clientId.isBlank()) {
                    throw new Refused(502, "The LMS accepted the registration but gave no client_id. Register Assay by hand "
                            + "instead (README: LTI 1.3, Moodle).");
                }
                String deploymentId = answer.path(TOOL_CONFIGURATION).path("deployment_id").asText("");
                if (deploymentId.isBlank()) {
                    throw new Refused(502, "The LMS registered Assay as client " + clientId + " but gave no deployment id. Find "
                            + "it in the LMS (Moodle: Manage tools → Assay → View configuration details) and register it "
                            + "with POST /lti/admin/platforms (issuer " + issuer + ", clientId " + clientId + ").");
                }
                PlatformStore.Registration registration = new PlatformStore.Registration(issuer, clientId, authUrl, tokenUrl,
                        jwksUrl, null, List.of(deploymentId), found.toolUrl());
                if (!registration.problems().isEmpty()) {
                    throw new Refused(502, "The LMS's registration cannot be stored: " + String.join("; ",
                            registration.problems()) + ".");
                }
                Platform p = platforms.register(registration);
                tokens.registered(token, p.id());
                registered = true;
                LOG.info(() -> "LTI Dynamic Registration: " + issuer + " registered Assay as client " + clientId
                        + ", deployment " + deploymentId + " (platform " + p.id() + ")");
                return new Outcome(200, "Assay is registered", "Assay is registered with " + issuer + " as client " + clientId
                        + " (deployment " + deploymentId + "). Back in your LMS, finish there: in Moodle, activate the tool "
                        + "in Manage tools (a new tool waits as pending), then teachers can add Assay activities.",
                        true, framedBy);
            } finally {
                if (!registered) {
                    tokens.release(token);
                }
            }
        } catch (Refused e) {
            LOG.warning(() -> "LTI Dynamic Registration refused (" + e.status + "): " + e.getMessage());
            return new Outcome(e.status, "Assay could not be registered", e.getMessage(), false, framedBy);
        }
    }

    /** An absolute http(s) URL, https unless the host is a loopback address (trying it out on one machine). */
    static void checkUrl(String what, String url) throws Refused {
        Optional<String> problem = Origins.problem(url);
        if (problem.isPresent()) {
            throw new Refused(400, what + " " + problem.get() + ".");
        }
        URI u = URI.create(url);
        if (!u.getScheme().equalsIgnoreCase("https") && !ToolRoot.isLoopback(u.getHost())) {
            throw new Refused(400, what + " (" + url + ") is not https: Assay registers an LMS only over https (plain http "
                    + "only on this machine's loopback address).");
        }
    }

    private static String endpoint(JsonNode config, String field) throws Refused {
        String url = config.path(field).asText("");
        if (url.isBlank()) {
            throw new Refused(502, "The LMS's OpenID configuration has no " + field + ": it does not offer LTI Dynamic "
                    + "Registration as Assay needs it. Register Assay by hand instead (README: LTI 1.3).");
        }
        checkUrl("The LMS's " + field, url);
        return url;
    }

    private JsonNode openidConfiguration(String url) throws Refused {
        HttpResponse<String> res;
        try {
            res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(http.deadline()).header("Accept", "application/json")
                    .GET().build());
        } catch (IOException e) {
            throw new Refused(502, "Assay could not read the LMS's OpenID configuration at " + url + ": " + e.getMessage()
                    + ". Check that the Assay server can reach the LMS at that address, then open the registration URL again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "Interrupted while reading the LMS's OpenID configuration: try again.");
        }
        if (res.statusCode() != 200) {
            throw new Refused(502, "The LMS's OpenID configuration at " + url + " answered " + res.statusCode() + ": "
                    + PlatformServices.clip(res.body()) + ". Check the LMS, then open the registration URL again.");
        }
        try {
            JsonNode json = JSON.readTree(res.body());
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new Refused(502, "The LMS's OpenID configuration at " + url + " is not a JSON object (" + e.getMessage() + ").");
        }
    }

    private JsonNode postRegistration(String url, String registrationToken, String toolUrl) throws Refused {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(http.deadline())
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (registrationToken != null && !registrationToken.isBlank()) {
            r.header("Authorization", "Bearer " + registrationToken);
        }
        HttpResponse<String> res;
        try {
            res = http.send(r.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(clientRegistration(toolUrl))))
                    .build());
        } catch (IOException e) {
            throw new Refused(502, "Assay could not reach the LMS's registration endpoint " + url + ": " + e.getMessage()
                    + ". Open the registration URL again from the LMS.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "Interrupted while registering with the LMS: try again.");
        }
        if (res.statusCode() / 100 != 2) {
            throw new Refused(502, "The LMS refused the registration (" + res.statusCode() + ": "
                    + PlatformServices.clip(res.body()) + "). If its registration token expired, start the registration "
                    + "again in the LMS with the same Assay URL; it stays valid until it has registered an LMS.");
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new Refused(502, "The LMS's answer to the registration is not JSON (" + e.getMessage() + ").");
        }
    }

    /** Assay's client registration (LTI-DR §3.4): its endpoints under {@code toolUrl}, the services it uses, its messages. */
    static ObjectNode clientRegistration(String toolUrl) {
        String launch = toolUrl + "/lti/launch";
        ObjectNode r = JSON.createObjectNode();
        r.put("application_type", "web");
        r.putArray("response_types").add("id_token");
        r.putArray("grant_types").add("implicit").add("client_credentials");
        r.put("initiate_login_uri", toolUrl + "/lti/login");
        r.putArray("redirect_uris").add(launch);
        r.put("client_name", "Assay");
        r.put("jwks_uri", toolUrl + "/.well-known/jwks.json");
        r.put("token_endpoint_auth_method", "private_key_jwt");
        r.put("scope", String.join(" ", SCOPES));
        ObjectNode lti = r.putObject(TOOL_CONFIGURATION);
        lti.put("domain", URI.create(toolUrl).getRawAuthority());
        lti.put("target_link_uri", launch);
        lti.put("description", "Grading and feedback for mathematical and ML courses");
        lti.putArray("claims").add("iss").add("sub").add("name").add("given_name").add("family_name").add("email");
        var messages = lti.putArray("messages");
        messages.addObject().put("type", "LtiResourceLinkRequest").put("target_link_uri", launch);
        messages.addObject().put("type", "LtiDeepLinkingRequest").put("target_link_uri", launch).put("label", "Assay");
        return r;
    }
}
