package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped WAR on Payara Micro, with the database the environment names (H2 by default,
 * PostgreSQL with -Ppostgres), the hw7 pack from deploy/packs, and a real plugin jar in the
 * plugins folder. Each test uses its own users so the tests do not depend on one another.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerIT {
    static final String TOKEN = "it-admin-token";
    // HTTP/1.1: the JDK client otherwise tries an h2c upgrade, which Grizzly mishandles on requests with a body.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItPlugin.assayWar();
    }

    record Reply(int status, JsonNode json, byte[] bytes) {
    }

    Reply call(String method, String path, String contentType, byte[] body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && r.body().length > 0) {
            json = Json.json().readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body());
    }

    Reply get(String path) throws Exception {
        return call("GET", path, null, null, true);
    }

    Reply json(String method, String path, Object body) throws Exception {
        byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.json().writeValueAsBytes(body);
        return call(method, path, "application/json", bytes, true);
    }

    /** Uploads a one-question pack graded by the it-exact plugin; returns the question id. */
    String uploadPack(String expected) throws Exception {
        String pack = "it" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : Map.of(
                    "pack.yaml", "id: " + pack + "\ntitle: IT pack\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n    questions: [" + pack + "/q1]\n",
                    "questions/q1.yaml", "id: " + pack + "/q1\ntitle: Q1\npoints: 4\nplugin: it-exact\nprompt: Say $" + expected + "$.\n"
                            + "config:\n  expected: '" + expected + "'\nexpectedApproach: Just say it.\n").entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Reply r = call("POST", "/api/packs", "application/zip", bytes.toByteArray(), true);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        assertThat(r.json().path("id").asText()).isEqualTo(pack);
        return pack + "/q1";
    }

    @Test
    void servesTheHw7PackAndIsReady() throws Exception {
        URI root = URI.create(base.toString()).resolve("/health/ready");
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode health = Json.json().readTree(ready.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode pluginCheck = health.findParents("name").stream()
                .filter(c -> c.path("name").asText().equals("grader-plugins")).findFirst().orElseThrow().path("data");
        assertThat(pluginCheck.path("autoencoder-dl4j.device").asText()).as("the CPU build says where DL4J trains")
                .isEqualTo("CPU");
        assertThat(pluginCheck.path("autoencoder-dl4j.deviceReason").asText()).contains("CPU backend only");
        assertThat(pluginCheck.path("token-sequence.workers").asText()).as("each plugin's bulkhead").startsWith("share ");
        Reply questions = get("/api/questions?pack=hw7");
        assertThat(questions.status()).isEqualTo(200);
        assertThat(questions.json()).hasSize(14);
        assertThat(questions.json().findValuesAsText("id")).contains("hw7/3bi-grad-w2", "hw7/8b-orthonormal");
        assertThat(questions.json().findValuesAsText("state")).as("every hw7 question has its plugin").containsOnly("READY");

        Reply packs = get("/api/packs/hw7");
        assertThat(packs.json().path("questions").asInt()).isEqualTo(14);
        assertThat(packs.json().path("assignments").get(0).path("questions")).hasSize(14);

        Reply plugins = get("/api/plugins");
        assertThat(plugins.json().path("plugins").findValuesAsText("id")).contains(ItPlugin.ID, "matrix-calculus",
                "token-sequence", "essay-rubric", "autoencoder-dl4j");
        for (JsonNode p : plugins.json().path("plugins")) {
            assertThat(p.path("origin").asText()).as("each plugin from its own folder").endsWith("/" + p.path("id").asText());
            assertThat(p.path("share").asInt()).as("each plugin's share of the workers").isPositive();
            if (!p.path("id").asText().equals(ItPlugin.ID)) {
                assertThat(p.path("version").asText()).as(p.path("id").asText() + ": the version its jar was built with")
                        .isEqualTo(System.getProperty("assay.version"));
            }
        }
    }

    @Test
    void theShippedMatrixCalculusPluginGradesHw7OverRest() throws Exception {
        String user = "student-" + UUID.randomUUID();
        Reply right = json("POST", "/api/questions/hw7/3bi-grad-w1/submissions",
                Map.of("user", user, "answer", "-2*W2'*(X - W2*W1*X)*X'"));
        assertThat(right.status()).as(String.valueOf(right.json())).isEqualTo(201);
        assertThat(right.json().path("grade").path("notes").get(0).asText()).isEqualTo("EQUIVALENT");
        assertThat(right.json().path("grade").path("points").asDouble()).isEqualTo(2.0);

        Reply sign = json("POST", "/api/questions/hw7/3bi-grad-w1/submissions",
                Map.of("user", user, "answer", "2W_2^\\top(X - W_2W_1X)X^\\top"));
        assertThat(sign.json().path("grade").path("notes").toString()).contains("WRONG_SIGN");
        assertThat(sign.json().path("grade").path("feedback").toString()).contains("Expected approach");

        Reply preview = json("POST", "/api/questions/hw7/3bi-grad-w1/validate", Map.of("answer", "-2W_2^T(X - W_2W_1X)X^T"));
        assertThat(preview.json().path("echo").path("latex").asText()).isEqualTo("-2 W_2^\\top \\left(X - W_2 W_1 X\\right) X^\\top");
    }

    @Test
    void submitGradesPersistsAndKeepsHistory() throws Exception {
        String q = uploadPack("42");
        String user = "student-" + UUID.randomUUID();

        Reply right = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", " 42 "));
        assertThat(right.status()).as(String.valueOf(right.json())).isEqualTo(201);
        JsonNode grade = right.json().path("grade");
        assertThat(grade.path("status").asText()).isEqualTo("GRADED");
        assertThat(grade.path("score").asDouble()).isEqualTo(1.0);
        assertThat(grade.path("points").asDouble()).isEqualTo(4.0);
        assertThat(grade.path("notes").get(0).asText()).isEqualTo("EXACT");
        assertThat(grade.path("plugin").asText()).isEqualTo("it-exact");
        assertThat(grade.path("pluginVersion").asText()).isEqualTo("1.2.3");
        assertThat(grade.path("feedback").findValuesAsText("markdown")).contains("Just say it.");

        Reply wrong = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", "41",
                "files", java.util.List.of(Map.of("name", "notes.txt", "content",
                        Base64.getEncoder().encodeToString("working".getBytes(StandardCharsets.UTF_8))))));
        assertThat(wrong.json().path("grade").path("score").asDouble()).isZero();
        long id = wrong.json().path("submissionId").asLong();

        Reply stored = get("/api/submissions/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("answer").asText()).isEqualTo("41");
        assertThat(stored.json().path("user").asText()).isEqualTo(user);
        assertThat(stored.json().path("files").get(0).path("name").asText()).isEqualTo("notes.txt");
        assertThat(stored.json().path("files").get(0).path("size").asLong()).isEqualTo(7);
        assertThat(stored.json().path("grades")).hasSize(1);

        Reply mine = get("/api/questions/" + q + "/submissions?user=" + user);
        assertThat(mine.json()).hasSize(2);

        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString())
                .resolve("/metrics?scope=application")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("assay_grades_total\\{[^}]*plugin=\"it-exact\"[^}]*status=\"GRADED\"[^}]*\\} [1-9]")
                .contains("assay_grading_time_seconds");
    }

    @Test
    void aConfigurationChangeMakesANewVersionAndRegradesKeepTheOldGrade() throws Exception {
        String q = uploadPack("42");
        String user = "student-" + UUID.randomUUID();
        long id = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", "41"))
                .json().path("submissionId").asLong();

        Reply changed = json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41"),
                "reason", "accept 41 too"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("version").asInt()).isEqualTo(2);
        assertThat(changed.json().path("reason").asText()).isEqualTo("accept 41 too");
        assertThat(get("/api/questions/" + q + "/config/versions").json()).hasSize(2);
        assertThat(get("/api/questions/" + q).json().path("configVersion").asInt()).isEqualTo(2);

        Reply regraded = call("POST", "/api/submissions/" + id + "/regrade", null, null, true);
        assertThat(regraded.status()).isEqualTo(200);
        JsonNode grades = regraded.json().path("grades");
        assertThat(grades).hasSize(2);
        assertThat(grades.get(0).path("score").asDouble()).isZero();
        assertThat(grades.get(0).path("configVersion").asInt()).isEqualTo(1);
        assertThat(grades.get(1).path("score").asDouble()).isEqualTo(1.0);
        assertThat(grades.get(1).path("configVersion").asInt()).isEqualTo(2);
        assertThat(regraded.json().path("configVersion").asInt()).isEqualTo(1);

        Reply same = json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41")));
        assertThat(same.json().path("version").asInt()).as("an unchanged configuration makes no version").isEqualTo(2);

        Reply export = get("/api/packs/" + q.substring(0, q.indexOf('/')) + "/export");
        assertThat(export.status()).isEqualTo(200);
        CoursePack exported = PackReader.readZip(export.bytes());
        assertThat(exported.question(q).orElseThrow().config().path("expected").asText()).isEqualTo("41");
    }

    @Test
    void aBatchRegradeGradesTheWholeAssignmentAgainAfterAConfigurationChange() throws Exception {
        String q = uploadPack("42");
        String pack = q.substring(0, q.indexOf('/'));
        for (int i = 0; i < 25; i++) {
            json("POST", "/api/questions/" + q + "/submissions", Map.of("user", "batch-" + i, "answer", i % 2 == 0 ? "41" : "42"));
        }
        Reply failing = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", "batch-boom", "answer", "boom"));
        assertThat(failing.json().path("grade").path("status").asText()).isEqualTo("ERROR");
        assertThat(json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41"))).status())
                .isEqualTo(200);
        long assignment = get("/api/assignments?pack=" + pack).json().get(0).path("id").asLong();

        Reply started = call("POST", "/api/assignments/" + assignment + "/regrades", null, null, true);
        assertThat(started.status()).as(String.valueOf(started.json())).isEqualTo(202);
        long execution = started.json().path("executionId").asLong();
        JsonNode done = Await.until("the regrade to end", 30, () -> get("/api/assignments/" + assignment + "/regrades/" + execution)
                .json(), ServerIT::ended);
        assertThat(done.path("status").asText()).as(String.valueOf(done)).isEqualTo("COMPLETED");
        assertThat(done.path("regraded").asLong()).as("25 outdated grades and one ERROR").isEqualTo(26);
        for (int i = 0; i < 4; i++) {
            JsonNode s = get("/api/questions/" + q + "/submissions?user=batch-" + i).json().get(0);
            JsonNode grades = s.path("grades");
            assertThat(grades).hasSize(2);
            assertThat(grades.get(1).path("configVersion").asInt()).isEqualTo(2);
            assertThat(grades.get(1).path("score").asDouble()).isEqualTo(i % 2 == 0 ? 1.0 : 0.0);
        }

        // Run again: nothing left to do but the answer still in error.
        long again = call("POST", "/api/assignments/" + assignment + "/regrades", null, null, true).json().path("executionId").asLong();
        Await.until("the second regrade to complete", 30, () -> get("/api/assignments/" + assignment + "/regrades/" + again)
                .json().path("status").asText().equals("COMPLETED"));
        assertThat(get("/api/assignments/" + assignment + "/regrades/" + again).json().path("regraded").asLong())
                .as("only the answer its plugin still fails on").isEqualTo(1);
        assertThat(call("GET", "/api/assignments/" + assignment + "/regrades/999999", null, null, true).status()).isEqualTo(404);
        JsonNode listed = get("/api/assignments/" + assignment + "/regrades").json();
        assertThat(listed.findValuesAsText("executionId")).as("newest first")
                .containsExactly(String.valueOf(again), String.valueOf(execution));
        assertThat(listed.get(1).path("requestedBy").asText()).isNotBlank();
    }

    @Test
    void aLowConfidenceEssayGoesToTheReviewQueueAndTheInstructorsGradeIsAdded() throws Exception {
        String user = "reviewed-" + UUID.randomUUID();
        Reply graded = json("POST", "/api/questions/hw7/4b-reflection/submissions", Map.of("user", user, "answer",
                "bottleneck data loading preprocessing once random number overhead redundant layer profiling GPU FLOPs "
                        + "batch norm mixed precision dataloader"));
        assertThat(graded.json().path("grade").path("status").asText()).isEqualTo("NEEDS_REVIEW");
        long id = graded.json().path("submissionId").asLong();

        Reply queue = get("/api/review?pack=hw7");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().findValuesAsText("user")).contains(user);

        Reply tooMany = json("POST", "/api/submissions/" + id + "/review", Map.of("points", 99));
        assertThat(tooMany.status()).isEqualTo(400);
        Reply reviewed = json("POST", "/api/submissions/" + id + "/review", Map.of("points", 1,
                "comment", "A list of keywords is not yet a reflection: say **what** you changed and **why**.", "reviewer", "prof-x"));
        assertThat(reviewed.status()).as(String.valueOf(reviewed.json())).isEqualTo(200);
        JsonNode grades = reviewed.json().path("grades");
        assertThat(grades).hasSize(2);
        assertThat(grades.get(0).path("needsReview").asBoolean()).as("the plugin's grade stays in the history").isTrue();
        JsonNode latest = grades.get(1);
        assertThat(latest.path("status").asText()).isEqualTo("GRADED");
        assertThat(latest.path("plugin").asText()).isEqualTo("instructor");
        assertThat(latest.path("notes").toString()).contains("REVIEWED").doesNotContain("NEEDS_REVIEW");
        assertThat(latest.path("feedback").get(0).path("markdown").asText()).contains("not yet a reflection");
        assertThat(get("/api/review?pack=hw7").json().findValuesAsText("user")).doesNotContain(user);
    }

    @Test
    void aConfigurationThatDoesNotFitThePluginIsRefusedWithThePathOfTheField() throws Exception {
        String q = uploadPack("42");
        Reply r = json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "", "extra", 1)));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(400);
        assertThat(r.json().path("problems").findValuesAsText("field")).containsExactly("config.extra");
        Reply blank = json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", " ")));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("problems").get(0).path("field").asText()).isEqualTo("config.expected");
        assertThat(blank.json().path("problems").get(0).path("message").asText()).isEqualTo("must not be blank");
        assertThat(get("/api/questions/" + q + "/config/versions").json()).hasSize(1);
    }

    @Test
    void badRequestsGetReadableErrors() throws Exception {
        String q = uploadPack("42");
        Reply missing = json("POST", "/api/questions/" + q + "/submissions", "{\"answer\": null}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("problems").findValuesAsText("field")).containsExactly("answer", "user");

        Reply malformed = json("POST", "/api/questions/" + q + "/submissions", "{\"user\": \"u\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).startsWith("The body is not valid JSON");

        Reply wrongType = json("POST", "/api/questions/" + q + "/submissions", "{\"user\": \"u\", \"answer\": \"x\", \"files\": 3}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("problems").get(0).path("field").asText()).isEqualTo("files");

        Reply noToken = call("GET", "/api/questions", null, null, false);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("error").asText()).contains("Bearer");

        assertThat(get("/api/questions/hw7/nope").status()).isEqualTo(404);
        Reply badLimit = get("/api/review?limit=abc");
        assertThat(badLimit.status()).as("a parameter that does not convert is the caller's to fix, not a missing page")
                .isEqualTo(400);
        assertThat(badLimit.json().path("error").asText()).contains("'limit'", "whole number");
        assertThat(badLimit.json().path("problems").get(0).path("field").asText()).isEqualTo("limit");
        Reply badId = get("/api/submissions/abc");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("problems").get(0).path("field").asText()).isEqualTo("id");
        for (String notABoolean : List.of("yes", "1", "maybe")) {
            Reply badFlag = get("/api/review?changed=" + notABoolean);
            assertThat(badFlag.status()).as("?changed=" + notABoolean + " once quietly meant false").isEqualTo(400);
            assertThat(badFlag.json().path("error").asText()).isEqualTo("The query parameter 'changed' must be true or false.");
            assertThat(badFlag.json().path("problems").get(0).path("field").asText()).isEqualTo("changed");
        }
        assertThat(get("/api/review?changed=false").status()).isEqualTo(200);
        Reply badPack = call("POST", "/api/packs", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8), true);
        assertThat(badPack.status()).isEqualTo(400);
        assertThat(badPack.json().path("problems").get(0).path("message").asText()).contains("not a zip");
    }

    @Test
    void anOverSizeAnswerIsRefusedAndNothingIsStored() throws Exception {
        String q = uploadPack("42");
        String user = "student-" + UUID.randomUUID();
        Reply big = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", "x".repeat(70_000)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("error").asText()).contains("64.0 KiB");
        assertThat(get("/api/questions/" + q + "/submissions?user=" + user).json()).isEmpty();
    }

    @Test
    void validationEchoesHowTheAnswerWasRead() throws Exception {
        String q = uploadPack("42");
        Reply v = json("POST", "/api/questions/" + q + "/validate", Map.of("answer", " 42 "));
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().path("valid").asBoolean()).isTrue();
        assertThat(v.json().path("echo").path("latex").asText()).isEqualTo("\\text{42}");
        Reply empty = json("POST", "/api/questions/" + q + "/validate", Map.of("answer", ""));
        assertThat(empty.json().path("valid").asBoolean()).isFalse();
        assertThat(empty.json().path("messages").get(0).asText()).isEqualTo("Type an answer.");
    }

    /** Whether a regrade's view says it has ended, one way or another. */
    static boolean ended(JsonNode regrade) {
        return regrade.path("status").asText().matches("COMPLETED|FAILED|STOPPED|ABANDONED");
    }

    /** Runs an assignment's batch regrade to its end; returns the execution's final view. */
    JsonNode regradeAll(String pack) throws Exception {
        long assignment = get("/api/assignments?pack=" + pack).json().get(0).path("id").asLong();
        Reply started = call("POST", "/api/assignments/" + assignment + "/regrades", null, null, true);
        assertThat(started.status()).as(String.valueOf(started.json())).isEqualTo(202);
        long execution = started.json().path("executionId").asLong();
        JsonNode done = Await.until("the regrade to end", 30, () -> get("/api/assignments/" + assignment + "/regrades/" + execution)
                .json(), ServerIT::ended);
        assertThat(done.path("status").asText()).as(String.valueOf(done)).isEqualTo("COMPLETED");
        return done;
    }

    /** The submission ids of a list of submissions. */
    static java.util.List<Long> ids(JsonNode submissions) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        submissions.forEach(s -> ids.add(s.path("id").asLong()));
        return ids;
    }

    @Test
    void anInstructorsReviewStandsThroughABatchRegradeWhichShowsThePluginsNewGrade() throws Exception {
        String q = uploadPack("42");
        String pack = q.substring(0, q.indexOf('/'));
        String user = "reviewed-" + UUID.randomUUID();
        Reply graded = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", "unsure: 41"));
        assertThat(graded.json().path("grade").path("status").asText()).isEqualTo("NEEDS_REVIEW");
        long id = graded.json().path("submissionId").asLong();
        assertThat(ids(get("/api/review?pack=" + pack).json())).containsExactly(id);

        Reply reviewed = json("POST", "/api/submissions/" + id + "/review", Map.of("points", 3, "comment", "Close: say why."));
        assertThat(reviewed.status()).as(String.valueOf(reviewed.json())).isEqualTo(200);
        long review = reviewed.json().path("grades").get(1).path("id").asLong();
        assertThat(reviewed.json().path("gradeInForce").asLong()).isEqualTo(review);
        assertThat(get("/api/review?pack=" + pack).json()).isEmpty();

        // The configuration changes; the batch regrade grades the answer again (the plugin now says 4 of 4).
        assertThat(json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41"))).status()).isEqualTo(200);
        regradeAll(pack);

        JsonNode after = get("/api/submissions/" + id).json();
        assertThat(after.path("grades")).as("the plugin's new grade is in the history").hasSize(3);
        assertThat(after.path("grades").get(2).path("plugin").asText()).isEqualTo(ItPlugin.ID);
        assertThat(after.path("gradeInForce").asLong()).as("the instructor's grade stands").isEqualTo(review);
        assertThat(after.path("reviewed").asBoolean()).isTrue();
        assertThat(after.path("newerPluginGrade").path("points").asDouble()).as("the difference, shown").isEqualTo(4.0);
        assertThat(get("/api/review?pack=" + pack).json()).as("not back in the review queue").isEmpty();
        assertThat(ids(get("/api/review?pack=" + pack + "&changed=true").json()))
                .as("listed for the instructor to look again").containsExactly(id);
        assertThat(get("/api/questions/" + q + "/submissions?user=" + user).json().get(0).path("gradeInForce").asLong())
                .isEqualTo(review);

        regradeAll(pack);
        assertThat(get("/api/submissions/" + id).json().path("grades")).as("regraded once per configuration change, not forever")
                .hasSize(3);

        Reply again = json("POST", "/api/submissions/" + id + "/review", Map.of("points", 4));
        assertThat(again.json().path("gradeInForce").asLong()).isEqualTo(again.json().path("grades").get(3).path("id").asLong());
        assertThat(again.json().path("newerPluginGrade").isMissingNode() || again.json().path("newerPluginGrade").isNull()).isTrue();
        assertThat(get("/api/review?pack=" + pack + "&changed=true").json()).as("looked at again").isEmpty();
    }

    @Test
    void reviewPointsThatAreNotAFiniteNumberInRangeAreRefusedAndNothingIsStored() throws Exception {
        String q = uploadPack("42");
        long id = json("POST", "/api/questions/" + q + "/submissions", Map.of("user", "nan-" + UUID.randomUUID(), "answer", "41"))
                .json().path("submissionId").asLong();
        for (String points : new String[]{"\"NaN\"", "\"Infinity\"", "1e400", "-1", "4.5"}) {
            Reply refused = json("POST", "/api/submissions/" + id + "/review", "{\"points\": " + points + "}");
            assertThat(refused.status()).as(points + ": " + refused.json()).isEqualTo(400);
            assertThat(refused.json().path("problems").findValuesAsText("field")).as(points).containsExactly("points");
        }
        Reply outOfRange = json("POST", "/api/submissions/" + id + "/review", "{\"points\": 4.5}");
        assertThat(outOfRange.json().path("error").asText()).contains("from 0 to 4");
        Reply stored = get("/api/submissions/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("grades")).hasSize(1);
        Reply config = json("PUT", "/api/questions/" + q + "/config", "{\"config\": {\"expected\": 1e400}}");
        assertThat(config.status()).as("no infinity in free-form JSON either").isEqualTo(400);
    }
}
