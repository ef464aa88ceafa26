package dev.assay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assay.engine.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LTI 1.3 platform for tests, over real HTTP: it signs id_tokens with its own RSA key and serves its
 * JWKS, an OAuth2 token endpoint that verifies Assay's private_key_jwt assertion against Assay's published
 * JWKS, and AGS line items and scores (which it records). It can be taken down (503) and brought back. Like Moodle, it
 * refuses (409) a score whose timestamp is not later, in whole seconds, than the one it holds for that line item and
 * user; and it shows the tool in an iframe of its own page (/frame), for launches and for deep linking. Its course's
 * class list (NRPS, /memberships) comes in pages of {@link #membersPerPage}, to a token of the contextmembership scope,
 * which the token endpoint refuses while {@link #refuseNrpsScope} is set. For LTI Dynamic Registration it serves its
 * OpenID configuration and a registration endpoint that checks the bearer registration token and the tool's required
 * fields, and answers with its client id and deployment id.
 */
final class TestPlatform implements AutoCloseable {
    final String issuer;
    final String clientId = "assay-" + UUID.randomUUID().toString().substring(0, 8);
    final String deploymentId = "deployment-1";
    /** Assay, as this platform knows it: its base URL. */
    final String tool;
    private final HttpServer server;
    private volatile RSAKey key;
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger refusedWhileDown = new AtomicInteger();
    final List<JsonNode> scores = new CopyOnWriteArrayList<>();
    final List<String> scoreUrls = new CopyOnWriteArrayList<>();
    final List<JsonNode> lineitems = new CopyOnWriteArrayList<>();
    /** The gradebook: (line item path, userId) → the latest score it took. */
    final Map<String, JsonNode> gradebook = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger refusedNotLater = new AtomicInteger();
    /** Timestamps (epoch seconds) the gradebook holds from elsewhere (a teacher's edit in the LMS), by "path userId". */
    final Map<String, Long> heldTimestamps = new java.util.concurrent.ConcurrentHashMap<>();
    /** Deep-linking responses posted back to /deep-link-return, as their JWTs. */
    final List<String> deepLinkResponses = new CopyOnWriteArrayList<>();
    /** While set, score POSTs hang until it is released (a stalled LMS); then they are answered as usual. */
    volatile java.util.concurrent.CountDownLatch hangScores;
    /** While set, a score POST that hung is answered 503 when released, not recorded: lost with its sender (a killed node). */
    volatile boolean hungAreLost;
    final AtomicInteger scoresHanging = new AtomicInteger();
    private final Map<String, Instant> accessTokens = new java.util.concurrent.ConcurrentHashMap<>();
    /** The scope each access token was issued for. */
    private final Map<String, String> tokenScopes = new java.util.concurrent.ConcurrentHashMap<>();
    static final String NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    static final String NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    /** The course's members as NRPS lists them (user_id, roles, name, email, status). */
    final List<Map<String, Object>> members = new CopyOnWriteArrayList<>();
    volatile int membersPerPage = 4;
    /** While set, the token endpoint refuses the NRPS scope (400 invalid_scope), as Moodle with the service off. */
    final AtomicBoolean refuseNrpsScope = new AtomicBoolean();
    /** Requests for a page of the class list, answered or not. */
    final AtomicInteger membershipRequests = new AtomicInteger();
    /** The registration token this platform hands the tool with its OpenID configuration (Dynamic Registration). */
    final String registrationToken = "reg-" + UUID.randomUUID();
    /** The issuer its OpenID configuration names (a test may make it lie). */
    volatile String issuerInConfiguration;
    /** Client registrations it accepted, as posted. */
    final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    /** Client registrations it refused, with why. */
    final List<String> refusedRegistrations = new CopyOnWriteArrayList<>();

    TestPlatform(String toolBase) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("tp-" + UUID.randomUUID().toString().substring(0, 6)).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        issuerInConfiguration = issuer;
        tool = toolBase;
        server.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            reply(ex, 200, "application/json", new JWKSet(key.toPublicJWK()).toString(true));
        });
        server.createContext("/token", this::token);
        server.createContext("/lineitems", this::ags);
        server.createContext("/start", this::start);
        server.createContext("/auth", this::auth);
        server.createContext("/frame", this::frame);
        server.createContext("/deep-link-return", this::deepLinkReturn);
        server.createContext("/memberships", this::memberships);
        server.createContext("/.well-known/openid-configuration", this::openidConfiguration);
        server.createContext("/register", this::registerTool);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** A new signing key with a new kid, the old one gone from the JWKS: as a platform rotating its keys. */
    void rotateKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("tp-" + UUID.randomUUID().toString().substring(0, 6)).generate();
    }

    Map<String, Object> registration() {
        return Map.of("issuer", issuer, "clientId", clientId, "authUrl", issuer + "/auth", "tokenUrl", issuer + "/token",
                "jwksUrl", issuer + "/jwks", "name", "Test LMS", "deploymentIds", List.of(deploymentId), "toolUrl", tool);
    }

    String lineitem(int n) {
        return issuer + "/lineitems/" + n + "/lineitem?type_id=" + n;
    }

    /** A resource-link launch for the nonce, with these claims changed (a null value removes the claim). */
    String idToken(String nonce, String sub, String resourceLinkId, List<String> roles, Map<String, Object> changes) throws Exception {
        Instant now = Instant.now();
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        Map<String, Object> c = new HashMap<>();
        c.put("iss", issuer);
        c.put("aud", clientId);
        c.put("sub", sub);
        c.put("nonce", nonce);
        c.put("name", "Student " + sub);
        c.put(lti + "message_type", "LtiResourceLinkRequest");
        c.put(lti + "version", "1.3.0");
        c.put(lti + "deployment_id", deploymentId);
        c.put(lti + "target_link_uri", "http://tool.example/lti/launch");
        c.put(lti + "resource_link", Map.of("id", resourceLinkId, "title", "Homework 7"));
        c.put(lti + "roles", roles);
        c.put(lti + "context", Map.of("id", "course-1", "title", "Deep learning"));
        c.putAll(changes);
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
        c.forEach((k, v) -> {
            if (v != null) {
                b.claim(k, v);
            }
        });
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Who the browser flow launches as, and with what claims. */
    volatile String browserSub = "browser-student";
    volatile Map<String, Object> browserClaims = Map.of();

    /**
     * What the LMS does when a student clicks the activity: an auto-posted login initiation to the tool. With
     * {@code ?deep-link}, an instructor's "Select content" of a new activity instead (a deep-linking request).
     */
    private void start(HttpExchange ex) throws IOException {
        String login = tool + "/lti/login";
        String hint = "deep-link".equals(ex.getRequestURI().getQuery()) ? "deep-link" : "browser";
        reply(ex, 200, "text/html", "<!doctype html><html><body><form id=f method=post action=\"" + login + "\">"
                + hidden("iss", issuer) + hidden("login_hint", browserSub) + hidden("target_link_uri", tool + "/lti/launch")
                + hidden("lti_message_hint", hint) + hidden("client_id", clientId) + hidden("lti_deployment_id", deploymentId)
                + "</form><script>document.getElementById('f').submit()</script></body></html>");
    }

    /** The LMS's own page with the tool in an iframe, as Moodle's default launch container and its content dialog. */
    private void frame(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        reply(ex, 200, "text/html", "<!doctype html><html><head><title>Course page</title></head><body><h1>Course page</h1>"
                + "<iframe id=tool name=tool width=400 height=800 src=\"" + issuer + "/start" + (query == null ? "" : "?" + query)
                + "\"></iframe></body></html>");
    }

    /** Where a deep-linking response comes back (form-posted JWT), recorded; the page says what was added. */
    private void deepLinkReturn(HttpExchange ex) throws IOException {
        String jwt = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("JWT");
        if (jwt != null) {
            deepLinkResponses.add(jwt);
        }
        reply(ex, 200, "text/html", "<!doctype html><html><body><p id=added>Activity added</p></body></html>");
    }

    /** The platform's OIDC auth endpoint: the id_token for the login's nonce, auto-posted to redirect_uri with the state. */
    private void auth(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        try {
            String token;
            if ("deep-link".equals(q.get("lti_message_hint"))) {
                Map<String, Object> request = new HashMap<>();
                request.put("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingRequest");
                request.put("https://purl.imsglobal.org/spec/lti/claim/resource_link", null);
                request.put("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", Map.of("deep_link_return_url",
                        issuer + "/deep-link-return", "accept_types", List.of("ltiResourceLink"), "data", "browser-dl"));
                token = idToken(q.get("nonce"), q.get("login_hint"), "unused", List.of(
                        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"), request);
            } else {
                token = idToken(q.get("nonce"), q.get("login_hint"), "browser-link", List.of(
                        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"), browserClaims);
            }
            reply(ex, 200, "text/html", "<!doctype html><html><body><form id=f method=post action=\"" + q.get("redirect_uri") + "\">"
                    + hidden("id_token", token) + hidden("state", q.get("state"))
                    + "</form><script>document.getElementById('f').submit()</script></body></html>");
        } catch (Exception e) {
            reply(ex, 500, "text/plain", e.toString());
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=hidden name=\"" + name + "\" value=\"" + value.replace("&", "&amp;").replace("\"", "&quot;") + "\">";
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (down.get()) {
            refusedWhileDown.incrementAndGet();
            reply(ex, 503, "text/plain", "down for maintenance");
            return;
        }
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            JWKSet toolKeys = JWKSet.load(URI.create(tool + "/.well-known/jwks.json").toURL());
            RSAKey toolKey = (RSAKey) toolKeys.getKeyByKeyId(assertion.getHeader().getKeyID());
            JWTClaimsSet c = assertion.getJWTClaimsSet();
            boolean ok = "client_credentials".equals(form.get("grant_type")) && toolKey != null
                    && assertion.verify(new RSASSAVerifier(toolKey)) && clientId.equals(c.getIssuer())
                    && clientId.equals(c.getSubject()) && c.getAudience().contains(issuer + "/token")
                    && c.getExpirationTime().after(new Date());
            if (!ok) {
                reply(ex, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
        } catch (Exception e) {
            reply(ex, 400, "application/json", "{\"error\":\"invalid_request\"}");
            return;
        }
        if (refuseNrpsScope.get() && form.getOrDefault("scope", "").contains(NRPS_SCOPE)) {
            reply(ex, 400, "application/json", "{\"error\":\"invalid_scope\"}");
            return;
        }
        String token = UUID.randomUUID().toString();
        accessTokens.put(token, Instant.now().plusSeconds(3600));
        tokenScopes.put(token, form.getOrDefault("scope", ""));
        tokensIssued.incrementAndGet();
        reply(ex, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"" + form.getOrDefault("scope", "") + "\"}");
    }

    private void ags(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (down.get()) {
            refusedWhileDown.incrementAndGet();
            reply(ex, 503, "text/plain", "down for maintenance");
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !accessTokens.containsKey(auth.replace("Bearer ", ""))) {
            reply(ex, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.endsWith("/scores") && ex.getRequestMethod().equals("POST")) {
            if (!"application/vnd.ims.lis.v1.score+json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                reply(ex, 415, "text/plain", "score+json expected");
                return;
            }
            java.util.concurrent.CountDownLatch hang = hangScores;
            if (hang != null) {
                scoresHanging.incrementAndGet();
                try {
                    hang.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (hungAreLost) {
                    reply(ex, 503, "text/plain", "lost while hanging");
                    return;
                }
            }
            JsonNode score = Json.json().readTree(body);
            String key = path + " " + score.path("userId").asText();
            long at = java.time.OffsetDateTime.parse(score.path("timestamp").asText()).toEpochSecond();
            synchronized (gradebook) {
                JsonNode held = gradebook.get(key);
                long heldAt = Math.max(held == null ? Long.MIN_VALUE
                        : java.time.OffsetDateTime.parse(held.path("timestamp").asText()).toEpochSecond(),
                        heldTimestamps.getOrDefault(key, Long.MIN_VALUE));
                if (heldAt >= at) {
                    // Moodle 4.5, mod/lti/service/gradebookservices/.../scores.php: its grade's timemodified is whole seconds.
                    // A real Moodle answers this 409 with the body "[]" (its message is only in the status line).
                    refusedNotLater.incrementAndGet();
                    reply(ex, 409, "application/json", "[]");
                    return;
                }
                gradebook.put(key, score);
                scores.add(score);
                scoreUrls.add(ex.getRequestURI().toString());
            }
            reply(ex, 204, "text/plain", "");
        } else if (path.equals("/lineitems") && ex.getRequestMethod().equals("GET")) {
            String link = form(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery()).get("resource_link_id");
            ArrayNode found = Json.json().createArrayNode();
            lineitems.stream().filter(l -> link == null || link.equals(l.path("resourceLinkId").asText())).forEach(found::add);
            reply(ex, 200, "application/vnd.ims.lis.v2.lineitemcontainer+json", found.toString());
        } else if (path.equals("/lineitems") && ex.getRequestMethod().equals("POST")) {
            ObjectNode item = (ObjectNode) Json.json().readTree(body);
            item.put("id", issuer + "/lineitems/" + (100 + lineitems.size()) + "/lineitem");
            lineitems.add(item);
            reply(ex, 201, "application/vnd.ims.lis.v2.lineitem+json", item.toString());
        } else {
            reply(ex, 404, "text/plain", "no such endpoint");
        }
    }

    /** The NRPS claim of a launch from this platform's course: where its class list is. */
    Map<String, Object> nrpsClaim() {
        return Map.of("context_memberships_url", issuer + "/memberships?course=course-1", "service_versions", List.of("2.0"));
    }

    /** NRPS 2.0's membership container, a page at a time (?page=N, from 1) with a Link header to the next. */
    private void memberships(HttpExchange ex) throws IOException {
        membershipRequests.incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth == null ? "" : auth.replace("Bearer ", "");
        if (!accessTokens.containsKey(token) || !tokenScopes.getOrDefault(token, "").contains(NRPS_SCOPE)) {
            reply(ex, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        if (!"application/vnd.ims.lti-nrps.v2.membershipcontainer+json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
            reply(ex, 406, "text/plain", "membershipcontainer+json expected");
            return;
        }
        Map<String, String> q = form(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = (page - 1) * membersPerPage;
        List<Map<String, Object>> all = List.copyOf(members);
        List<Map<String, Object>> these = all.subList(Math.min(from, all.size()), Math.min(from + membersPerPage, all.size()));
        if (from + membersPerPage < all.size()) {
            ex.getResponseHeaders().add("Link", "<" + issuer + "/memberships?course=course-1&page=" + (page + 1) + ">; rel=\"next\"");
        }
        reply(ex, 200, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", Json.json().writeValueAsString(Map.of(
                "id", issuer + "/memberships?course=course-1", "context", Map.of("id", "course-1", "title", "Deep learning"),
                "members", these)));
    }

    /** Where an LMS opens the tool's registration URL: with its OpenID configuration and its registration token. */
    String registrationLaunch(String assayRegistrationUrl) {
        return assayRegistrationUrl + "&openid_configuration=" + java.net.URLEncoder.encode(issuer
                + "/.well-known/openid-configuration", StandardCharsets.UTF_8) + "&registration_token=" + registrationToken;
    }

    private void openidConfiguration(HttpExchange ex) throws IOException {
        reply(ex, 200, "application/json", Json.json().writeValueAsString(Map.of(
                "issuer", issuerInConfiguration,
                "authorization_endpoint", issuer + "/auth",
                "token_endpoint", issuer + "/token",
                "token_endpoint_auth_methods_supported", List.of("private_key_jwt"),
                "jwks_uri", issuer + "/jwks",
                "registration_endpoint", issuer + "/register",
                "scopes_supported", List.of("openid", NRPS_SCOPE, "https://purl.imsglobal.org/spec/lti-ags/scope/score"),
                "response_types_supported", List.of("id_token"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of("product_family_code", "assay-test-platform",
                        "version", "1.0", "messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest"),
                                Map.of("type", "LtiDeepLinkingRequest"))))));
    }

    /** LTI-DR: the tool's client registration, checked as a platform must before it creates a client. */
    private void registerTool(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (!("Bearer " + registrationToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            refusedRegistrations.add("registration token");
            reply(ex, 401, "application/json", "{\"error\":\"invalid_token\"}");
            return;
        }
        JsonNode r = Json.json().readTree(body);
        JsonNode lti = r.path("https://purl.imsglobal.org/spec/lti-tool-configuration");
        List<String> missing = new java.util.ArrayList<>();
        check(missing, "application_type web", r.path("application_type").asText().equals("web"));
        check(missing, "response_types id_token", r.path("response_types").toString().contains("\"id_token\""));
        check(missing, "grant_types", r.path("grant_types").toString().contains("\"implicit\"")
                && r.path("grant_types").toString().contains("\"client_credentials\""));
        check(missing, "initiate_login_uri", r.path("initiate_login_uri").asText().startsWith("http"));
        check(missing, "redirect_uris", r.path("redirect_uris").isArray() && r.path("redirect_uris").size() > 0);
        check(missing, "jwks_uri", r.path("jwks_uri").asText().startsWith("http"));
        check(missing, "token_endpoint_auth_method", r.path("token_endpoint_auth_method").asText().equals("private_key_jwt"));
        check(missing, "scope", r.path("scope").asText().contains(NRPS_SCOPE)
                && r.path("scope").asText().contains("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        check(missing, "domain", !lti.path("domain").asText().isBlank());
        check(missing, "target_link_uri", lti.path("target_link_uri").asText().startsWith("http"));
        check(missing, "messages", lti.path("messages").toString().contains("LtiResourceLinkRequest")
                && lti.path("messages").toString().contains("LtiDeepLinkingRequest"));
        if (!missing.isEmpty()) {
            refusedRegistrations.add(String.join(", ", missing));
            reply(ex, 400, "application/json", Json.json().writeValueAsString(Map.of("error", "invalid_client_metadata",
                    "error_description", "missing or wrong: " + missing)));
            return;
        }
        registrations.add(r);
        ObjectNode answer = ((ObjectNode) r.deepCopy()).put("client_id", clientId);
        ((ObjectNode) answer.path("https://purl.imsglobal.org/spec/lti-tool-configuration")).put("deployment_id", deploymentId);
        reply(ex, 200, "application/json", answer.toString());
    }

    private static void check(List<String> missing, String what, boolean ok) {
        if (!ok) {
            missing.add(what);
        }
    }

    static Map<String, String> form(String s) {
        Map<String, String> m = new HashMap<>();
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, status == 204 ? -1 : b.length);
        if (status != 204) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
