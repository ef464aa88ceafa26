package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.it.ServerIT.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The workspace's core over REST on the shipped WAR: the configuration schema of each real plugin (what the generated
 * form is built from), and instructor workspace tokens, which reach one assignment, its questions, the plugins and
 * /api/me, and nothing else.
 */
class WorkspaceAccessIT extends AgainstTheWar {
    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "enum", "list", "map", "object");

    /** A call with {@code token} as the bearer credential (null: none). */
    private Reply call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body instanceof byte[] raw ? raw : Json.json().writeValueAsBytes(body)));
        if (body != null) {
            // Raw bytes: a pack upload (its resource takes only zips, and matching comes before the access check).
            b.header("Content-Type", body instanceof byte[] ? "application/zip" : "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = ServerIT.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = r.headers().firstValue("Content-Type").orElse("").contains("json") && r.body().length > 0
                ? Json.json().readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, r.body());
    }

    private long assignmentHolding(String questionId) throws Exception {
        for (JsonNode a : server.get("/api/assignments").json()) {
            for (JsonNode q : a.path("questions")) {
                if (q.asText().equals(questionId)) {
                    return a.path("id").asLong();
                }
            }
        }
        throw new AssertionError("no assignment holds " + questionId);
    }

    private JsonNode grant(long assignment, Map<String, Object> body) throws Exception {
        Reply r = server.json("POST", "/api/assignments/" + assignment + "/workspace-tokens", body);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        return r.json();
    }

    /** Every field of a schema, nested ones (items, values, fields) included. */
    private static List<JsonNode> allFields(JsonNode fields) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode f : fields) {
            all.add(f);
            for (String inner : List.of("items", "keys", "values")) {
                if (f.has(inner)) {
                    all.addAll(allFields(Json.json().createArrayNode().add(f.get(inner))));
                }
            }
            if (f.has("fields")) {
                all.addAll(allFields(f.get("fields")));
            }
        }
        return all;
    }

    private static JsonNode field(JsonNode schema, String name) {
        for (JsonNode f : schema.path("fields")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + schema);
    }

    @Test
    void eachRealPluginsConfigurationIsDescribedFieldByFieldWithItsDocAndConstraints() throws Exception {
        Map<String, String> types = Map.of("matrix-calculus", "MatrixConfig", "token-sequence", "TokenConfig",
                "essay-rubric", "EssayConfig", "autoencoder-dl4j", "AeConfig");
        for (var plugin : types.entrySet()) {
            Reply r = server.get("/api/plugins/" + plugin.getKey() + "/config-schema");
            assertThat(r.status()).as(plugin.getKey() + ": " + r.json()).isEqualTo(200);
            assertThat(r.json().path("plugin").asText()).isEqualTo(plugin.getKey());
            assertThat(r.json().path("type").asText()).isEqualTo(plugin.getValue());
            List<JsonNode> fields = allFields(r.json().path("fields"));
            assertThat(fields).as(plugin.getKey()).hasSizeGreaterThan(3);
            for (JsonNode f : fields) {
                assertThat(f.path("type").asText()).as(plugin.getKey() + " " + f).isIn(TYPES);
                assertThat(f.path("constraints").isObject()).as(plugin.getKey() + " " + f).isTrue();
                if (f.path("type").asText().equals("enum")) {
                    assertThat(f.path("choices")).as(f.toString()).isNotEmpty();
                }
            }
        }

        JsonNode trials = field(server.get("/api/plugins/matrix-calculus/config-schema").json(), "trials");
        assertThat(trials.path("type").asText()).isEqualTo("integer");
        assertThat(trials.path("doc").asText()).isEqualTo("random trials per check");
        assertThat(trials.path("defaultValue").asText()).isEqualTo("3");
        assertThat(trials.path("constraints").path("min").asInt()).isEqualTo(1);
        assertThat(trials.path("constraints").path("max").asInt()).isEqualTo(10);

        JsonNode expected = field(server.get("/api/plugins/token-sequence/config-schema").json(), "expected");
        assertThat(expected.path("type").asText()).isEqualTo("list");
        assertThat(expected.path("doc").asText()).isEqualTo("the right tokens, in order for a sequence");
        assertThat(expected.path("required").asBoolean()).isTrue();
        assertThat(expected.path("constraints").path("minItems").asInt()).isEqualTo(1);
        assertThat(expected.path("items").path("constraints").path("notBlank").asBoolean()).isTrue();

        JsonNode mode = field(server.get("/api/plugins/essay-rubric/config-schema").json(), "mode");
        assertThat(mode.path("type").asText()).isEqualTo("enum");
        assertThat(mode.path("doc").asText()).startsWith("rubric (criteria with evidence)");
        assertThat(mode.path("required").asBoolean()).isTrue();
        assertThat(mode.path("choices").findValuesAsText("")).isEmpty();
        assertThat(List.of(mode.path("choices").get(0).asText(), mode.path("choices").get(1).asText()))
                .containsExactly("rubric", "reference");

        JsonNode ae = server.get("/api/plugins/autoencoder-dl4j/config-schema").json();
        JsonNode k = field(ae, "k");
        assertThat(k.path("doc").asText()).isEqualTo("bottleneck width k");
        assertThat(k.path("constraints").path("min").asInt()).isEqualTo(1);
        assertThat(k.path("constraints").path("max").asInt()).isEqualTo(256);
        JsonNode generate = field(field(ae, "data"), "generate");
        assertThat(generate.path("type").asText()).as("nested records are described").isEqualTo("object");
        assertThat(field(generate, "spectrum").path("items").path("type").asText()).isEqualTo("number");

        assertThat(server.get("/api/plugins/no-such-plugin/config-schema").status()).isEqualTo(404);
    }

    @Test
    void aWorkspaceTokenReadsPreviewsAndSavesItsAssignmentsQuestionsAndNothingElse() throws Exception {
        String question = "hw7/3bi-grad-w1";
        long hw7 = assignmentHolding(question);
        String otherQuestion = server.uploadPack("42");
        long other = assignmentHolding(otherQuestion);
        JsonNode granted = grant(hw7, Map.of("actor", "prof.ada", "target", "course-1/link-7"));
        String token = granted.path("token").asText();
        assertThat(granted.path("assignment").asLong()).isEqualTo(hw7);
        assertThat(Instant.parse(granted.path("expires").asText())).isAfter(Instant.now().plusSeconds(3600));

        Reply me = call(token, "GET", "/api/me", null);
        assertThat(me.status()).as(String.valueOf(me.json())).isEqualTo(200);
        assertThat(me.json().path("role").asText()).isEqualTo("INSTRUCTOR");
        assertThat(me.json().path("actor").asText()).isEqualTo("prof.ada");
        assertThat(me.json().path("assignment").asLong()).isEqualTo(hw7);
        assertThat(me.json().path("target").asText()).isEqualTo("course-1/link-7");
        assertThat(me.json().path("expires").asText()).isEqualTo(granted.path("expires").asText());
        Reply adminMe = server.get("/api/me");
        assertThat(adminMe.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(adminMe.json().has("assignment")).as("written as null").isTrue();
        assertThat(adminMe.json().path("assignment").isNull()).isTrue();

        // Its own assignment and questions: read, preview, save.
        assertThat(call(token, "GET", "/api/assignments/" + hw7, null).status()).isEqualTo(200);
        assertThat(call(token, "GET", "/api/assignments/" + hw7 + "/analytics", null).status()).isEqualTo(200);
        assertThat(call(token, "GET", "/api/plugins", null).status()).isEqualTo(200);
        assertThat(call(token, "GET", "/api/plugins/matrix-calculus/config-schema", null).status()).isEqualTo(200);
        assertThat(call(token, "GET", "/api/questions/" + question, null).status()).isEqualTo(200);
        Reply preview = call(token, "POST", "/api/questions/" + question + "/preview",
                Map.of("answer", "-2W_2^T(X - W_2W_1X)X^T"));
        assertThat(preview.status()).as(String.valueOf(preview.json())).isEqualTo(200);
        JsonNode config = call(token, "GET", "/api/questions/" + question + "/config", null).json();
        Reply saved = call(token, "PUT", "/api/questions/" + question + "/config", Map.of("config", config.path("config"),
                "expectedApproach", config.path("expectedApproach").asText() + " (Chain rule first.)",
                "reason", "a hint in the approach"));
        assertThat(saved.status()).as(String.valueOf(saved.json())).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(config.path("version").asInt() + 1);
        assertThat(saved.json().path("createdBy").asText()).as("the grant's instructor, not admin").isEqualTo("prof.ada");

        // Everything else: refused, naming the assignment the token is for.
        for (String[] refused : List.of(
                new String[]{"GET", "/api/questions/" + otherQuestion},
                new String[]{"POST", "/api/questions/" + otherQuestion + "/preview"},
                new String[]{"GET", "/api/assignments/" + other},
                new String[]{"GET", "/api/assignments"},
                new String[]{"POST", "/api/packs"},
                new String[]{"GET", "/api/outbox"},
                new String[]{"GET", "/api/review"},
                new String[]{"POST", "/api/assignments/" + hw7 + "/workspace-tokens"})) {
            Object body = refused[1].equals("/api/packs") ? new byte[]{'P', 'K', 3, 4} : refused[0].equals("POST") ? Map.of("answer", "1") : null;
            Reply r = call(token, refused[0], refused[1], body);
            assertThat(r.status()).as(refused[0] + " " + refused[1] + ": " + r.json()).isEqualTo(403);
        }
        Reply otherAssignment = call(token, "GET", "/api/questions/" + otherQuestion, null);
        assertThat(otherAssignment.json().path("error").asText()).contains("for assignment " + hw7);
    }

    @Test
    void anExpiredForgedOrMissingTokenIs401() throws Exception {
        long hw7 = assignmentHolding("hw7/3bi-grad-w1");
        String shortLived = grant(hw7, Map.of("actor", "prof.ada", "seconds", 1)).path("token").asText();
        String token = grant(hw7, Map.of("actor", "prof.ada")).path("token").asText();
        String[] parts = token.split("\\.");
        // The payload rewritten to name another assignment, the signature kept: the signature no longer matches.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"assignment\":" + hw7,
                "\"assignment\":" + (hw7 + 1));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2];

        Thread.sleep(2_100);

        for (String bad : List.of(shortLived, forged, "a.b.c", "not-the-admin-token")) {
            Reply r = call(bad, "GET", "/api/assignments/" + hw7, null);
            assertThat(r.status()).as(bad + ": " + r.json()).isEqualTo(401);
        }
        Reply expired = call(shortLived, "GET", "/api/me", null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("error").asText()).contains("expired");
        assertThat(call(null, "GET", "/api/me", null).status()).isEqualTo(401);
        assertThat(call(token, "GET", "/api/me", null).status()).as("the genuine token still works").isEqualTo(200);
    }

    @Test
    void titlePromptAndPointsAreSavedAsAVersionAStaleFormIsRefusedAndTheDryRunShowsThePointsChange() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentHolding(q);
        Reply submitted = server.json("POST", "/api/questions/" + q + "/submissions", Map.of("user", "wa-student", "answer", "42"));
        assertThat(submitted.status()).as(String.valueOf(submitted.json())).isIn(200, 201);
        JsonNode v1 = server.get("/api/questions/" + q + "/config").json();
        assertThat(v1.path("title").asText()).as("a version from the import: the question as it stood").isEqualTo("Q1");
        assertThat(v1.path("points").asDouble()).isEqualTo(4);
        String token = grant(assignment, Map.of("actor", "prof.bo")).path("token").asText();

        Reply saved = call(token, "PUT", "/api/questions/" + q + "/config", Map.of("config", v1.path("config"),
                "title", "Q1, worth more", "prompt", "Say $42$, **exactly**.", "points", 8, "baseVersion", 1,
                "reason", "worth more"));

        assertThat(saved.status()).as(String.valueOf(saved.json())).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(2);
        assertThat(saved.json().path("title").asText()).isEqualTo("Q1, worth more");
        assertThat(saved.json().path("prompt").asText()).isEqualTo("Say $42$, **exactly**.");
        assertThat(saved.json().path("points").asDouble()).isEqualTo(8);
        JsonNode question = server.get("/api/questions/" + q).json();
        assertThat(question.path("title").asText()).as("the question follows the version in force").isEqualTo("Q1, worth more");
        assertThat(question.path("points").asDouble()).isEqualTo(8);

        // A form loaded from version 1, saved after version 2: refused, naming who saved what; nothing overwritten.
        Reply stale = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", v1.path("config"),
                "points", 2, "baseVersion", 1));
        assertThat(stale.status()).as(String.valueOf(stale.json())).isEqualTo(409);
        assertThat(stale.json().path("error").asText()).contains("Version 2").contains("prof.bo").containsIgnoringCase("reload")
                .contains("still in your form");
        assertThat(server.get("/api/questions/" + q + "/config").json().path("version").asInt()).isEqualTo(2);

        Reply badPoints = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", v1.path("config"), "points", 0));
        assertThat(badPoints.status()).as(String.valueOf(badPoints.json())).isEqualTo(400);
        assertThat(badPoints.json().path("problems").findValuesAsText("field")).contains("points");

        JsonNode changes = server.get("/api/questions/" + q + "/config/versions/1/diff/2").json().path("changes");
        assertThat(changes.findValuesAsText("field")).containsExactly("title", "prompt", "points");
        assertThat(changes.get(2).path("oldValue").asDouble()).isEqualTo(4);
        assertThat(changes.get(2).path("newValue").asDouble()).isEqualTo(8);

        JsonNode dryRun = server.json("POST", "/api/assignments/" + assignment + "/regrades/preview", Map.of()).json();
        assertThat(dryRun.path("changed").asInt()).as(dryRun.toString()).isEqualTo(1);
        assertThat(dryRun.path("students").get(0).path("old").asDouble()).isEqualTo(4);
        assertThat(dryRun.path("students").get(0).path("new").asDouble()).isEqualTo(8);

        Reply restored = server.json("POST", "/api/questions/" + q + "/config/versions/1/restore", Map.of("reason", "back"));
        assertThat(restored.status()).as(String.valueOf(restored.json())).isEqualTo(200);
        assertThat(restored.json().path("version").asInt()).isEqualTo(3);
        assertThat(restored.json().path("title").asText()).isEqualTo("Q1");
        assertThat(restored.json().path("points").asDouble()).isEqualTo(4);
        assertThat(server.get("/api/questions/" + q).json().path("points").asDouble()).isEqualTo(4);

        JsonNode overview = server.get("/api/assignments/" + assignment + "/analytics").json().path("questions").get(0);
        assertThat(overview.path("plugin").asText()).isEqualTo("it-exact");
        assertThat(overview.path("state").asText()).isEqualTo("READY");
        assertThat(overview.path("configVersion").asInt()).isEqualTo(3);
        assertThat(overview.path("tests").asText()).isEqualTo("none");
        assertThat(overview.path("students").asInt()).isEqualTo(1);
    }
}
