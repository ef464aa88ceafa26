package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.it.ServerIT.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Question tests on a configuration save, the versions' diff and restore, and a preview kept as a test, over REST on the
 * shipped WAR (H2). Each test uploads its own pack: one it-exact question (full credit and EXACT for the expected answer,
 * else 0 and WRONG) with two question tests, "42" → 1 [EXACT] and "41" → 0 [WRONG].
 */
class QuestionTestsIT extends AgainstTheWar {
    /** Uploads a one-question pack whose question has two tests; returns the question id. */
    private String uploadPackWithTests() throws Exception {
        String pack = "qt" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : Map.of(
                    "pack.yaml", "id: " + pack + "\ntitle: IT pack\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n    questions: [" + pack + "/q1]\n",
                    "questions/q1.yaml", "id: " + pack + "/q1\ntitle: Q1\npoints: 4\nplugin: it-exact\nprompt: Say 42.\n"
                            + "config:\n  expected: '42'\nexpectedApproach: Just say it.\n"
                            + "tests:\n  - answer: '42'\n    score: 1\n    notes: [EXACT]\n"
                            + "  - answer: '41'\n    score: 0\n    notes: [WRONG]\n").entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Reply r = server.call("POST", "/api/packs", "application/zip", bytes.toByteArray(), true);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        return pack + "/q1";
    }

    private Reply putConfig(String q, Object body) throws Exception {
        return server.json("PUT", "/api/questions/" + q + "/config", body);
    }

    private static Map<String, Object> test(String answer, double score, String note) {
        return Map.of("answer", answer, "score", score, "notes", List.of(note));
    }

    @Test
    void aSaveThatFailsATestIsRefusedListingItThenAcceptedWithTheTestUpdatedInTheSameSave() throws Exception {
        String q = uploadPackWithTests();

        Reply refused = putConfig(q, Map.of("config", Map.of("expected", "43"), "reason", "accept 43"));

        assertThat(refused.status()).as(String.valueOf(refused.json())).isEqualTo(422);
        assertThat(refused.json().path("status").asInt()).isEqualTo(422);
        assertThat(refused.json().path("error").asText()).contains("nothing was saved");
        assertThat(refused.json().path("problems").isArray()).isTrue();
        JsonNode failures = refused.json().path("failures");
        assertThat(failures).as("only the test of 42 fails; 41 still gets 0").hasSize(1);
        JsonNode f = failures.get(0);
        assertThat(f.path("index").asInt()).isZero();
        assertThat(f.path("answer").asText()).isEqualTo("42");
        assertThat(f.path("expected").path("score").asDouble()).isEqualTo(1.0);
        assertThat(f.path("expected").path("notes").get(0).asText()).isEqualTo("EXACT");
        assertThat(f.path("got").path("score").asDouble()).isZero();
        assertThat(f.path("got").path("notes").get(0).asText()).isEqualTo("WRONG");
        assertThat(f.path("message").asText()).contains("score").contains("expected");
        assertThat(server.get("/api/questions/" + q + "/config/versions").json()).as("nothing stored").hasSize(1);
        assertThat(server.get("/api/questions/" + q + "/config").json().path("config").path("expected").asText()).isEqualTo("42");

        Reply wrongTest = putConfig(q, Map.of("config", Map.of("expected", "43"),
                "tests", List.of(test("43", 1.5, "EXACT"))));
        assertThat(wrongTest.status()).as(String.valueOf(wrongTest.json())).isEqualTo(400);
        assertThat(wrongTest.json().path("problems").findValuesAsText("field")).containsExactly("tests[0].score");

        Reply accepted = putConfig(q, Map.of("config", Map.of("expected", "43"), "reason", "accept 43",
                "tests", List.of(test("43", 1, "EXACT"), test("41", 0, "WRONG"))));

        assertThat(accepted.status()).as(String.valueOf(accepted.json())).isEqualTo(200);
        assertThat(accepted.json().path("version").asInt()).isEqualTo(2);
        assertThat(accepted.json().path("tests").get(0).path("answer").asText()).isEqualTo("43");
        JsonNode tests = server.get("/api/questions/" + q + "/tests").json();
        assertThat(tests.findValuesAsText("answer")).containsExactly("43", "41");
        assertThat(server.json("POST", "/api/questions/" + q + "/preview", Map.of("answer", "43")).json()
                .path("score").asDouble()).as("the new configuration is in force").isEqualTo(1.0);

        // A pack export carries the tests as they stand now.
        Reply export = server.get("/api/packs/" + q.substring(0, q.indexOf('/')) + "/export");
        assertThat(export.status()).isEqualTo(200);
        List<QuestionTest> exported = PackReader.readZip(export.bytes()).question(q).orElseThrow().tests();
        assertThat(exported).extracting(QuestionTest::answer).containsExactly("43", "41");
        assertThat(exported.get(0).score()).isEqualTo(1.0);
        assertThat(exported.get(0).notes()).containsExactly("EXACT");

        // Changing only the approach runs the standing (saved) tests, which pass.
        Reply approach = putConfig(q, Map.of("config", Map.of("expected", "43"), "expectedApproach", "Say 43."));
        assertThat(approach.status()).as(String.valueOf(approach.json())).isEqualTo(200);
        assertThat(approach.json().path("version").asInt()).isEqualTo(3);
        assertThat(approach.json().path("tests").findValuesAsText("answer")).containsExactly("43", "41");
    }

