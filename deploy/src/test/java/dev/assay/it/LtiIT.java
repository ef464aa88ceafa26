package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LTI 1.3 end to end against the shipped WAR on Payara Micro and a test platform over real HTTP:
 * login → launch → page → validate → submit → grade → the score in the platform's gradebook.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LtiIT {
    static final String LEARNER = LtiClient.LEARNER;
    static final String INSTRUCTOR = LtiClient.INSTRUCTOR;
    static final String AGS = LtiClient.AGS;
    static final String CUSTOM = LtiClient.CUSTOM;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItPlugin.assayWar();
    }

    String root() {
        return base.toString().replaceAll("/$", "");
    }

    LtiClient client() {
        return new LtiClient(root());
    }

    HttpResponse<String> send(String method, String path, String type, String body, String bearer) throws Exception {
        return client().send(method, path, type, body, bearer);
    }

    static String form(Map<String, String> fields) {
        return LtiClient.form(fields);
    }

    TestPlatform platform() throws Exception {
        TestPlatform p = new TestPlatform(root());
        client().register(p);
        return p;
    }

    Map<String, String> login(TestPlatform p) throws Exception {
        return client().login(p);
    }

    HttpResponse<String> launch(TestPlatform p, String sub, String link, List<String> roles, Map<String, Object> claims)
            throws Exception {
        return client().launch(p, sub, link, roles, claims);
    }

    static String session(String page) {
        return LtiClient.session(page);
    }

    static void waitFor(String what, Await.Check condition) throws Exception {
        Await.until(what, 30, condition);
    }

    /** The id of a resource link, as the outbox names it, read from the admin view of the outbox. */
    long linkId(TestPlatform p, String resourceLinkId) throws Exception {
        JsonNode all = Json.json().readTree(send("GET", "/api/outbox?limit=1000", null, null, ServerIT.TOKEN).body());
        for (JsonNode e : all) {
            if (e.path("user").asText().startsWith("lti/" + platformId(p) + "/")) {
                return Long.parseLong(e.path("target").asText().substring(4));
            }
        }
        throw new AssertionError("no outbox entry for " + resourceLinkId);
    }

    long platformId(TestPlatform p) throws Exception {
        for (JsonNode pl : Json.json().readTree(send("GET", "/lti/admin/platforms", null, null, ServerIT.TOKEN).body())) {
            if (pl.path("issuer").asText().equals(p.issuer) && pl.path("clientId").asText().equals(p.clientId)) {
                return pl.path("id").asLong();
            }
        }
        throw new AssertionError("platform not registered: " + p.issuer);
    }

    /** The outbox's entries for the platform's users, newest first (each test's platform is its own). */
    List<JsonNode> outbox(TestPlatform p) throws Exception {
        String users = "lti/" + platformId(p) + "/";
        List<JsonNode> entries = new java.util.ArrayList<>();
        for (JsonNode e : Json.json().readTree(send("GET", "/api/outbox?limit=1000", null, null, ServerIT.TOKEN).body())) {
            if (e.path("user").asText().startsWith(users)) {
                entries.add(e);
            }
        }
        return entries;
    }

    /**
     * Waits until none of the platform's scores waits in the outbox: everything graded so far has been sent (or given up),
     * so what the platform holds now is final; no sleeping for "long enough".
     */
    void awaitNothingPending(TestPlatform p) throws Exception {
        waitFor("no score waiting for the platform", () -> {
            try {
                return outbox(p).stream().noneMatch(e -> e.path("state").asText().equals("PENDING"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Map<String, Object> answer(String text) {
        return Map.of("answer", text, "files", List.of());
    }

    @Test
    void loginLaunchSubmitAndTheScoreReachesTheGradebook() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, String> q = login(p);
            assertThat(q).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                    .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                    .containsEntry("client_id", p.clientId).containsEntry("login_hint", "hint-1")
                    .containsEntry("lti_message_hint", "message-hint-7").containsEntry("redirect_uri", root() + "/lti/launch")
                    .containsKeys("state", "nonce");

            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of("https://purl.imsglobal.org/spec/lti-ags/scope/score"), "lineitem", p.lineitem(1)));
            String token = p.idToken(q.get("nonce"), "student-1", "link-1", List.of(LEARNER), claims);
            HttpResponse<String> page = send("POST", "/lti/launch", "application/x-www-form-urlencoded",
                    form(Map.of("id_token", token, "state", q.get("state"))), null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
            assertThat(page.headers().allValues("Set-Cookie")).as("no cookies: it works with third-party cookies blocked").isEmpty();
            assertThat(page.body()).contains("Homework 7").contains("data-question=\"hw7/3bi-grad-w2\"")
                    .contains("/lti-static/katex/katex.min.js").contains("class=\"math\"");
            assertThat(page.body().split("type=\"file\"", -1)).as("a file input only where the question takes files (8b)")
                    .hasSize(2);
            assertThat(page.body()).contains("accept=\".csv,.json,.npy,.yaml,.yml\"").contains("<code>W1 (.csv, .json, .npy)</code>")
                    .contains("Download X.npy");
            String session = session(page.body());

            HttpResponse<String> replay = send("POST", "/lti/launch", "application/x-www-form-urlencoded",
                    form(Map.of("id_token", token, "state", q.get("state"))), null);
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(replay.body()).contains("UNKNOWN_STATE").contains("Start the activity again");

            HttpResponse<String> preview = send("POST", "/lti/api/questions/hw7/3bi-grad-w2/validate", "application/json",
                    Json.json().writeValueAsString(answer("-2(X - W_2W_1X)(W_1X)^\\top")), session);
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            assertThat(Json.json().readTree(preview.body()).path("html").asText()).contains("Read as:").contains("class=\"math\"");
            HttpResponse<String> forged = send("POST", "/lti/api/questions/hw7/3bi-grad-w2/validate", "application/json",
                    Json.json().writeValueAsString(answer("x")), "forged." + session);
            assertThat(forged.statusCode()).isEqualTo(401);
            JsonNode forgedError = Json.json().readTree(forged.body());
            assertThat(forgedError.path("status").asInt()).as("the one error shape").isEqualTo(401);
            assertThat(forgedError.path("error").asText()).contains("open the activity again");
            assertThat(forgedError.path("problems").isArray()).isTrue();

            HttpResponse<String> graded = send("POST", "/lti/api/questions/hw7/3bi-grad-w2/submissions", "application/json",
                    Json.json().writeValueAsString(answer("-2(X - W_2W_1X)(W_1X)^\\top")), session);
            assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
            String html = Json.json().readTree(graded.body()).path("html").asText();
            assertThat(html).contains("2 / 2 points").contains("Expected approach");

            waitFor("the score at the platform", () -> !p.scores.isEmpty());
            JsonNode score = p.scores.get(0);
            assertThat(score.path("userId").asText()).isEqualTo("student-1");
            assertThat(score.path("scoreGiven").asDouble()).isEqualTo(2.0);
            assertThat(score.path("scoreMaximum").asDouble()).isEqualTo(29.0);
            assertThat(score.path("activityProgress").asText()).isEqualTo("InProgress");
            assertThat(score.path("gradingProgress").asText()).isEqualTo("FullyGraded");
            assertThat(score.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
            assertThat(p.scoreUrls.get(0)).isEqualTo("/lineitems/1/lineitem/scores?type_id=1");

            // The page of a later launch lists the attempt.
            HttpResponse<String> again = launch(p, "student-1", "link-1", List.of(LEARNER), claims);
            assertThat(again.body()).contains("Earlier attempts (<span class=\"count\">1</span>)");
            // The same sub at another platform is another person: they see nothing of it.
            try (TestPlatform other = platform()) {
                HttpResponse<String> stranger = launch(other, "student-1", "link-1", List.of(LEARNER), claims);
                assertThat(stranger.body()).contains("Earlier attempts (<span class=\"count\">0</span>)");
            }
        }
    }

    @Test
    void theLmsDownForAWhileGetsEveryScoreOnceWhenItIsBack() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7"), AGS, Map.of("scope",
                    List.of("https://purl.imsglobal.org/spec/lti-ags/scope/score"), "lineitem", p.lineitem(2)));
            p.down.set(true);
            for (String sub : List.of("a", "b", "c")) {
                String session = session(launch(p, sub, "link-2", List.of(LEARNER), claims).body());
                if (sub.equals("a")) { // a first, wrong attempt: superseded while waiting, never sent
                    assertThat(client().submit(session, "hw7/7b-teacher-forcing", "I see a dog <eos>").statusCode()).isEqualTo(200);
                }
                assertThat(send("POST", "/lti/api/questions/hw7/7b-teacher-forcing/submissions", "application/json",
                        Json.json().writeValueAsString(answer("<sos> I see a dog")), session).statusCode()).isEqualTo(200);
            }
            waitFor("retries while the LMS is down", () -> p.refusedWhileDown.get() >= 6);
            HttpResponse<String> waiting = send("GET", "/api/outbox?state=PENDING", null, null, ServerIT.TOKEN);
            assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
            JsonNode pending = Json.json().readTree(waiting.body());
            assertThat(pending.findValuesAsText("lastError")).as(waiting.body()).anySatisfy(e -> assertThat(e).contains("503"));
            assertThat(pending.findValuesAsText("attempts").stream().mapToInt(Integer::parseInt).max().orElse(0))
                    .as("tried more than once, with backoff").isGreaterThanOrEqualTo(2);
            assertThat(p.scores).isEmpty();
            p.down.set(false);
            waitFor("all three scores", () -> p.scores.size() >= 3);
            awaitNothingPending(p);
            assertThat(p.scores).as("nothing more arrives").hasSize(3);
            assertThat(p.scores.stream().map(s -> s.path("userId").asText())).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(p.scores).allSatisfy(s -> assertThat(s.path("scoreGiven").asDouble()).as("the newest score").isEqualTo(1.0));
            assertThat(Json.json().readTree(send("GET", "/api/outbox?state=SUPERSEDED&target=" + "lti:" + linkId(p, "link-2"),
                    null, null, ServerIT.TOKEN).body())).hasSize(1);
            assertThat(p.tokensIssued.get()).as("one token, cached for the three").isEqualTo(1);
        }
    }

    @Test
    void anInstructorBindsAnUnboundLinkAndAStudentIsToldItIsNotSetUp() throws Exception {
        try (TestPlatform p = platform()) {
            String link = "link-" + UUID.randomUUID();
            HttpResponse<String> student = launch(p, "s-1", link, List.of(LEARNER), Map.of());
            assertThat(student.statusCode()).isEqualTo(200);
            assertThat(student.body()).contains("has not chosen the assignment");

            HttpResponse<String> teacher = launch(p, "t-1", link, List.of(INSTRUCTOR), Map.of());
            assertThat(teacher.body()).contains("Set up").contains("value=\"hw7/hw7\"");
            HttpResponse<String> bound = send("POST", "/lti/api/link/assignment", "application/json",
                    "{\"assignment\": \"hw7/hw7\"}", session(teacher.body()));
            assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
            assertThat(Json.json().readTree(bound.body()).path("html").asText()).contains("data-question=\"hw7/3bi-grad-w2\"");

            assertThat(student.body()).as("nothing to do on that page: no session").doesNotContain("assay-session");
            assertThat(send("POST", "/lti/api/link/assignment", "application/json", "{\"assignment\": \"hw7/hw7\"}",
                    null).statusCode()).as("no binding without a session").isEqualTo(401);
            assertThat(launch(p, "s-1", link, List.of(LEARNER), Map.of()).body()).contains("data-question=\"hw7/3bi-grad-w2\"");
        }
    }

    @Test
    void withoutALineItemButWithTheScopeOneIsCreatedOnceAndFoundAgain() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope", List.of(
                    "https://purl.imsglobal.org/spec/lti-ags/scope/score", "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"),
                    "lineitems", p.issuer + "/lineitems"));
            for (String sub : List.of("x", "y")) {
                String session = session(launch(p, sub, "link-li", List.of(LEARNER), claims).body());
                send("POST", "/lti/api/questions/hw7/7b-teacher-forcing/submissions", "application/json",
                        Json.json().writeValueAsString(answer("<sos> I see a dog")), session);
            }
            waitFor("both scores", () -> p.scores.size() >= 2);
            assertThat(p.lineitems).hasSize(1);
            assertThat(p.lineitems.get(0).path("resourceLinkId").asText()).isEqualTo("link-li");
            assertThat(p.lineitems.get(0).path("scoreMaximum").asDouble()).isEqualTo(29.0);
            assertThat(p.scoreUrls).allSatisfy(u -> assertThat(u).isEqualTo("/lineitems/100/lineitem/scores"));
        }
    }

    @Test
    void invalidLaunchesGetAClearPageAndNoSession() throws Exception {
        try (TestPlatform p = platform()) {
            HttpResponse<String> expired = launch(p, "u", "l", List.of(LEARNER), Map.of("exp", Instant.now().minusSeconds(120)
                    .getEpochSecond()));
            // exp as a number claim is what the platform sends; the test platform's builder sets it from the map.
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("This launch was refused").doesNotContain("assay-session");

            HttpResponse<String> version = launch(p, "u", "l", List.of(LEARNER), Map.of(
                    "https://purl.imsglobal.org/spec/lti/claim/version", "1.1"));
            assertThat(version.body()).contains("WRONG_VERSION");

            HttpResponse<String> unknown = send("POST", "/lti/login", "application/x-www-form-urlencoded",
                    form(Map.of("iss", "https://unknown.example", "login_hint", "h", "target_link_uri", root())), null);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("not registered");

            String session = session(launch(p, "u", "l", List.of(LEARNER), Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"))).body());
            String huge = "{\"answer\": \"" + "x".repeat(33 * 1024 * 1024) + "\", \"files\": []}";
            HttpResponse<String> tooLarge = send("POST", "/lti/api/questions/hw7/3bi-grad-w2/submissions", "application/json",
                    huge, session);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("larger than 32 MiB");

            HttpResponse<String> jwks = send("GET", "/.well-known/jwks.json", null, null, null);
            JsonNode keys = Json.json().readTree(jwks.body()).path("keys");
            assertThat(keys).isNotEmpty();
            assertThat(keys.get(0).path("kid").asText()).isNotBlank();
            assertThat(keys.get(0).has("d")).as("public keys only").isFalse();
        }
    }

    @Test
    void platformsComeFromConfigurationAndKeysRotateWithAnOverlap() throws Exception {
        JsonNode platforms = Json.json().readTree(send("GET", "/lti/admin/platforms", null, null, ServerIT.TOKEN).body());
        assertThat(platforms.findValuesAsText("issuer")).contains("https://moodle.config.example");
        HttpResponse<String> wrongToken = send("GET", "/lti/admin/platforms", null, null, "wrong");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(Json.json().readTree(wrongToken.body()).path("error").asText()).as("the one error shape").contains("Bearer");

        List<String> before = Json.json().readTree(send("GET", "/.well-known/jwks.json", null, null, null).body())
                .findValuesAsText("kid");
        HttpResponse<String> rotated = send("POST", "/lti/admin/keys/rotate", null, null, ServerIT.TOKEN);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String kid = Json.json().readTree(rotated.body()).path("signingKid").asText();
        List<String> after = Json.json().readTree(send("GET", "/.well-known/jwks.json", null, null, null).body())
                .findValuesAsText("kid");
        assertThat(after).contains(kid).containsAll(before).hasSize(before.size() + 1);

        // The platform verifies the client assertion signed with the new key against the published JWKS.
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(4)));
            String session = session(launch(p, "after-rotation", "link-k", List.of(LEARNER), claims).body());
            assertThat(client().submit(session, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
            waitFor("the score signed for with the new key", () -> !p.scores.isEmpty());
            assertThat(p.tokensIssued.get()).isEqualTo(1);
        }
    }

    @Test
    void aPlatformThatRotatesItsKeyIsFetchedAgainOnTheUnknownKid() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"));
            assertThat(launch(p, "k1", "link-rot", List.of(LEARNER), claims).statusCode()).isEqualTo(200);
            assertThat(launch(p, "k1", "link-rot", List.of(LEARNER), claims).statusCode()).isEqualTo(200);
            assertThat(p.jwksFetches.get()).as("cached").isEqualTo(1);
            p.rotateKey();
            // Assay fetches the keys again for the unknown kid as soon as its refetch rate limit (1 s) allows: a launch
            // within that second is refused, the first one after it accepted.
            HttpResponse<String> after = Await.until("a launch signed with the new key to be accepted", 10,
                    () -> launch(p, "k1", "link-rot", List.of(LEARNER), claims), r -> r.statusCode() != 401);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(p.jwksFetches.get()).as("fetched once more for the new kid").isEqualTo(2);
        }
    }

    @Test
    void anInstructorAddsAnActivityByDeepLinkingAndGetsASignedContentItemBack() throws Exception {
        try (TestPlatform p = platform()) {
            String dl = "https://purl.imsglobal.org/spec/lti-dl/claim/";
            java.util.Map<String, Object> request = new java.util.HashMap<>();
            request.put("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingRequest");
            request.put("https://purl.imsglobal.org/spec/lti/claim/resource_link", null);
            request.put(dl + "deep_linking_settings", Map.of("deep_link_return_url", p.issuer + "/deep-link-return?course=1",
                    "accept_types", List.of("ltiResourceLink"), "data", "opaque-42"));

            HttpResponse<String> learner = launch(p, "l-1", "unused", List.of(LEARNER), request);
            assertThat(learner.statusCode()).isEqualTo(401);
            assertThat(learner.body()).contains("DEEP_LINKING_NOT_INSTRUCTOR");

            HttpResponse<String> chooser = launch(p, "t-1", "unused", List.of(INSTRUCTOR), request);
            assertThat(chooser.statusCode()).as(chooser.body()).isEqualTo(200);
            assertThat(chooser.body()).contains("id=\"deeplink\"").contains("value=\"hw7/hw7\"");
            assertThat(chooser.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as("the page may post back to the LMS, and only there").contains("form-action 'self' " + p.issuer);

            HttpResponse<String> back = send("POST", "/lti/api/deeplink", "application/json", "{\"assignment\": \"hw7\"}",
                    session(chooser.body()));
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            JsonNode r = Json.json().readTree(back.body());
            assertThat(r.path("returnUrl").asText()).isEqualTo(p.issuer + "/deep-link-return?course=1");
            com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(r.path("jwt").asText());
            com.nimbusds.jose.jwk.JWKSet toolKeys = com.nimbusds.jose.jwk.JWKSet.parse(send("GET", "/.well-known/jwks.json", null,
                    null, null).body());
            com.nimbusds.jose.jwk.RSAKey key = (com.nimbusds.jose.jwk.RSAKey) toolKeys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("signed with a published key").isNotNull();
            assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
            com.nimbusds.jwt.JWTClaimsSet c = jwt.getJWTClaimsSet();
            assertThat(c.getIssuer()).isEqualTo(p.clientId);
            assertThat(c.getAudience()).containsExactly(p.issuer);
            assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type")).isEqualTo("LtiDeepLinkingResponse");
            assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id")).isEqualTo(p.deploymentId);
            assertThat(c.getStringClaim(dl + "data")).isEqualTo("opaque-42");
            JsonNode items = Json.json().readTree(Json.json().writeValueAsString(c.getClaim(dl + "content_items")));
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("type").asText()).isEqualTo("ltiResourceLink");
            assertThat(items.get(0).path("url").asText()).isEqualTo(root() + "/lti/launch");
            assertThat(items.get(0).path("custom").path("assignment").asText()).isEqualTo("hw7/hw7");
            assertThat(items.get(0).path("lineItem").path("scoreMaximum").asDouble()).isEqualTo(29.0);

            // What the LMS then launches opens that assignment.
            HttpResponse<String> page = launch(p, "s-9", "link-from-dl", List.of(LEARNER),
                    Map.of(CUSTOM, Map.of("assignment", items.get(0).path("custom").path("assignment").asText())));
            assertThat(page.body()).contains("data-question=\"hw7/3bi-grad-w2\"");
        }
    }

    @Test
    void theInstructorGradesAnswersWaitingForReviewInTheLmsAndRegradesTheActivity() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(6)));
            String student = session(launch(p, "essay-1", "link-review", List.of(LEARNER), claims).body());
            HttpResponse<String> graded = client().submit(student, "hw7/4b-reflection", "bottleneck data loading preprocessing once "
                    + "random number overhead redundant layer profiling GPU FLOPs batch norm mixed precision dataloader");
            String html = Json.json().readTree(graded.body()).path("html").asText();
            assertThat(html).contains("provisional");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-submission=\"(\\d+)\"").matcher(html);
            assertThat(m.find()).isTrue();
            long submission = Long.parseLong(m.group(1));
            waitFor("the provisional score", () -> !p.scores.isEmpty());
            assertThat(p.scores.get(0).path("gradingProgress").asText()).isEqualTo("PendingManual");

            HttpResponse<String> teacherPage = launch(p, "prof", "link-review", List.of(INSTRUCTOR), claims);
            assertThat(teacherPage.body()).contains("For instructors")
                    .contains("Waiting for your review (<span class=\"count\">1</span>)").contains("Student essay-1");
            String teacher = session(teacherPage.body());
            // The panel's way into the workspace: a token for hw7 and this activity only, in the link's fragment.
            java.util.regex.Matcher workspace = java.util.regex.Pattern.compile(
                    "<a class=\"workspace\" href=\"[^\"]*/workspace/assignment\\.html\\?id=(\\d+)#token=([^\"]+)\">")
                    .matcher(teacherPage.body());
            assertThat(workspace.find()).as("the panel links the workspace").isTrue();
            JsonNode me = Json.json().readTree(send("GET", "/api/me", null, null, workspace.group(2)).body());
            assertThat(me.path("role").asText()).isEqualTo("INSTRUCTOR");
            assertThat(me.path("assignment").asLong()).isEqualTo(Long.parseLong(workspace.group(1)));
            assertThat(me.path("target").asText()).startsWith("lti:");
            assertThat(send("GET", "/api/assignments/" + workspace.group(1) + "/analytics", null, null, workspace.group(2))
                    .statusCode()).isEqualTo(200);
            assertThat(send("GET", "/api/outbox", null, null, workspace.group(2)).statusCode())
                    .as("the workspace token reaches its assignment only").isEqualTo(403);
            assertThat(launch(p, "essay-1", "link-review", List.of(LEARNER), claims).body()).doesNotContain("/workspace/");
            HttpResponse<String> notAllowed = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 2}", student);
            assertThat(notAllowed.statusCode()).as("students do not grade: refused as /api refuses a role (403)").isEqualTo(403);
            assertThat(Json.json().readTree(notAllowed.body()).path("error").asText()).isEqualTo("Only an instructor can do this.");
            assertThat(send("POST", "/lti/api/instructor/review/" + submission, "application/json", "{\"points\": 9}", teacher)
                    .statusCode()).isEqualTo(400);
            for (String notANumber : List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"")) {
                HttpResponse<String> refused = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                        "{\"points\": " + notANumber + "}", teacher);
                assertThat(refused.statusCode()).as(notANumber).isEqualTo(400);
                assertThat(refused.body()).as("says which field").contains("points");
            }
            HttpResponse<String> reviewed = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 2, \"comment\": \"Say **why** each change helped.\"}", teacher);
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            assertThat(Json.json().readTree(reviewed.body()).path("html").asText()).contains("From your instructor")
                    .contains("<strong>why</strong>").contains("2 / 3 points");
            waitFor("the reviewed score", () -> p.scores.size() >= 2);
            JsonNode last = p.scores.get(p.scores.size() - 1);
            assertThat(last.path("scoreGiven").asDouble()).isEqualTo(2.0);
            assertThat(last.path("gradingProgress").asText()).isEqualTo("FullyGraded");
            assertThat(last.path("comment").asText()).as("the instructor's comment goes to the gradebook too")
                    .endsWith("Say **why** each change helped.");

            Await.until("the reviewed score delivered", 30, () -> {
                try {
                    return launch(p, "prof", "link-review", List.of(INSTRUCTOR), claims).body()
                            .contains("<tr><td>Student essay-1</td><td>2 / 29</td><td>some questions answered</td><td>yes</td></tr>");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // Another activity's instructor sees none of it.
            String other = session(launch(p, "prof", "link-elsewhere", List.of(INSTRUCTOR), claims).body());
            assertThat(send("POST", "/lti/api/instructor/review/" + submission, "application/json", "{\"points\": 1}", other)
                    .statusCode()).isEqualTo(404);

            JsonNode started = Json.json().readTree(send("POST", "/lti/api/instructor/regrades", null, null, teacher).body());
            JsonNode status = Await.until("the regrade to end", 20, () -> Json.json().readTree(send("GET",
                    "/lti/api/instructor/regrades/" + started.path("executionId").asLong(), null, null, teacher).body()),
                    s -> !s.path("status").asText().matches("STARTING|STARTED"));
            assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.path("regraded").asLong()).as("nothing changed since").isZero();
            assertThat(status.path("report").asText()).isEqualTo("0 answers graded again.");
            assertThat(send("GET", "/lti/api/instructor/regrades/" + started.path("executionId").asLong(), null, null, other)
                    .statusCode()).as("another activity's instructor").isEqualTo(404);
        }
    }

    /** A regrade from the panel, followed to its end: its last status, with the report and the list drawn again. */
    JsonNode regradeFromThePanel(String teacher) throws Exception {
        HttpResponse<String> started = send("POST", "/lti/api/instructor/regrades", null, null, teacher);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        long execution = Json.json().readTree(started.body()).path("executionId").asLong();
        return Await.until("the regrade's report", 30, () -> Json.json().readTree(send("GET", "/lti/api/instructor/regrades/"
                + execution, null, null, teacher).body()), s -> s.hasNonNull("report"));
    }

    /**
     * The issue's case, in the LMS: an instructor reviews an answer, the question's configuration changes, and a regrade
     * from the panel grades the answer again. The instructor's grade stands (in Assay and in the gradebook); the regrade's
     * report says so and points at "Regraded since your review", which shows the answer with both grades until the
     * instructor reviews it again.
     */
    /**
     * Uploads a pack of one question, "Say it" (4 points, graded by the it-exact plugin: 42 is right, "unsure: …" is
     * graded provisionally), in assignment a1; returns the pack's id, new each time.
     */
    static String uploadSayItPack(String root) throws Exception {
        String pack = "itpanel" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<byte[]> uploaded = LtiClient.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/api/packs"))
                .header("Authorization", "Bearer " + ServerIT.TOKEN).header("Content-Type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(DurableWorkIT.zip(Map.of(
                        "pack.yaml", "id: " + pack + "\ntitle: Panel\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n"
                                + "    questions: [" + pack + "/q1]\n",
                        "questions/q1.yaml", "id: " + pack + "/q1\ntitle: Say it\npoints: 4\nplugin: it-exact\nprompt: Say 42.\n"
                                + "config:\n  expected: '42'\nexpectedApproach: Just say it.\n"))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(uploaded.statusCode()).as(new String(uploaded.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(201);
        return pack;
    }

    /** A launch's session, once its page shows the question (launches read the server's assignments every 2 s). */
    static String sessionShowing(LtiClient client, TestPlatform p, String question, String sub, String link, List<String> roles,
                                 Map<String, Object> claims) throws Exception {
        String[] session = new String[1];
        Await.until(question + " on the page", 10, () -> {
            try {
                String page = client.launch(p, sub, link, roles, claims).body();
                session[0] = page.contains("data-question=\"" + question + "\"") ? session(page) : null;
                return session[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return session[0];
    }

    /**
     * The issue's case, in the LMS: an instructor reviews an answer, the question's configuration changes, and a regrade
     * from the panel grades the answer again. The instructor's grade stands (in Assay and in the gradebook); the regrade's
     * report says so and points at "Regraded since your review", which shows the answer with both grades until the
     * instructor reviews it again.
     */
    @Test
    void aReviewStandsThroughARegradeAndThePanelShowsThePluginsNewGradeUntilTheInstructorDecidesAgain() throws Exception {
        String pack = uploadSayItPack(root());
        String q = pack + "/q1";
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", pack + "/a1"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(12)));
            Map<String, Object> ann = new java.util.HashMap<>(claims);
            ann.put("name", "Ann <b>&</b>"); // shown to the instructor, escaped
            String student = sessionShowing(client(), p, q, "panel-1", "link-panel", List.of(LEARNER), ann);
            long submission = submissionIn(client().submit(student, q, "unsure: 41"));

            HttpResponse<String> teacherPage = launch(p, "prof-panel", "link-panel", List.of(INSTRUCTOR), claims);
            assertThat(teacherPage.body()).contains("Waiting for your review (<span class=\"count\">1</span>)")
                    .contains("Regraded since your review (<span class=\"count\">0</span>)");
            String teacher = session(teacherPage.body());
            HttpResponse<String> reviewed = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 3, \"comment\": \"Close: say **why**.\"}", teacher);
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            String key = "/lineitems/12/lineitem/scores panel-1";
            Await.until("the reviewed score in the gradebook", 30, () -> p.gradebook.containsKey(key)
                    && p.gradebook.get(key).path("scoreGiven").asDouble() == 3.0);

            // The question changes (41 is right now); the plugin would give 4 of 4.
            HttpResponse<String> changed = send("PUT", "/api/questions/" + q + "/config", "application/json",
                    "{\"config\": {\"expected\": \"41\"}, \"reason\": \"41 is right too\"}", ServerIT.TOKEN);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            awaitNothingPending(p);
            int scoresBefore = outbox(p).size();
            JsonNode done = regradeFromThePanel(teacher);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.path("regraded").asLong()).isEqualTo(1);
            assertThat(done.path("keptReview").asLong()).isEqualTo(1);
            assertThat(done.path("nowDiffer").asLong()).isEqualTo(1);
            assertThat(done.path("report").asText()).isEqualTo("1 answer graded again. 1 of them kept your grade (you had "
                    + "reviewed it); it now differs from the plugin's new grade: see \u201cRegraded since your review\u201d below.");
            String item = "data-submission=\"" + submission + "\"><h4>Say it: Ann &lt;b&gt;&amp;&lt;/b&gt;</h4><p class=\"grades\">"
                    + "Your grade: <strong class=\"yours\">3 / 4 points</strong>. The plugin's new grade: <strong class=\"plugin\">"
                    + "4 / 4 points</strong> (notes: <code>NEEDS_REVIEW</code>).</p>";
            assertThat(done.path("regradedHtml").asText()).as("the list, drawn again")
                    .contains("Regraded since your review (<span class=\"count\">1</span>)").contains(item)
                    .contains("value=\"4\">").contains(">Close: say **why**.</textarea>")
                    .contains("class=\"keep\" data-points=\"3\">Keep my grade (3 points)</button>");

            HttpResponse<String> after = launch(p, "prof-panel", "link-panel", List.of(INSTRUCTOR), claims);
            assertThat(after.body()).as("not back in the review queue")
                    .contains("Waiting for your review (<span class=\"count\">0</span>)")
                    .contains("Regraded since your review (<span class=\"count\">1</span>)").contains(item);
            awaitNothingPending(p);
            assertThat(outbox(p)).as("the regrade sent the gradebook nothing: the review's score is the last").hasSize(scoresBefore);
            assertThat(p.gradebook.get(key).path("scoreGiven").asDouble()).as("the instructor's grade stands in the gradebook")
                    .isEqualTo(3.0);

            // The instructor keeps their grade: reviewed again with the same points, the answer leaves the list.
            HttpResponse<String> kept = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 3, \"comment\": \"Close: say **why**.\"}", teacher);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(Json.json().readTree(kept.body()).path("html").asText()).contains("3 / 4 points").contains("From your instructor");
            HttpResponse<String> decided = launch(p, "prof-panel", "link-panel", List.of(INSTRUCTOR), claims);
            assertThat(decided.body()).contains("Regraded since your review (<span class=\"count\">0</span>)")
                    .doesNotContain("data-submission=\"" + submission + "\"><h4>");
            JsonNode again = regradeFromThePanel(teacher);
            assertThat(again.path("regraded").asLong()).as("graded once per configuration change").isZero();
            assertThat(again.path("regradedHtml").asText()).contains("(<span class=\"count\">0</span>)");
        }
    }

    /**
     * Moodle keeps a grade's time in whole seconds and refuses (409) a score that is not later: two grades of one
     * student within a second must still end with the newest in the gradebook.
     */
    @Test
    void twoGradesOfOneStudentWithinASecondEndWithTheNewestInTheGradebook() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(8)));
            // A student's first score reaches the gradebook, and a second grade follows within the same whole second.
            String sub = null;
            for (int attempt = 0; attempt < 10 && sub == null; attempt++) {
                String candidate = "same-second-" + attempt;
                String session = session(launch(p, candidate, "link-same-second", List.of(LEARNER), claims).body());
                Await.until("a second to begin", 2, () -> Instant.now().getNano() <= 100_000_000); // start just after it
                Instant first = Instant.now();
                int before = p.scores.size();
                assertThat(client().submit(session, "hw7/7b-teacher-forcing", "I see a dog <eos>").statusCode()).isEqualTo(200);
                Await.until("the first score in the gradebook", 10, () -> p.scores.size() > before);
                assertThat(client().submit(session, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
                if (Instant.now().getEpochSecond() == first.getEpochSecond()) {
                    sub = candidate; // both graded within one second; otherwise (a slow machine) try again
                }
            }
            // A machine too loaded to grade, deliver and grade again within one second ten times over cannot show it; the
            // rule itself is also checked without timing (OutboxTimestampsTest, and the held-timestamp test below).
            org.junit.jupiter.api.Assumptions.assumeTrue(sub != null,
                    "two grades within one second, the first delivered in between: not reached on this machine");
            String key = "/lineitems/8/lineitem/scores " + sub;
            Await.until("the newest score in the gradebook", 30, () -> p.gradebook.containsKey(key)
                    && p.gradebook.get(key).path("scoreGiven").asDouble() == 1.0);
            awaitNothingPending(p);
            assertThat(p.gradebook.get(key).path("scoreGiven").asDouble()).as("nothing older arrived after it").isEqualTo(1.0);
        }
    }

    /** The submission id in an attempt's HTML. */
    static long submissionIn(HttpResponse<String> graded) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-submission=\"(\\d+)\"")
                .matcher(Json.json().readTree(graded.body()).path("html").asText());
        assertThat(m.find()).as(graded.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The timestamps of the scores a platform accepted, in whole seconds, in the order it accepted them. */
    static List<Long> acceptedSeconds(TestPlatform p) {
        return p.scores.stream().map(s -> java.time.OffsetDateTime.parse(s.path("timestamp").asText()).toEpochSecond()).toList();
    }

    @Test
    void theInstructorsCommentGoesWithTheScoreAndPointsThatAreNotANumberAreRefused() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(7)));
            String student = session(launch(p, "essay-c", "link-comment", List.of(LEARNER), claims).body());
            long submission = submissionIn(client().submit(student, "hw7/4b-reflection", "bottleneck data loading preprocessing "
                    + "once random number overhead redundant layer profiling GPU FLOPs batch norm mixed precision dataloader"));
            waitFor("the provisional score", () -> !p.scores.isEmpty());
            assertThat(p.scores.get(0).has("comment")).as("no review, no comment").isFalse();

            String teacher = session(launch(p, "prof-c", "link-comment", List.of(INSTRUCTOR), claims).body());
            for (String points : List.of("\"NaN\"", "\"Infinity\"", "1e400", "-1", "3.5")) {
                HttpResponse<String> refused = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                        "{\"points\": " + points + "}", teacher);
                assertThat(refused.statusCode()).as(points + ": " + refused.body()).isEqualTo(400);
            }
            HttpResponse<String> teacherPage = launch(p, "prof-c", "link-comment", List.of(INSTRUCTOR), claims);
            assertThat(teacherPage.statusCode()).as("stored data still renders").isEqualTo(200);
            assertThat(teacherPage.body()).contains("Waiting for your review (<span class=\"count\">1</span>)");
            assertThat(launch(p, "essay-c", "link-comment", List.of(LEARNER), claims).statusCode()).isEqualTo(200);

            HttpResponse<String> reviewed = send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 2.5, \"comment\": \"Say **why** each change helped.\"}", teacher);
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            waitFor("the reviewed score", () -> p.scores.size() >= 2);
            JsonNode last = p.scores.get(p.scores.size() - 1);
            assertThat(last.path("scoreGiven").asDouble()).isEqualTo(2.5);
            assertThat(last.path("comment").asText()).as("named by its question: hw7 has 14")
                    .isEqualTo("What did you learn?: Say **why** each change helped.");
            assertThat(acceptedSeconds(p)).as("strictly increasing whole seconds").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aScoreTheLmsRefusesAsNotLaterIsSentAgainLaterAndTheNewestLands() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                    List.of(LtiClient.SCORE_SCOPE), "lineitem", p.lineitem(8)));
            // The gradebook already holds a score for this student stamped two seconds ahead (a teacher's edit there,
            // a clock a little ahead): Moodle refuses ours as not later (409) until its timestamp passes that one.
            p.heldTimestamps.put("/lineitems/8/lineitem/scores ts-1", java.time.Instant.now().getEpochSecond() + 2);
            String session = session(launch(p, "ts-1", "link-ts", List.of(LEARNER), claims).body());
            assertThat(client().submit(session, "hw7/7b-teacher-forcing", "I see a dog <eos>").statusCode()).isEqualTo(200);
            waitFor("the first score, once later than the held one", () -> p.scores.size() >= 1);
            assertThat(p.refusedNotLater.get()).as("refused as not later first").isPositive();

            // Two more grades within a second or so of each other: each goes out with a later whole second.
            assertThat(client().submit(session, "hw7/7b-teacher-forcing", "<sos> I see a cat").statusCode()).isEqualTo(200);
            waitFor("the second score", () -> p.scores.size() >= 2);
            assertThat(client().submit(session, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
            waitFor("the newest score", () -> p.scores.stream().anyMatch(s -> s.path("scoreGiven").asDouble() == 1.0));
            awaitNothingPending(p);
            assertThat(p.scores.get(p.scores.size() - 1).path("scoreGiven").asDouble()).as("the newest landed last").isEqualTo(1.0);
            assertThat(acceptedSeconds(p)).as("strictly increasing whole seconds").isSorted().doesNotHaveDuplicates();
            JsonNode failed = Json.json().readTree(send("GET", "/api/outbox?state=FAILED&target=lti:" + linkId(p, "link-ts"), null,
                    null, ServerIT.TOKEN).body());
            assertThat(failed).as("nothing given up").isEmpty();
        }
    }

    @Test
    void aLaunchPageNamesItsLmsAsTheOnlyFrameAncestorAndOtherPagesRefuseFrames() throws Exception {
        try (TestPlatform p = platform()) {
            HttpResponse<String> page = launch(p, "framed", "link-frame", List.of(LEARNER), Map.of(CUSTOM,
                    Map.of("assignment", "hw7/hw7")));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).endsWith("frame-ancestors " + p.issuer);
            assertThat(page.headers().allValues("X-Frame-Options")).as("nothing that forbids the LMS's frame").isEmpty();

            HttpResponse<String> refused = send("POST", "/lti/launch", "application/x-www-form-urlencoded",
                    form(Map.of("id_token", "x", "state", "no-such-state")), null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as("a refusal whose platform is unknown: registered platforms may show it").contains(p.issuer);
            assertThat(refused.headers().allValues("X-Frame-Options")).isEmpty();

            for (String path : List.of("/", "/api/plugins")) {
                HttpResponse<String> other = send("GET", path, null, null, ServerIT.TOKEN);
                assertThat(other.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
            }
        }
    }

    @Test
    void aBadDeepLinkingReturnUrlIsRefusedClearlyAndTheLoginCanStillComplete() throws Exception {
        try (TestPlatform p = platform()) {
            Map<String, String> q = login(p);
            for (String returnUrl : List.of("javascript:alert(document.domain)", "data:text/html,<script>x</script>",
                    "https://lms example/return", "https://x;script-src *@" + java.net.URI.create(p.issuer).getAuthority() + "/r")) {
                java.util.Map<String, Object> request = new java.util.HashMap<>();
                request.put("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingRequest");
                request.put("https://purl.imsglobal.org/spec/lti/claim/resource_link", null);
                request.put("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", Map.of("deep_link_return_url",
                        returnUrl, "accept_types", List.of("ltiResourceLink")));
                HttpResponse<String> r = send("POST", "/lti/launch", "application/x-www-form-urlencoded", form(Map.of("id_token",
                        p.idToken(q.get("nonce"), "t-1", "unused", List.of(INSTRUCTOR), request), "state", q.get("state"))), null);
                assertThat(r.statusCode()).as(returnUrl + ": " + r.body()).isEqualTo(401);
                assertThat(r.body()).contains("BAD_DEEP_LINK_RETURN_URL").contains("deep-linking return URL")
                        .doesNotContain("assay-session");
                assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).doesNotContain("javascript")
                        .doesNotContain("data:text").doesNotContain("script-src *").contains("form-action 'self';");
            }
            // Nothing was used up: the same login completes with a good launch.
            HttpResponse<String> good = send("POST", "/lti/launch", "application/x-www-form-urlencoded", form(Map.of("id_token",
                    p.idToken(q.get("nonce"), "t-1", "link-after", List.of(LEARNER), Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"))),
                    "state", q.get("state"))), null);
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        }
    }

    @Test
    void aHugeNameStillGivesASessionThePageCanUse() throws Exception {
        try (TestPlatform p = platform()) {
            HttpResponse<String> page = launch(p, "long-name", "link-name", List.of(LEARNER), Map.of(CUSTOM,
                    Map.of("assignment", "hw7/hw7"), "name", "Ada Lovelace ".repeat(310)));
            assertThat(page.statusCode()).isEqualTo(200);
            String session = session(page.body());
            assertThat(session.length()).isLessThan(4096);
            assertThat(send("POST", "/lti/api/questions/hw7/3bi-grad-w2/validate", "application/json",
                    Json.json().writeValueAsString(answer("W_1")), session).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theLoginSendsTheLaunchToTheRegisteredToolUrlWhateverTheHostHeaderSays() throws Exception {
        try (TestPlatform p = platform()) {
            java.net.URI tool = java.net.URI.create(root());
            String body = form(Map.of("iss", p.issuer, "login_hint", "h", "target_link_uri", root() + "/lti/launch",
                    "client_id", p.clientId, "lti_deployment_id", p.deploymentId));
            try (java.net.Socket socket = new java.net.Socket(tool.getHost(), tool.getPort())) {
                socket.getOutputStream().write(("POST " + tool.getPath().replaceAll("/$", "") + "/lti/login HTTP/1.1\r\n"
                        + "Host: evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 302");
                java.util.regex.Matcher location = java.util.regex.Pattern.compile("(?i)\r\nLocation: ([^\r]+)").matcher(answer);
                assertThat(location.find()).as(answer).isTrue();
                assertThat(TestPlatform.form(java.net.URI.create(location.group(1)).getRawQuery()))
                        .containsEntry("redirect_uri", root() + "/lti/launch");
            }
            HttpResponse<String> foreign = send("POST", "/lti/login", "application/x-www-form-urlencoded", form(Map.of("iss",
                    p.issuer, "login_hint", "h", "target_link_uri", "https://evil.example/lti/launch", "client_id", p.clientId)), null);
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(foreign.body()).contains("LOGIN_FOREIGN_TARGET").contains("not this Assay server");
        }
    }

    /**
     * /lti/login takes anyone's request. A flood of logins that never launch fills the platform's share of waiting
     * logins (40 in the system tests, ASSAY_LTI_MAXPENDINGLOGINS, the key's old name): the oldest waiting make room, and a real student's
     * login, answered by its launch within seconds, goes through. (A cap that refused shut the whole LMS out.)
     */
    @Test
    void aFloodOfLoginsMakesRoomByDroppingTheOldestAndARealLaunchStillGoesThrough() throws Exception {
        try (TestPlatform p = platform(); TestPlatform other = platform()) {
            Map<String, Object> claims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"));
            Map<String, String> oldest = login(p);
            String body = form(Map.of("iss", p.issuer, "login_hint", "h", "target_link_uri", root() + "/lti/launch",
                    "client_id", p.clientId));
            for (int i = 0; i < 3 * 40; i++) {
                HttpResponse<String> r = send("POST", "/lti/login", "application/x-www-form-urlencoded", body, null);
                assertThat(r.statusCode()).as("login " + i + " of the flood: " + r.body()).isEqualTo(302);
            }
            HttpResponse<String> stale = send("POST", "/lti/launch", "application/x-www-form-urlencoded", form(Map.of("id_token",
                    p.idToken(oldest.get("nonce"), "slow-student", "link-flood", List.of(LEARNER), claims), "state",
                    oldest.get("state"))), null);
            assertThat(stale.statusCode()).as("the oldest waiting login made room for the newer").isEqualTo(401);
            assertThat(stale.body()).contains("UNKNOWN_STATE");

            HttpResponse<String> page = launch(p, "student-in-a-flood", "link-flood", List.of(LEARNER), claims);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(login(other)).as("another platform logs in as before").containsKey("state");
        }
    }

    @Test
    void aBadPathParameterUnderLtiIsA400ThatSaysWhatToFix() throws Exception {
        HttpResponse<String> regrade = send("GET", "/lti/api/instructor/regrades/abc", null, null, "any-session");
        assertThat(regrade.statusCode()).as(regrade.body()).isEqualTo(400);
        assertThat(Json.json().readTree(regrade.body()).path("error").asText())
                .isEqualTo("The path parameter 'execution' must be a whole number, such as 10.");
        HttpResponse<String> review = send("POST", "/lti/api/instructor/review/abc", "application/json", "{\"points\": 1}",
                "any-session");
        assertThat(review.statusCode()).as(review.body()).isEqualTo(400);
        assertThat(Json.json().readTree(review.body()).path("problems").get(0).path("field").asText()).isEqualTo("submission");
    }

    @Test
    void oneHangingLmsDoesNotHoldUpAnotherPlatformsScores() throws Exception {
        try (TestPlatform slow = platform(); TestPlatform fast = platform()) {
            slow.hangScores = new java.util.concurrent.CountDownLatch(1);
            try {
                Map<String, Object> slowClaims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                        List.of(LtiClient.SCORE_SCOPE), "lineitem", slow.lineitem(9)));
                Map<String, Object> fastClaims = Map.of(CUSTOM, Map.of("assignment", "hw7/hw7"), AGS, Map.of("scope",
                        List.of(LtiClient.SCORE_SCOPE), "lineitem", fast.lineitem(9)));
                String atSlow = session(launch(slow, "hang-1", "link-slow", List.of(LEARNER), slowClaims).body());
                String atFast = session(launch(fast, "quick-1", "link-fast", List.of(LEARNER), fastClaims).body());
                assertThat(client().submit(atSlow, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
                waitFor("the slow LMS to hang on the score", () -> slow.scoresHanging.get() >= 1);

                long start = System.nanoTime();
                assertThat(client().submit(atFast, "hw7/7b-teacher-forcing", "<sos> I see a dog").statusCode()).isEqualTo(200);
                waitFor("the other platform's score", () -> !fast.scores.isEmpty());
                long millis = (System.nanoTime() - start) / 1_000_000;
                JsonNode slowEntries = Json.json().readTree(send("GET", "/api/outbox?target=lti:" + linkId(slow, "link-slow"), null,
                        null, ServerIT.TOKEN).body());
                System.out.println("outbox lanes: with one LMS hanging, another platform's score arrived " + millis
                        + " ms after the answer was graded (the hanging delivery still in flight: attempts "
                        + slowEntries.findValuesAsText("attempts") + ")");
                assertThat(slowEntries.findValuesAsText("attempts")).as("the hanging delivery has not even timed out yet")
                        .containsOnly("0");
                assertThat(slow.scores).isEmpty();
            } finally {
                slow.hangScores.countDown();
            }
            waitFor("the slow LMS's score once it answers", () -> !slow.scores.isEmpty());
        }
    }
}
