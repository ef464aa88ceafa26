package dev.assay.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new java.util.ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) {
                    nodes.add(Json.json().readTree(l));
                }
            }
            return nodes;
        }
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    Path pack(String testScore) throws Exception {
        Path dir = tmp.resolve("pack" + testScore);
        Files.createDirectories(dir.resolve("questions"));
        Files.writeString(dir.resolve("pack.yaml"), "id: demo\ntitle: Demo\nversion: '1'\n");
        Files.writeString(dir.resolve("questions/q1.yaml"), """
                id: demo/q1
                title: Q1
                points: 1
                plugin: test-echo
                config: {expected: "42"}
                tests:
                  - {answer: "42", score: %s, notes: [MATCH]}
                  - {answer: "7", score: 0}
                """.formatted(testScore));
        Files.writeString(dir.resolve("questions/q2.yaml"), "id: demo/q2\ntitle: Q2\npoints: 1\nplugin: not-installed\n"
                + "tests:\n  - {answer: x, score: 1}\n");
        return dir;
    }

    @Test
    void gradesOneAnswerAsJson() throws Exception {
        Run r = run("grade", "--pack", pack("1").toString(), "--question", "demo/q1", "--answer", " 42");
        assertThat(r.exit()).isZero();
        JsonNode g = r.lines().get(0);
        assertThat(g.path("question").asText()).isEqualTo("demo/q1");
        assertThat(g.path("status").asText()).isEqualTo("GRADED");
        assertThat(g.path("score").asDouble()).isEqualTo(1.0);
        assertThat(g.path("notes").get(0).asText()).isEqualTo("MATCH");
        assertThat(g.path("echo").path("text").asText()).isEqualTo("42");
    }

    @Test
    void gradesABatchInInputOrderAndReportsBadLinesInPlace() throws Exception {
        Path input = tmp.resolve("answers.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("{\"question\": \"demo/q1\", \"answer\": \"").append(i % 2 == 0 ? "42" : "x" + i).append("\"}\n");
        }
        lines.append("not json\n");
        lines.append("{\"question\": \"demo/nope\", \"answer\": \"1\"}\n");
        lines.append("{\"question\": \"demo/q2\", \"answer\": \"1\"}\n");
        Files.writeString(input, lines);

        Run r = run("grade", "--pack", pack("1").toString(), "--input", input.toString());

        assertThat(r.exit()).isZero();
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(43);
        for (int i = 0; i < 40; i++) {
            assertThat(out.get(i).path("score").asDouble()).as("line " + (i + 1)).isEqualTo(i % 2 == 0 ? 1.0 : 0.0);
            assertThat(out.get(i).path("echo").path("text").asText()).isEqualTo(i % 2 == 0 ? "42" : "x" + i);
        }
        assertThat(out.get(40).path("notes").get(0).asText()).isEqualTo("BAD_INPUT_LINE");
        assertThat(out.get(40).path("feedback").get(0).path("markdown").asText()).startsWith("line 41 is not JSON");
        assertThat(out.get(41).path("feedback").get(0).path("markdown").asText()).contains("no question 'demo/nope'");
        assertThat(out.get(42).path("notes").get(0).asText()).isEqualTo("PLUGIN_NOT_INSTALLED");
    }

    @Test
    void testPackPassesSkipsAndFails() throws Exception {
        Run pass = run("test-pack", pack("1").toString());
        assertThat(pass.exit()).isZero();
        assertThat(pass.out()).contains("2 passed, 0 failed, 1 skipped").contains("SKIPPED (plugin not installed: not-installed): demo/q2");

        Run strict = run("test-pack", "--strict", pack("1").toString());
        assertThat(strict.exit()).isEqualTo(1);

        Run fail = run("test-pack", pack("0.5").toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL demo/q1 test 1: score 1.000, expected 0.5000").contains("1 passed, 1 failed, 1 skipped");
    }

    @Test
    void mistakesOnTheCommandLineSayWhatToDo() throws Exception {
        Run noAnswer = run("grade", "--pack", pack("1").toString(), "--question", "demo/q1");
        assertThat(noAnswer.exit()).isEqualTo(2);
        assertThat(noAnswer.err()).contains("--question needs --answer");

        Run badPack = run("test-pack", tmp.resolve("missing").toString());
        assertThat(badPack.exit()).isEqualTo(2);
        assertThat(badPack.err()).contains("no such folder or zip file");
    }

    @Test
    void evalReportsAgreementWithHumanScores() throws Exception {
        Path input = tmp.resolve("graded.jsonl");
        Files.writeString(input, """
                {"question": "demo/q1", "answer": "42", "score": 1}
                {"question": "demo/q1", "answer": "41", "score": 0}
                {"question": "demo/q1", "answer": "7", "score": 1}
                {"question": "demo/q1", "answer": "42", "score": 1}
                """);
        Run r = run("eval", "--pack", pack("1").toString(), "--input", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // machine 1,0,0,1 against human 1,0,1,1: three of four agree, MAE 0.25
        assertThat(r.out()).containsPattern("demo/q1\\s+4\\s+0\\.577\\s+0\\.500\\s+0\\.750\\s+0\\.250")
                .contains("ALL");
        // as the 2-way task reports it: accuracy 3/4; F1 of "1" (P 1, R 2/3) 0.8 and of "0" (P 1/2, R 1) 0.667
        assertThat(r.out()).contains("accuracy 0.750, macro-F1 0.733, n = 4");

        Path refs = tmp.resolve("refs.jsonl");
        Files.writeString(refs, "{\"question\": \"r1\", \"text\": \"Q?\", \"reference\": \"A\", \"scale\": 2}\n");
        Path refInput = tmp.resolve("ref-input.jsonl");
        Files.writeString(refInput, "{\"question\": \"r1\", \"answer\": \"A\", \"score\": 2}\n");
        Run lacking = run("eval", "--references", refs.toString(), "--input", refInput.toString(), "--plugin", "test-echo");
        assertThat(lacking.exit()).isEqualTo(2);
        assertThat(lacking.err()).contains("the plugin 'test-echo' cannot grade questions from reference answers "
                + "(it does not offer ReferenceGrading); these can: test-overlap");

        Run notCalibrated = run("eval", "--pack", pack("1").toString(), "--input", input.toString(), "--calibrate");
        assertThat(notCalibrated.exit()).as(notCalibrated.err()).isZero();
        assertThat(notCalibrated.out()).contains("  not calibrated: the plugin test-echo has nothing to calibrate "
                + "(it does not offer Calibration)");

        Run unknown = run("eval", "--pack", pack("1").toString(), "--input", refInput.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("names question 'r1'");
    }

    /** A pack whose one question hands out files, its plugin's handout behaving as told. */
    Path filesPack(String handout) throws Exception {
        Path dir = tmp.resolve("files-pack-" + handout);
        Files.createDirectories(dir.resolve("questions"));
        Files.writeString(dir.resolve("pack.yaml"), "id: demo\ntitle: Demo\nversion: '1'\n");
        Files.writeString(dir.resolve("questions/data.yaml"), "id: demo/data\ntitle: Data\npoints: 1\nplugin: test-files\n"
                + "config: {tag: seven, handout: " + handout + "}\n");
        return dir;
    }

    @Test
    void filesWritesWhatAQuestionHandsOutAndSaysClearlyWhenItsPluginFails() throws Exception {
        Path out = tmp.resolve("out");
        Run r = run("files", "--pack", filesPack("FINE").toString(), "--question", "demo/data", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("data.csv"))).isEqualTo("1,2,seven");
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).containsExactly(1, 2);
        assertThat(r.out()).contains("the same, packed");

        Run failing = run("files", "--pack", filesPack("THROW").toString(), "--question", "demo/data", "--out", out.toString());
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.err()).endsWith("assay: The grader test-files failed to prepare the file data.csv of demo/data "
                + "(IllegalStateException: side call exploded).\n");
    }

    @Test
    void evalAsksThePluginToMakeQuestionsFromReferencesAndToCalibrateThem() throws Exception {
        Path refs = tmp.resolve("overlap-refs.jsonl");
        Files.writeString(refs, "{\"question\": \"r1\", \"text\": \"Name four letters.\", \"reference\": \"alpha beta gamma delta\", "
                + "\"scale\": 1}\n");
        Path input = tmp.resolve("overlap-input.jsonl");
        // full credit from half the words (the plugin's default) is too generous for these people: they want three of four
        Files.writeString(input, """
                {"question": "r1", "answer": "alpha beta gamma delta", "score": 1}
                {"question": "r1", "answer": "alpha beta gamma", "score": 1}
                {"question": "r1", "answer": "alpha beta", "score": 0}
                {"question": "r1", "answer": "alpha", "score": 0}
                """);

        Run r = run("eval", "--references", refs.toString(), "--input", input.toString(), "--calibrate");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("r1\\s+4\\s+0\\.577\\s+0\\.500\\s+0\\.750\\s+0\\.250")
                .contains("  calibrated threshold: 0.75\n")
                .containsPattern("  fitted on these answers \\(not agreement\\)\\s+4\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+0\\.000");
    }

    /** Four questions of sixteen graded answers each; people give full marks from three of the four reference words. */
    private Path[] crossValidationData() throws Exception {
        StringBuilder refs = new StringBuilder();
        StringBuilder input = new StringBuilder();
        String[] words = {"alpha beta gamma delta", "red green blue white", "one two three four", "cat dog cow hen"};
        for (int q = 0; q < words.length; q++) {
            refs.append("{\"question\": \"q").append(q).append("\", \"text\": \"Name four.\", \"reference\": \"")
                    .append(words[q]).append("\", \"scale\": 1}\n");
            String[] w = words[q].split(" ");
            for (int i = 0; i < 16; i++) {
                int have = 1 + i % 4;
                String answer = String.join(" ", java.util.Arrays.copyOf(w, have)) + " x" + i;
                input.append("{\"question\": \"q").append(q).append("\", \"id\": \"a").append(q).append('-').append(i)
                        .append("\", \"answer\": \"").append(answer).append("\", \"score\": ").append(have >= 3 ? 1 : 0)
                        .append("}\n");
            }
        }
        Path r = tmp.resolve("cv-refs.jsonl");
        Path i = tmp.resolve("cv-input.jsonl");
        Files.writeString(r, refs.toString());
        Files.writeString(i, input.toString());
        return new Path[]{r, i};
    }

    @Test
    void foldsGradeEachAnswerOnceWithAConfigurationThatNeverSawIt() throws Exception {
        Path[] data = crossValidationData();
        Path predictions = tmp.resolve("predictions.jsonl");
        Run r = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--folds", "4", "--json",
                "--predictions", predictions.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode out = dev.assay.engine.json.Json.json().readTree(r.out());
        assertThat(out.path("split").asText()).isEqualTo("by answer");
        assertThat(out.path("overall").path("n").asInt()).isEqualTo(64);
        // the plugin learns 0.75 from twelve answers of each question: every held-out answer right
        assertThat(out.path("overall").path("exact").asDouble()).isEqualTo(1.0);
        assertThat(out.path("overall").path("rmse").asDouble()).isZero();
        assertThat(out.path("overall").path("macroF1").asDouble()).isEqualTo(1.0);
        assertThat(out.path("questions").path("q2").path("n").asInt()).isEqualTo(16);
        // the plugin flags any answer it learned from: none of the graded answers was seen by the configuration grading it
        assertThat(out.path("review").path("flagged").asInt()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(64);
        assertThat(lines.stream().map(l -> l.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).distinct()).hasSize(64);
        assertThat(lines.get(0)).contains("\"fold\":").contains("\"human\":").contains("\"machine\":");

        Run asConfigured = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--json");
        com.fasterxml.jackson.databind.JsonNode plain = dev.assay.engine.json.Json.json().readTree(asConfigured.out());
        // the default threshold (half the words) is too generous: learning is what made the figures above
        assertThat(plain.path("overall").path("exact").asDouble()).isEqualTo(0.75);
    }

    @Test
    void byQuestionHoldsOutWholeQuestions() throws Exception {
        Path[] data = crossValidationData();
        Run r = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--by", "question",
                "--folds", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode out = dev.assay.engine.json.Json.json().readTree(r.out());
        assertThat(out.path("split").asText()).isEqualTo("by question");
        assertThat(out.path("overall").path("n").asInt()).isEqualTo(64);
        assertThat(out.path("overall").path("exact").asDouble()).isEqualTo(1.0);
        assertThat(out.path("review").path("flagged").asInt()).isZero();

        Run withPack = run("eval", "--pack", pack("1").toString(), "--input", data[1].toString(), "--folds", "3");
        assertThat(withPack.exit()).isEqualTo(2);
        assertThat(withPack.err()).contains("give --references");
        Run badBy = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--by", "folder");
        assertThat(badBy.exit()).isEqualTo(2);
        assertThat(badBy.err()).contains("--by takes answer or question");
        Path heldOut = tmp.resolve("held-out.jsonl");
        Files.writeString(heldOut, """
                {"question": "q0", "id": "new-1", "answer": "alpha beta y", "score": 0}
                {"question": "q0", "id": "new-2", "answer": "alpha beta gamma y", "score": 1}
                """);
        Run learned = run("eval", "--references", data[0].toString(), "--input", heldOut.toString(), "--learn-from",
                data[1].toString(), "--json");
        assertThat(learned.exit()).as(learned.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode fromTrain = dev.assay.engine.json.Json.json().readTree(learned.out());
        assertThat(fromTrain.path("split").asText()).startsWith("learned from");
        // learned 0.75 from the train file: two of four words is not enough, three are
        assertThat(fromTrain.path("overall").path("exact").asDouble()).isEqualTo(1.0);
        Run same = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--learn-from",
                data[1].toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("is in both").contains("not a measure of agreement");
        Run oneFold = run("eval", "--references", data[0].toString(), "--input", data[1].toString(), "--folds", "1");
        assertThat(oneFold.exit()).isEqualTo(2);
        assertThat(oneFold.err()).contains("at least 2 folds");
    }

    @Test
    void listsPlugins() {
        Run r = run("plugins");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("test-echo").contains("classpath");
    }
}