    @Test
    void aQuestionWithoutTestsSavesAsBefore() throws Exception {
        String q = server.uploadPack("42");

        Reply saved = putConfig(q, Map.of("config", Map.of("expected", "43")));

        assertThat(saved.status()).as(String.valueOf(saved.json())).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(2);
        assertThat(server.get("/api/questions/" + q + "/tests").json()).isEmpty();
    }

    @Test
    void theDiffOfTwoVersionsNamesEachChangedFieldAndARestoreMakesANewEqualVersion() throws Exception {
        String q = uploadPackWithTests();
        Reply v2 = putConfig(q, Map.of("config", Map.of("expected", "43"), "expectedApproach", "Say 43.",
                "tests", List.of(test("43", 1, "EXACT"), test("41", 0, "WRONG"), test("42", 0, "WRONG"))));
        assertThat(v2.status()).as(String.valueOf(v2.json())).isEqualTo(200);

        Reply diff = server.get("/api/questions/" + q + "/config/versions/1/diff/2");

        assertThat(diff.status()).as(String.valueOf(diff.json())).isEqualTo(200);
        JsonNode changes = diff.json().path("changes");
        assertThat(changes.findValuesAsText("field")).containsExactly("config.expected", "expectedApproach", "tests[0]", "tests[2]");
        assertThat(changes.findValuesAsText("change")).containsExactly("CHANGED", "CHANGED", "CHANGED", "ADDED");
        assertThat(changes.get(0).path("oldValue").asText()).isEqualTo("42");
        assertThat(changes.get(0).path("newValue").asText()).isEqualTo("43");
        assertThat(changes.get(1).path("oldValue").asText()).isEqualTo("Just say it.");
        assertThat(changes.get(2).path("oldValue").path("answer").asText()).isEqualTo("42");
        assertThat(changes.get(2).path("newValue").path("answer").asText()).isEqualTo("43");
        assertThat(changes.get(3).path("newValue").path("notes").get(0).asText()).isEqualTo("WRONG");
        assertThat(server.get("/api/questions/" + q + "/config/versions/1/diff/9").status()).isEqualTo(404);

        Reply restored = server.json("POST", "/api/questions/" + q + "/config/versions/1/restore", Map.of("reason", "back to 42"));

        assertThat(restored.status()).as(String.valueOf(restored.json())).isEqualTo(200);
        assertThat(restored.json().path("version").asInt()).as("a new version; history is kept").isEqualTo(3);
        assertThat(restored.json().path("reason").asText()).isEqualTo("back to 42");
        assertThat(server.get("/api/questions/" + q + "/config/versions").json()).hasSize(3);
        assertThat(server.get("/api/questions/" + q + "/config/versions/1/diff/3").json().path("changes")).isEmpty();
        assertThat(server.get("/api/questions/" + q + "/config").json().path("config").path("expected").asText()).isEqualTo("42");
        assertThat(server.get("/api/questions/" + q + "/tests").json().findValuesAsText("answer")).containsExactly("42", "41");
        assertThat(server.json("POST", "/api/questions/" + q + "/config/versions/7/restore", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aRestoreBringsBackTheVersionsTestsWithItsConfiguration() throws Exception {
        String q = uploadPackWithTests();
        // Version 2 changes only the tests (42 → 1 with EXACT stays; a new one for 7).
        Reply v2 = putConfig(q, Map.of("config", Map.of("expected", "42"),
                "tests", List.of(test("42", 1, "EXACT"), test("7", 0, "WRONG"))));
        assertThat(v2.status()).as(String.valueOf(v2.json())).isEqualTo(200);
        // Version 3 expects 7, its tests updated in the same save.
        Reply v3 = putConfig(q, Map.of("config", Map.of("expected", "7"),
                "tests", List.of(test("42", 0, "WRONG"), test("7", 1, "EXACT"))));
        assertThat(v3.status()).as(String.valueOf(v3.json())).isEqualTo(200);

        // Restoring version 2 brings back its tests with its configuration, so the tests of version 3 do not refuse it.
        Reply restored = server.json("POST", "/api/questions/" + q + "/config/versions/2/restore", Map.of());
        assertThat(restored.status()).as(String.valueOf(restored.json())).isEqualTo(200);
        assertThat(restored.json().path("reason").asText()).isEqualTo("restored version 2");
        assertThat(restored.json().path("version").asInt()).isEqualTo(4);
        assertThat(server.get("/api/questions/" + q + "/tests").json().findValuesAsText("answer")).containsExactly("42", "7");
        assertThat(server.get("/api/questions/" + q + "/config/versions/2/diff/4").json().path("changes")).isEmpty();
        assertThat(server.get("/api/questions/" + q + "/config/versions/3/diff/4").json().path("changes").findValuesAsText("field"))
                .containsExactly("config.expected", "tests[0]", "tests[1]");
    }

    @Test
    void aPreviewAnswerIsKeptAsATestWithItsCurrentScoreAndNotes() throws Exception {
        String q = uploadPackWithTests();

        Reply added = server.json("POST", "/api/questions/" + q + "/tests", Map.of("answer", " 42 ", "name", "spaces"));

        assertThat(added.status()).as(String.valueOf(added.json())).isEqualTo(200);
        assertThat(added.json().path("version").asInt()).isEqualTo(2);
        assertThat(added.json().path("reason").asText()).isEqualTo("test added");
        assertThat(added.json().path("config").path("expected").asText()).as("the configuration is unchanged").isEqualTo("42");
        JsonNode tests = server.get("/api/questions/" + q + "/tests").json();
        assertThat(tests).hasSize(3);
        JsonNode kept = tests.get(2);
        assertThat(kept.path("answer").asText()).isEqualTo(" 42 ");
        assertThat(kept.path("name").asText()).isEqualTo("spaces");
        assertThat(kept.path("score").asDouble()).isEqualTo(1.0);
        assertThat(kept.path("notes").get(0).asText()).isEqualTo("EXACT");

        Reply wrong = server.json("POST", "/api/questions/" + q + "/tests", Map.of("answer", "40"));
        assertThat(wrong.status()).isEqualTo(200);
        JsonNode last = server.get("/api/questions/" + q + "/tests").json().get(3);
        assertThat(last.path("score").asDouble()).isZero();
        assertThat(last.path("notes").get(0).asText()).isEqualTo("WRONG");

        // The kept tests now guard the next save: expecting 43 fails the two tests of 42.
        Reply refused = putConfig(q, Map.of("config", Map.of("expected", "43")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("failures").findValuesAsText("answer")).containsExactly("42", " 42 ");

        assertThat(server.json("POST", "/api/questions/" + q + "/tests", "{}").status()).isEqualTo(400);
    }
}
