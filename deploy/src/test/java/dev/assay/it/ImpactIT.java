package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.it.ServerIT.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Before and after a change, on the shipped WAR (H2): a regrade's dry run (whose score would change, with nothing
 * stored), the grades as CSV, and the review of a whole answer group. Each test uploads its own pack (graded by the
 * it-exact plugin: its echo is the trimmed answer), so its counts are its own.
 */
class ImpactIT extends AgainstTheWar {
    @Test
    void aDryRunShowsWhoseScoreWouldChangeStoresNothingAndMatchesTheRegrade() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long ann = fiveAnswersOneReviewedThenTheKeyChanged(q, run).get("ann");
        String analyticsBefore = server.get("/api/questions/" + q + "/analytics").json().toString();
        int outboxBefore = server.get("/api/outbox?limit=1000").json().size();
        String gradesCountedBefore = gradesCounted();

        Reply preview = server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, true);

        assertThat(preview.status()).as(String.valueOf(preview.json())).isEqualTo(200);
        JsonNode p = preview.json();
        assertThat(p.path("submissions").asInt()).as("every answer graded with the old configuration").isEqualTo(5);
        assertThat(p.path("changed").asInt()).as("ann 4 -> 0, bob and eve 0 -> 4").isEqualTo(3);
        Map<String, JsonNode> students = new HashMap<>();
        p.path("students").forEach(s -> students.put(s.path("user").asText().replaceAll("-.*", ""), s));
        assertThat(students.keySet()).as("dan's 0 stays 0").containsExactlyInAnyOrder("ann", "bob", "cat", "eve");
        assertThat(students.get("ann").path("old").asDouble()).isEqualTo(4.0);
        assertThat(students.get("ann").path("new").asDouble()).isZero();
        assertThat(students.get("ann").path("maximum").asDouble()).isEqualTo(4.0);
        assertThat(students.get("bob").path("new").asDouble()).isEqualTo(4.0);
        JsonNode kept = students.get("cat");
        assertThat(kept.path("old").asDouble()).as("cat's review stands").isEqualTo(1.0);
        assertThat(kept.path("new").asDouble()).isEqualTo(1.0);
        assertThat(kept.path("questions").get(0).path("reviewed").asBoolean()).isTrue();
        assertThat(kept.path("questions").get(0).path("plugin").asDouble()).as("what the plugin would now give").isEqualTo(4.0);
        assertThat(p.path("total").path("old").asDouble()).as("4 + 0 + 1 + 0 + 0").isEqualTo(5.0);
        assertThat(p.path("total").path("new").asDouble()).as("0 + 4 + 1 + 0 + 4").isEqualTo(9.0);

        // Nothing stored: no grade, no regrade, no score to a gradebook.
        assertThat(server.get("/api/submissions/" + ann).json().path("grades")).hasSize(1);
        assertThat(server.get("/api/questions/" + q + "/analytics").json().toString()).isEqualTo(analyticsBefore);
        assertThat(server.get("/api/assignments/" + assignment + "/regrades").json()).isEmpty();
        assertThat(server.get("/api/outbox?limit=1000").json()).hasSize(outboxBefore);
        assertThat(gradesCounted()).as("a dry run's grades are not grades given").isEqualTo(gradesCountedBefore);

        // The regrade itself then gives exactly what the dry run said.
        server.regradeAll(q.substring(0, q.indexOf('/')));
        String csv = csv(assignment);
        for (JsonNode s : p.path("students")) {
            assertThat(csv).contains(s.path("user").asText() + "," + points(s.path("new").asDouble()) + ",");
        }
        assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, true).json()
                .path("submissions").asInt()).as("nothing left to regrade").isZero();
    }

    @Test
    void aDryRunIsBoundedAndRefusesClearly() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        for (int i = 0; i < 3; i++) {
            submit(q, "bounded-" + i + "-" + UUID.randomUUID(), "4" + i);
        }
        server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41")));

        Reply tooMany = server.call("POST", "/api/assignments/" + assignment + "/regrades/preview?limit=2", null, null, true);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().path("error").asText()).contains("more than 2 answers").contains("higher limit");
        Reply zero = server.call("POST", "/api/assignments/" + assignment + "/regrades/preview?limit=0", null, null, true);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("problems").findValuesAsText("field")).containsExactly("limit");
        assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview?limit=3", null, null, true).json()
                .path("submissions").asInt()).isEqualTo(3);
        assertThat(server.call("POST", "/api/assignments/999999/regrades/preview", null, null, true).status()).isEqualTo(404);
        assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, false).status())
                .as("for instructors").isIn(401, 403);
    }

    @Test
    void reviewingAnAnswerGroupReviewsEachOfItsAnswersInOneGo() throws Exception {
        String q = server.uploadPack("42");
        String run = UUID.randomUUID().toString().substring(0, 8);
        long ann = submit(q, "ann-" + run, "41");
        long bob = submit(q, "bob-" + run, " 41 ");
        long cat = submit(q, "cat-" + run, "42");
        long dan = submit(q, "dan-" + run, "boom"); // the plugin fails: an ERROR, echoing nothing
        long eve = submit(q, "eve-" + run, "boom");
        Map<String, Object> echo41 = Map.of("text", "41", "latex", "");

        Reply over = server.json("POST", "/api/questions/" + q + "/answer-groups/review", Map.of("echo", echo41, "points", 5));
        assertThat(over.status()).as("the one review rule: 0 to 4 points").isEqualTo(400);
        assertThat(over.json().path("problems").findValuesAsText("field")).containsExactly("points");
        assertThat(server.get("/api/submissions/" + ann).json().path("grades")).as("all or nothing").hasSize(1);

        Reply group = server.json("POST", "/api/questions/" + q + "/answer-groups/review",
                Map.of("echo", echo41, "points", 1.5, "comment", "Off by one: close.", "reviewer", "prof"));

        assertThat(group.status()).as(String.valueOf(group.json())).isEqualTo(200);
        assertThat(group.json().path("reviewed").asInt()).isEqualTo(2);
        for (long id : List.of(ann, bob)) {
            JsonNode grades = server.get("/api/submissions/" + id).json().path("grades");
            assertThat(grades).as("the plugin's grade is kept, the review added").hasSize(2);
            assertThat(grades.get(1).path("points").asDouble()).isEqualTo(1.5);
            assertThat(grades.get(1).path("notes").toString()).contains("REVIEWED");
            assertThat(grades.get(1).toString()).contains("Off by one: close.");
        }
        assertThat(server.get("/api/submissions/" + cat).json().path("grades")).hasSize(1);
        JsonNode groups = server.get("/api/questions/" + q + "/analytics").json().path("answerGroups");
        JsonNode reviewed = null;
        for (JsonNode g : groups) {
            if (g.path("echo").path("text").asText().equals("41")) {
                reviewed = g;
            }
        }
        assertThat(reviewed).isNotNull();
        assertThat(reviewed.path("score").asDouble()).isEqualTo(1.5);

        // A group of identical texts the plugin echoed nothing for: named by its text.
        Map<String, Object> none = Map.of("text", "", "latex", "");
        Reply noText = server.json("POST", "/api/questions/" + q + "/answer-groups/review", Map.of("echo", none, "points", 0));
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.json().path("problems").findValuesAsText("field")).containsExactly("answer");
        Reply byText = server.json("POST", "/api/questions/" + q + "/answer-groups/review",
                Map.of("echo", none, "answer", "boom", "points", 2, "comment", "Graded by hand."));
        assertThat(byText.status()).as(String.valueOf(byText.json())).isEqualTo(200);
        assertThat(byText.json().path("reviewed").asInt()).isEqualTo(2);
        for (long id : List.of(dan, eve)) {
            assertThat(server.get("/api/submissions/" + id).json().path("grades").get(1).path("points").asDouble()).isEqualTo(2.0);
        }

        Reply unknown = server.json("POST", "/api/questions/" + q + "/answer-groups/review",
                Map.of("echo", Map.of("text", "no such answer"), "points", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(server.call("POST", "/api/questions/" + q + "/answer-groups/review", "application/json",
                "{\"echo\": {\"text\": \"41\"}, \"points\": 1}".getBytes(StandardCharsets.UTF_8), false).status())
                .as("for instructors").isIn(401, 403);
    }

    @Test
    void theGradesAsCsvHaveOneRowPerStudentAndNoFormulas() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        String run = UUID.randomUUID().toString().substring(0, 8);
        submit(q, "zoë-" + run, "41");
        submit(q, "zoë-" + run, "42");
        submit(q, "=HYPERLINK(\"x\")-" + run, "41");

        Reply r = server.get("/api/assignments/" + assignment + "/grades.csv");

        assertThat(r.status()).isEqualTo(200);
        String csv = new String(r.bytes(), StandardCharsets.UTF_8);
        String[] rows = csv.split("\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows[0]).isEqualTo("user,Q1 (4),total (4),Q1 notes");
        assertThat(csv).contains("zoë-" + run + ",4,4,EXACT\r\n");
        assertThat(csv).as("a formula is defused and quoted").contains("\"'=HYPERLINK(\"\"x\"\")-" + run + "\",0,0,WRONG\r\n");
        assertThat(server.call("GET", "/api/assignments/999999/grades.csv", null, null, true).status()).isEqualTo(404);
        assertThat(server.call("GET", "/api/assignments/" + assignment + "/grades.csv", null, null, false).status())
                .isIn(401, 403);
    }

    /** The it-exact plugin's lines of the grades-given counter at /metrics. */
    private String gradesCounted() throws Exception {
        java.net.http.HttpResponse<String> metrics = ServerIT.HTTP.send(java.net.http.HttpRequest.newBuilder(base.toURI()
                .resolve("/metrics?scope=application")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        String counted = metrics.body().lines().filter(l -> l.startsWith("assay_grades_total") && l.contains("it-exact"))
                .sorted().collect(java.util.stream.Collectors.joining("\n"));
        assertThat(counted).contains("status=\"GRADED\"");
        return counted;
    }

    private String csv(long assignment) throws Exception {
        Reply r = server.get("/api/assignments/" + assignment + "/grades.csv");
        assertThat(r.status()).isEqualTo(200);
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    private static String points(double p) {
        return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }


}
