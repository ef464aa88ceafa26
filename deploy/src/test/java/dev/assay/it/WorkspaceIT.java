package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.it.ServerIT.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The instructor workspace's REST side on the shipped WAR: previews with a draft configuration, analytics per question
 * and per assignment, and the OpenAPI description of /api. Each test uploads its own pack (graded by the it-exact
 * plugin: its echo is the trimmed answer) so that its counts are its own.
 */
class WorkspaceIT extends AgainstTheWar {
    private Reply preview(String question, Object body) throws Exception {
        return server.json("POST", "/api/questions/" + question + "/preview", body);
    }

    @Test
    void aPreviewIsExactlyTheGradeAStudentGetsAndStoresNothing() throws Exception {
        String q = server.uploadPack("42");
        int outboxBefore = server.get("/api/outbox?limit=1000").json().size();

        Reply right = preview(q, Map.of("answer", " 42 "));
        assertThat(right.status()).as(String.valueOf(right.json())).isEqualTo(200);
        JsonNode p = right.json();
        assertThat(p.path("status").asText()).isEqualTo("GRADED");
        assertThat(p.path("score").asDouble()).isEqualTo(1.0);
        assertThat(p.path("points").asDouble()).isEqualTo(4.0);
        assertThat(p.path("maximum").asDouble()).isEqualTo(4.0);
        assertThat(p.path("echo").path("text").asText()).isEqualTo("42");
        assertThat(p.path("draft").asBoolean()).isFalse();
        assertThat(p.path("configVersion").asInt()).isEqualTo(1);

        // A student's submission of the same answer gets the very same grade.
        Reply submitted = server.json("POST", "/api/questions/" + q + "/submissions",
                Map.of("user", "student-" + UUID.randomUUID(), "answer", " 42 "));
        JsonNode g = submitted.json().path("grade");
        for (String field : List.of("status", "score", "points", "notes", "feedback", "echo")) {
            assertThat(p.path(field)).as(field).isEqualTo(g.path(field));
        }

        Reply analytics = server.get("/api/questions/" + q + "/analytics");
        assertThat(analytics.json().path("submissions").asInt()).as("only the student's submission is stored").isEqualTo(1);
        assertThat(server.get("/api/outbox?limit=1000").json()).as("a preview sends no score anywhere").hasSize(outboxBefore);
    }

    @Test
    void aDraftConfigurationGradesThePreviewAndLeavesTheConfigurationInForce() throws Exception {
        String q = server.uploadPack("42");

        Reply draft = preview(q, Map.of("answer", "43", "config", Map.of("expected", "43")));

        assertThat(draft.status()).as(String.valueOf(draft.json())).isEqualTo(200);
        assertThat(draft.json().path("score").asDouble()).isEqualTo(1.0);
        assertThat(draft.json().path("notes").toString()).contains("EXACT");
        assertThat(draft.json().path("draft").asBoolean()).isTrue();
        assertThat(draft.json().path("configVersion").isNumber()).as("a draft has no version").isFalse();
        assertThat(preview(q, Map.of("answer", "43")).json().path("score").asDouble()).as("in force: 42").isZero();
        assertThat(server.get("/api/questions/" + q + "/config/versions").json()).hasSize(1);
        assertThat(server.get("/api/questions/" + q + "/config").json().path("config").path("expected").asText()).isEqualTo("42");
        assertThat(server.get("/api/questions/" + q + "/analytics").json().path("submissions").asInt()).isZero();
    }

    @Test
    void aDraftThatDoesNotFitThePluginIsRefusedNamingEachField() throws Exception {
        String q = server.uploadPack("42");

        Reply extra = preview(q, Map.of("answer", "42", "config", Map.of("expected", "42", "extra", 1)));
        assertThat(extra.status()).as(String.valueOf(extra.json())).isEqualTo(400);
        assertThat(extra.json().path("problems").findValuesAsText("field")).containsExactly("config.extra");
        assertThat(extra.json().path("error").asText()).contains("it-exact").contains("nothing was graded");

        Reply blank = preview(q, Map.of("answer", "42", "config", Map.of("expected", " ")));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("problems").get(0).path("field").asText()).isEqualTo("config.expected");
        assertThat(blank.json().path("problems").get(0).path("message").asText()).isEqualTo("must not be blank");

        Reply noAnswer = preview(q, "{\"config\": {\"expected\": \"42\"}}");
        assertThat(noAnswer.status()).isEqualTo(400);
        assertThat(noAnswer.json().path("problems").findValuesAsText("field")).containsExactly("answer");

