package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.TestPlugins;
import dev.assay.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What instructors do survives restarts: configuration and points changed in Assay are not reverted by the packs
 * folder, and a batch regrade interrupted by {@code kill -9} carries on after the restart under the same id, grading
 * every answer once. Each test runs the shipped WAR as a process of its own, twice or three times, on one H2 file.
 */
class DurableWorkIT {
    static final String TOKEN = ServerIT.TOKEN;

    static Path freshDir(String name) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), name + "-" + System.nanoTime());
        Files.createDirectories(dir);
        return dir;
    }

    static void writePack(Path packDir, Map<String, String> files) throws Exception {
        for (var f : files.entrySet()) {
            Path p = packDir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.json().readTree(r.body());
    }

    static String exactPack(double points, String expected, String prompt) {
        return "id: itp/q1\ntitle: Q1\npoints: " + points + "\nplugin: it-exact\nprompt: " + prompt + "\n"
                + "config:\n  expected: '" + expected + "'\nexpectedApproach: Just say it.\n";
    }

    static final String EXACT_MANIFEST = "id: itp\ntitle: IT pack\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n"
            + "    questions: [itp/q1]\n";

    @Test
    void changesMadeInAssayOutliveRestartsAndAChangedFolderIsReportedAsAConflict() throws Exception {
        ItPlugin.install();
        Path dir = freshDir("packs-it");
        Path packs = dir.resolve("packs");
        writePack(packs.resolve("itp"), Map.of("pack.yaml", EXACT_MANIFEST, "questions/q1.yaml", exactPack(4, "42", "Say 42.")));
        Map<String, String> settings = Map.of("ASSAY_PACKS_DIR", packs.toString(),
                "ASSAY_PLUGINS_DIR", System.getProperty("assay.it.plugins", "target/it-plugins"));
        int port = RestartIT.freePort();
        LtiClient assay = new LtiClient("http://127.0.0.1:" + port);

        Process first = RestartIT.start(port, dir, "first", settings);
        try {
            metricsAnswerBeforeTheFirstGradeAndSpeakInSeconds(assay);
            // The instructor uploads the pack with other points, then changes the configuration over REST.
            HttpResponse<byte[]> uploaded = LtiClient.HTTP.send(HttpRequest.newBuilder(URI.create(assay.root + "/api/packs"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip(Map.of("pack.yaml", EXACT_MANIFEST,
                            "questions/q1.yaml", exactPack(6, "42", "Say 42.")))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);
            HttpResponse<String> edit = assay.send("PUT", "/api/questions/itp/q1/config", "application/json",
                    "{\"config\": {\"expected\": \"41\"}, \"reason\": \"accept 41\"}", TOKEN);
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
            assertThat(json(edit).path("version").asInt()).isEqualTo(2);
        } finally {
            first.destroy();
            first.waitFor();
        }

        Process second = RestartIT.start(port, dir, "second", settings);
        try {
            JsonNode q = json(assay.send("GET", "/api/questions/itp/q1", null, null, TOKEN));
            assertThat(q.path("points").asDouble()).as("the uploaded points stay after a restart").isEqualTo(6.0);
            assertThat(q.path("configVersion").asInt()).as("the REST edit stays in force").isEqualTo(2);
            assertThat(json(assay.send("GET", "/api/questions/itp/q1/config", null, null, TOKEN)).path("config")
                    .path("expected").asText()).isEqualTo("41");
            JsonNode pack = json(assay.send("GET", "/api/packs/itp", null, null, TOKEN));
            assertThat(pack.path("conflicts")).isEmpty();
            assertThat(pack.path("sources").findValuesAsText("source")).containsExactly("folder", "upload");
        } finally {
            second.destroy();
            second.waitFor();
        }

        // The folder changes the points and the configuration (both changed in Assay since) and the prompt (not).
        writePack(packs.resolve("itp"), Map.of("questions/q1.yaml", exactPack(5, "43", "Say 42 now.")));
        Process third = RestartIT.start(port, dir, "third", settings);
        try {
            JsonNode q = json(assay.send("GET", "/api/questions/itp/q1", null, null, TOKEN));
            assertThat(q.path("points").asDouble()).isEqualTo(6.0);
            assertThat(q.path("configVersion").asInt()).isEqualTo(2);
            assertThat(q.path("prompt").asText()).as("what only the folder changed is taken").isEqualTo("Say 42 now.");
            JsonNode conflicts = json(assay.send("GET", "/api/packs/itp", null, null, TOKEN)).path("conflicts");
            assertThat(conflicts.findValuesAsText("field")).containsExactlyInAnyOrder("points", "config");
            for (JsonNode c : conflicts) {
                assertThat(c.path("question").asText()).isEqualTo("itp/q1");
                assertThat(c.path("source").asText()).isEqualTo("folder");
                if (c.path("field").asText().equals("points")) {
                    assertThat(c.path("inForce").asDouble()).isEqualTo(6.0);
                    assertThat(c.path("sourceValue").asDouble()).isEqualTo(5.0);
                } else {
                    assertThat(c.path("inForce").path("config").path("expected").asText()).isEqualTo("41");
                    assertThat(c.path("sourceValue").path("config").path("expected").asText()).isEqualTo("43");
                }
            }
            HttpResponse<String> ready = assay.send("GET", "/health/ready", null, null, null);
            assertThat(ready.statusCode()).as("a conflict does not make the server unready").isEqualTo(200);
            JsonNode packCheck = json(ready).findParents("name").stream()
                    .filter(c -> c.path("name").asText().equals("course-packs")).findFirst().orElseThrow().path("data");
            assertThat(packCheck.path("conflicts").asInt()).isEqualTo(2);
            assertThat(packCheck.path("conflict itp/q1 points").asText()).contains("the packs folder has 5.0");
        } finally {
            third.destroy();
            third.waitFor();
        }

        // The folder changes only the prompt again: nothing about points or configuration, so both conflicts stand
        // (they once vanished here, the folder's last import making Assay's values look like Assay's own changes).
        Map<String, String> folder = Map.of("pack.yaml", EXACT_MANIFEST, "questions/q1.yaml", exactPack(5, "43", "Say 42, now."));
        writePack(packs.resolve("itp"), folder);
        Process fourth = RestartIT.start(port, dir, "fourth", settings);
        try {
            JsonNode q = json(assay.send("GET", "/api/questions/itp/q1", null, null, TOKEN));
            assertThat(q.path("prompt").asText()).isEqualTo("Say 42, now.");
            assertThat(q.path("points").asDouble()).isEqualTo(6.0);
            JsonNode conflicts = json(assay.send("GET", "/api/packs/itp", null, null, TOKEN)).path("conflicts");
            assertThat(conflicts.findValuesAsText("field")).as("an unrelated change of the folder keeps the conflicts")
                    .containsExactlyInAnyOrder("points", "config");

            // The README's remedy: upload the folder's own pack. It takes everything it carries, and the conflicts end.
            HttpResponse<byte[]> uploaded = upload(assay, zip(folder));
            assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);
            q = json(assay.send("GET", "/api/questions/itp/q1", null, null, TOKEN));
            assertThat(q.path("points").asDouble()).as("the folder's points, taken by the upload").isEqualTo(5.0);
            assertThat(q.path("configVersion").asInt()).isEqualTo(3);
            assertThat(json(assay.send("GET", "/api/questions/itp/q1/config", null, null, TOKEN)).path("config")
                    .path("expected").asText()).isEqualTo("43");
            assertThat(json(assay.send("GET", "/api/packs/itp", null, null, TOKEN)).path("conflicts")).isEmpty();
            assertThat(upload(assay, zip(folder)).statusCode()).as("the same upload again changes nothing").isEqualTo(200);
            assertThat(json(assay.send("GET", "/api/questions/itp/q1", null, null, TOKEN)).path("configVersion").asInt())
                    .isEqualTo(3);
        } finally {
            fourth.destroy();
            fourth.waitFor();
        }
    }

    static HttpResponse<byte[]> upload(LtiClient assay, byte[] zip) throws Exception {
        return LtiClient.HTTP.send(HttpRequest.newBuilder(URI.create(assay.root + "/api/packs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** /metrics?scope=application answers at start (the start page links to it), and grading time is in seconds. */
    void metricsAnswerBeforeTheFirstGradeAndSpeakInSeconds(LtiClient assay) throws Exception {
        String start = assay.send("GET", "/", null, null, null).body();
        Matcher link = Pattern.compile("href=\"([^\"]+)\">Metrics<").matcher(start);
        assertThat(link.find()).as("the start page links to the metrics").isTrue();
        HttpResponse<String> before = assay.send("GET", URI.create(assay.root + "/").resolve(link.group(1)).toString(), null, null, null);
        assertThat(before.statusCode()).as("the start page's Metrics link before any grade").isEqualTo(200);
        assertThat(before.body()).containsPattern("assay_grades_total\\{[^}]*plugin=\"it-exact\"[^}]*status=\"GRADED\"[^}]*\\} 0")
                .containsPattern("assay_grading_time_seconds_count\\{[^}]*plugin=\"it-exact\"[^}]*\\} 0");

        HttpResponse<String> graded = assay.send("POST", "/api/questions/itp/q1/submissions", "application/json",
                "{\"user\": \"metrics-1\", \"answer\": \"42\"}", TOKEN);
        assertThat(graded.statusCode()).as(graded.body()).isEqualTo(201);
        String after = assay.send("GET", "/metrics?scope=application", null, null, null).body();
        double count = value(after, "assay_grading_time_seconds_count");
        double sum = value(after, "assay_grading_time_seconds_sum");
        double max = value(after, "assay_grading_time_seconds_max");
        assertThat(count).isEqualTo(1.0);
        assertThat(sum).as("one grade: its time is the sum and the max, in the same unit").isCloseTo(max, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(sum).as("seconds, not nanoseconds").isBetween(0.0, 10.0);
        for (String line : after.split("\n")) {
            if (line.startsWith("assay_grading_time_seconds") && line.contains("it-exact") && !line.contains("_count")
                    && !line.contains("_bucket")) {
                assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).as(line).isLessThan(10.0);
            }
        }
        assertThat(value(after, "assay_grading_time_seconds_bucket", "le=\"10.0\"")).as("buckets in seconds").isEqualTo(1.0);
    }

    static double value(String metrics, String name, String... also) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("plugin=\"it-exact\"")
                    && java.util.Arrays.stream(also).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " for it-exact in\n" + metrics);
    }

    /** A grader that takes its time: {@code delayMillis} per answer; it fails on the answer "boom". */
    static final String SLOW_PLUGIN = """
            package it.slow;

            import dev.assay.api.*;
            import jakarta.validation.constraints.NotBlank;
            import jakarta.validation.constraints.PositiveOrZero;

            public final class SlowPlugin implements GraderPlugin<SlowPlugin.Config> {
                public record Config(@Doc("the answer that earns full credit") @NotBlank String expected,
                                     @Doc("how long grading takes") @PositiveOrZero int delayMillis) {}

                public String id() { return "it-slow"; }
                public String version() { return "1.0.0"; }
                public Class<Config> configType() { return Config.class; }

                public Validation validate(GradingRequest<Config> r) {
                    return Validation.valid(Echo.text(r.answer().text().trim()));
                }

                public Grade grade(GradingRequest<Config> r) {
                    if (r.answer().text().trim().equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                    try {
                        Thread.sleep(r.config().delayMillis());
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted", e);
                    }
                    boolean right = r.answer().text().trim().equals(r.config().expected());
                    return Grade.builder(Grade.Status.GRADED).score(right ? 1 : 0).note(right ? "EXACT" : "WRONG")
                            .feedback(FeedbackBlock.diagnosis(right ? "Right." : "Not quite."))
                            .echo(Echo.text(r.answer().text().trim())).build();
                }
            }
            """;

    /**
     * A regrade killed mid-way carries on after the restart under the same id and counts exactly what it graded (its
     * grades carry its id: nothing is counted from progress written now and then, which a kill -9 lost); an answer
     * that fails while it runs is not taken for one it graded, but graded by it.
     */
    @Test
    void aRegradeKilledMidwayCarriesOnAfterTheRestartCountingExactlyAndASecondAtOnceIsRefused() throws Exception {
        Path dir = freshDir("regrade-it");
        TestPlugins.buildPluginFolder(dir.resolve("plugins/it-slow"), Map.of("it.slow.SlowPlugin", SLOW_PLUGIN),
                "it.slow.SlowPlugin", List.of());
        writePack(dir.resolve("packs/slowp"), Map.of(
                "pack.yaml", "id: slowp\ntitle: Slow\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n    questions: [slowp/q1]\n",
                "questions/q1.yaml", "id: slowp/q1\ntitle: Q1\npoints: 1\nplugin: it-slow\nprompt: Say a.\nconfig:\n"
                        + "  expected: 'a'\n  delayMillis: 0\nexpectedApproach: Say a.\n"));
        // On PostgreSQL the killed server's regrade items wait for their lease (a short one here); on H2 they are taken at
        // the restart (one process opens the file).
        Map<String, String> settings = Map.of("ASSAY_PACKS_DIR", dir.resolve("packs").toString(),
                "ASSAY_PLUGINS_DIR", dir.resolve("plugins").toString(), "ASSAY_REGRADE_ITEM_LEASE_MILLIS", "5000");
        int port = RestartIT.freePort();
        LtiClient assay = new LtiClient("http://127.0.0.1:" + port);
        int answers = 200;
        long regradeId;
        long assignment;

        Process first = RestartIT.start(port, dir, "first", settings);
        try {
            for (int i = 0; i < answers; i++) {
                HttpResponse<String> r = assay.send("POST", "/api/questions/slowp/q1/submissions", "application/json",
                        "{\"user\": \"s" + i + "\", \"answer\": \"" + (i % 2 == 0 ? "a" : "b") + "\"}", TOKEN);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
            // Now "b" is right, and each answer takes 20 ms to grade: the regrade runs for about 4 s, many chunks a second.
            assertThat(assay.send("PUT", "/api/questions/slowp/q1/config", "application/json",
                    "{\"config\": {\"expected\": \"b\", \"delayMillis\": 20}}", TOKEN).statusCode()).isEqualTo(200);
            assignment = json(assay.send("GET", "/api/assignments?pack=slowp", null, null, TOKEN)).get(0).path("id").asLong();

            String path = "/api/assignments/" + assignment + "/regrades";
            List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(LtiClient.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(assay.root + path))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> replies = both.stream().map(CompletableFuture::join).toList();
            assertThat(replies).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
            HttpResponse<String> accepted = replies.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow();
            HttpResponse<String> refused = replies.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            regradeId = json(accepted).path("executionId").asLong();
            assertThat(json(refused).path("error").asText()).as("the refusal names the running regrade")
                    .contains("Regrade " + regradeId + " ");

            // A new answer fails while the regrade runs: an ERROR graded now, with the current configuration.
            HttpResponse<String> failing = assay.send("POST", "/api/questions/slowp/q1/submissions", "application/json",
                    "{\"user\": \"late\", \"answer\": \"boom\"}", TOKEN);
            assertThat(failing.statusCode()).as(failing.body()).isEqualTo(201);
            assertThat(json(failing).path("grade").path("status").asText()).isEqualTo("ERROR");

            String status = path + "/" + regradeId;
            Await.until("chunks regraded", 30, () -> regraded(assay, status) >= 30);
            JsonNode midway = json(assay.send("GET", status, null, null, TOKEN));
            assertThat(midway.path("status").asText()).as("counts show while it runs").isEqualTo("STARTED");
            assertThat(midway.path("regraded").asLong()).isLessThan(answers);
        } finally {
            first.destroyForcibly().waitFor(); // kill -9, mid-job
        }

        long restarted = System.nanoTime();
        Process second = RestartIT.start(port, dir, "second", settings);
        long ready = System.nanoTime();
        try {
            String status = "/api/assignments/" + assignment + "/regrades/" + regradeId;
            Await.until("the resumed regrade to complete", 60,
                    () -> "COMPLETED".equals(field(assay, status, "status")));
            long done = System.nanoTime();
            System.out.printf("regrade resume: server ready %.1f s after the restart, regrade completed %.1f s after ready%n",
                    (ready - restarted) / 1e9, (done - ready) / 1e9);
            JsonNode listed = json(assay.send("GET", "/api/assignments/" + assignment + "/regrades", null, null, TOKEN));
            assertThat(listed.findValuesAsText("executionId")).as("the same regrade, listed after the restart")
                    .contains(String.valueOf(regradeId));
            JsonNode finished = json(assay.send("GET", status, null, null, TOKEN));
            assertThat(finished.path("runs").asInt()).as("started again once").isEqualTo(2);
            assertThat(finished.path("regraded").asLong()).as("every answer, the one that failed meanwhile included, "
                    + "counted once across the kill").isEqualTo(answers + 1);
            for (int i = 0; i < answers; i++) {
                JsonNode grades = json(assay.send("GET", "/api/questions/slowp/q1/submissions?user=s" + i, null, null, TOKEN))
                        .get(0).path("grades");
                assertThat(grades).as("s" + i + ": graded at submission, then regraded exactly once").hasSize(2);
                assertThat(grades.get(1).path("score").asDouble()).isEqualTo(i % 2 == 0 ? 0.0 : 1.0);
            }
            JsonNode late = json(assay.send("GET", "/api/questions/slowp/q1/submissions?user=late", null, null, TOKEN))
                    .get(0).path("grades");
            assertThat(late.findValuesAsText("status")).as("the answer that failed while the regrade ran: graded by it")
                    .containsExactly("ERROR", "ERROR");
            HttpResponse<String> again = assay.send("POST", "/api/assignments/" + assignment + "/regrades", null, null, TOKEN);
            assertThat(again.statusCode()).as("the ended regrade no longer blocks another").isEqualTo(202);
            assertThat(json(again).path("executionId").asLong()).as("ids do not start again").isGreaterThan(regradeId);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    static long regraded(LtiClient assay, String path) {
        String v = field(assay, path, "regraded");
        return v == null ? 0 : Long.parseLong(v);
    }

    static String field(LtiClient assay, String path, String name) {
        try {
            return json(assay.send("GET", path, null, null, TOKEN)).path(name).asText(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
