package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the system tests do as an LMS and its users against one Assay server: register, log in, launch, call. */
final class LtiClient {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom";
    static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

    final String root;

    LtiClient(String root) {
        this.root = root.replaceAll("/$", "");
    }

    HttpResponse<String> send(String method, String path, String type, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : root + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    void register(TestPlatform p) throws Exception {
        HttpResponse<String> r = send("POST", "/lti/admin/platforms", "application/json",
                Json.json().writeValueAsString(p.registration()), ServerIT.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** The login's redirect to the platform, as query parameters. */
    Map<String, String> login(TestPlatform p) throws Exception {
        HttpResponse<String> r = send("POST", "/lti/login", "application/x-www-form-urlencoded", form(Map.of("iss", p.issuer,
                "login_hint", "hint-1", "target_link_uri", root + "/lti/launch", "lti_message_hint", "message-hint-7",
                "client_id", p.clientId, "lti_deployment_id", p.deploymentId)), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        URI to = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(to.toString()).startsWith(p.issuer + "/auth?");
        return TestPlatform.form(to.getRawQuery());
    }

    /** Login, then the launch with a token the platform signs for the nonce; returns the page. */
    HttpResponse<String> launch(TestPlatform p, String sub, String link, List<String> roles, Map<String, Object> claims)
            throws Exception {
        Map<String, String> q = login(p);
        String token = p.idToken(q.get("nonce"), sub, link, roles, claims);
        return send("POST", "/lti/launch", "application/x-www-form-urlencoded", form(Map.of("id_token", token,
                "state", q.get("state"))), null);
    }

    static String session(String page) {
        Matcher m = Pattern.compile("<meta name=\"assay-session\" content=\"([^\"]+)\">").matcher(page);
        assertThat(m.find()).as("the page carries its session token").isTrue();
        return m.group(1);
    }

    HttpResponse<String> submit(String session, String question, String answer) throws Exception {
        return send("POST", "/lti/api/questions/" + question + "/submissions", "application/json",
                Json.json().writeValueAsString(Map.of("answer", answer, "files", List.of())), session);
    }
}