        assertThat(preview(q.replace("/q1", "/nope"), Map.of("answer", "42")).status()).isEqualTo(404);
        Reply student = server.call("POST", "/api/questions/" + q + "/preview", "application/json",
                "{\"answer\": \"42\"}".getBytes(), false);
        assertThat(student.status()).as("previews are for instructors").isIn(401, 403);
    }

    @Test
    void analyticsCountTheGradesInForceByAnswerGroup() throws Exception {
        String q = server.uploadPack("42");
        String run = UUID.randomUUID().toString().substring(0, 8);
        submit(q, "ann-" + run, "42");
        submit(q, "bob-" + run, " 42 ");
        submit(q, "cat-" + run, "41");
        submit(q, "ann-" + run, "41");
        long unsure = submit(q, "dan-" + run, "unsure: 42");
        Reply reviewed = server.json("POST", "/api/submissions/" + unsure + "/review", Map.of("points", 2, "reviewer", "prof"));
        assertThat(reviewed.status()).as(String.valueOf(reviewed.json())).isEqualTo(200);

        JsonNode a = server.get("/api/questions/" + q + "/analytics").json();

        assertThat(a.path("submissions").asInt()).isEqualTo(5);
        assertThat(a.path("students").asInt()).isEqualTo(4);
        assertThat(a.path("scores").path("zero").asInt()).isEqualTo(2);
        assertThat(a.path("scores").path("full").asInt()).isEqualTo(2);
        JsonNode bins = a.path("scores").path("bins");
        assertThat(bins).hasSize(10);
        assertThat(bins.get(5).path("from").asDouble()).isEqualTo(2.0);
        assertThat(bins.get(5).path("count").asInt()).as("the review's 2 points, not the plugin's 4").isEqualTo(1);
        assertThat(a.path("notes").path("EXACT").asInt()).isEqualTo(2);
        assertThat(a.path("notes").path("WRONG").asInt()).isEqualTo(2);
        assertThat(a.path("notes").path("REVIEWED").asInt()).isEqualTo(1);
        assertThat(a.path("notes").has("NEEDS_REVIEW")).as("the review is in force").isFalse();

        JsonNode groups = a.path("answerGroups");
        assertThat(groups.findValuesAsText("count")).containsExactly("2", "2", "1");
        JsonNode right = groups.get(0);
        assertThat(right.path("echo").path("text").asText()).as("'42' and ' 42 ' read alike").isEqualTo("42");
        assertThat(right.path("score").asDouble()).isEqualTo(4.0);
        assertThat(right.path("uniform").asBoolean()).isTrue();
        assertThat(right.path("example").asText()).isEqualTo("42");
        assertThat(groups.get(1).path("echo").path("text").asText()).isEqualTo("41");
        assertThat(groups.get(1).path("score").asDouble()).isZero();
        assertThat(groups.get(2).path("score").asDouble()).isEqualTo(2.0);
        assertThat(a.path("answerGroupsTotal").asInt()).isEqualTo(3);
        assertThat(server.get("/api/questions/" + q + "/analytics?groups=1").json().path("answerGroups")).hasSize(1);
        assertThat(server.get("/api/questions/" + q + "/analytics?groups=0").status()).isEqualTo(400);

        long assignment = server.get("/api/assignments?pack=" + q.substring(0, q.indexOf('/'))).json().get(0).path("id").asLong();
        JsonNode perQuestion = server.get("/api/assignments/" + assignment + "/analytics").json().path("questions").get(0);
        assertThat(perQuestion.path("questionId").asText()).isEqualTo(q);
        assertThat(perQuestion.path("submissions").asInt()).isEqualTo(5);
        assertThat(perQuestion.path("students").asInt()).isEqualTo(4);
        assertThat(perQuestion.path("mean").asDouble()).as("latest of each: ann 0, bob 4, cat 0, dan 2 (reviewed)")
                .isEqualTo(1.5);
    }

    /** A schema, or the one it refers to ({@code #/components/schemas/Name}). */
    private static JsonNode schema(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }


    @Test
    void openApiDescribesEveryEndpointUnderApiWithItsErrors() throws Exception {
        // /openapi is the server's, at its root; the WAR's context root, where there is one, prefixes the paths.
        HttpResponse<String> reply = ServerIT.HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode doc = Json.json().readTree(reply.body());
        String contextRoot = base.getPath().replaceAll("/$", "");
        JsonNode described = doc.path("paths");
        ObjectNode paths = Json.json().createObjectNode();
        described.fieldNames().forEachRemaining(p -> paths.set(p.startsWith(contextRoot + "/api/")
                ? p.substring(contextRoot.length()) : p, described.get(p)));
        List<String> missing = new ArrayList<>();
        for (String[] endpoint : RestEndpoints.all()) {
            JsonNode op = paths.path(endpoint[1]).path(endpoint[0].toLowerCase(java.util.Locale.ROOT));
            boolean success = false;
            for (var codes = op.path("responses").fieldNames(); codes.hasNext(); ) {
                success |= codes.next().startsWith("2");
            }
            if (op.isMissingNode() || op.path("summary").asText().isBlank() || !success
                    || !op.path("responses").has("401")) {
                missing.add(endpoint[0] + " " + endpoint[1]);
            }
        }
        assertThat(missing).as("every JAX-RS method of /api is described: a summary, its success, its errors").isEmpty();
        assertThat(paths.has("/api/questions/{pack}/{name}/preview")).isTrue();
        assertThat(paths.has("/api/questions/{pack}/{name}/analytics")).isTrue();

        JsonNode preview = paths.path("/api/questions/{pack}/{name}/preview").path("post");
        assertThat(preview.path("summary").asText()).isNotBlank();
        assertThat(preview.path("parameters").findValuesAsText("name")).contains("pack", "name");
        assertThat(preview.path("requestBody").path("content").has("application/json")).isTrue();
        JsonNode success = preview.path("responses").path("200");
        assertThat(schema(doc, success.path("content").path("application/json").path("schema")).path("properties").has("maximum"))
                .as("the preview's response: " + success).isTrue();
        assertThat(preview.path("responses").has("400")).isTrue();
        assertThat(preview.path("responses").path("409").path("content").path("application/json").path("schema").path("$ref").asText())
                .as("an error a method declares has the error shape too").endsWith("/ErrorBody");
        String error = preview.path("responses").path("400").path("content").path("application/json").path("schema").path("$ref").asText();
        assertThat(error).endsWith("/ErrorBody");
        assertThat(doc.path("components").path("schemas").path("ErrorBody").path("properties").has("problems")).isTrue();
        assertThat(paths.path("/api/questions/{pack}/{name}/analytics").path("get").path("parameters").findValuesAsText("name"))
                .contains("groups");
    }
}
