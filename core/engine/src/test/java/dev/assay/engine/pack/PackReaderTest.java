package dev.assay.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.engine.plugin.PluginRegistry;
import dev.assay.engine.testplugins.EchoTestPlugin;
import dev.assay.engine.testplugins.NumbersTestPlugin;
import jakarta.validation.Validation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackReaderTest {
    static final Path HW7 = Path.of(System.getProperty("assay.repo.root", "../.."), "deploy/packs/hw7");

    @TempDir
    Path tmp;

    static final String MANIFEST = """
            id: demo
            title: Demo
            version: "1"
            assignments:
              - id: a1
                title: First
                questions: [demo/q1]
            """;

    static final String QUESTION = """
            id: demo/q1
            title: The answer
            points: 2
            plugin: test-echo
            prompt: What is six times seven?
            config:
              expected: "42"
            expectedApproach: Multiply.
            tests:
              - answer: "42"
                score: 1
                notes: [MATCH]
              - answer: "41"
                score: 0
            """;

    private Path pack(Map<String, String> files) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "pack");
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    static PackLoader loader() {
        return new PackLoader(PluginRegistry.of(new EchoTestPlugin()), new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));
    }

    @Test
    void readsAFolderPack() throws Exception {
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION,
                "files/data.csv", "1,2\n")));
        assertThat(pack.id()).isEqualTo("demo");
        assertThat(pack.manifest().assignments()).singleElement().satisfies(a -> assertThat(a.questions()).containsExactly("demo/q1"));
        QuestionDef q = pack.question("demo/q1").orElseThrow();
        assertThat(q.points()).isEqualTo(2.0);
        assertThat(q.config().get("expected").asText()).isEqualTo("42");
        assertThat(q.tests()).hasSize(2);
        assertThat(q.tests().get(0).notes()).containsExactly("MATCH");
        assertThat(pack.file("files/data.csv")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("1,2\n"));
    }

    @Test
    void hw7ImportThenExportGivesTheSamePack() throws Exception {
        CoursePack original = PackReader.read(HW7);

        Path exported = tmp.resolve("exported");
        PackWriter.toFolder(original, exported);
        CoursePack fromFolder = PackReader.read(exported);
        CoursePack fromZip = PackReader.readZip(PackWriter.zip(original));

        assertThat(fromFolder).isEqualTo(original);
        assertThat(fromZip).isEqualTo(original);
        assertThat(PackWriter.files(fromFolder).keySet()).isEqualTo(PackWriter.files(original).keySet());
    }

    @Test
    void theSamePackAlwaysZipsToTheSameBytes() throws Exception {
        CoursePack pack = PackReader.read(HW7);
        byte[] first = PackWriter.zip(pack);
        Thread.sleep(2100); // zip timestamps have a two-second resolution
        assertThat(PackWriter.zip(PackReader.readZip(first))).isEqualTo(first);
    }

    @Test
    void aZipOfTheFolderItselfReadsTheSame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : Map.of("demo/pack.yaml", MANIFEST, "demo/questions/q1.yaml", QUESTION).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertThat(PackReader.readZip(bytes.toByteArray()).question("demo/q1")).isPresent();
    }

    @Test
    void aBadFieldIsReportedWithItsFileAndPath() throws Exception {
        Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION.replace("points: 2", "points: lots")));
        assertThatThrownBy(() -> PackReader.read(dir))
                .isInstanceOf(PackException.class)
                .satisfies(e -> assertThat(((PackException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("questions/q1.yaml");
                    assertThat(p.field()).isEqualTo("points");
                    assertThat(p.message()).contains("'lots' is not a valid number").contains("line 3");
                }));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws Exception {
        Path dir = pack(Map.of(
                "pack.yaml", MANIFEST.replace("questions: [demo/q1]", "questions: [demo/q1, demo/nope]"),
                "questions/q1.yaml", QUESTION.replace("plugin: test-echo\n", "").replace("score: 0", "score: 3"),
                "questions/q2.yaml", QUESTION.replace("id: demo/q1", "id: other/q2").replace("title:", "titel:")));
        PackException e = org.junit.jupiter.api.Assertions.assertThrows(PackException.class, () -> PackReader.read(dir));
        assertThat(e.problems()).extracting(PackProblem::toString).containsExactlyInAnyOrder(
                "questions/q1.yaml: plugin: needs the id of the grader plugin (./assay plugins lists them)",
                "questions/q1.yaml: tests[1].score: needs the expected score as a fraction in [0, 1]",
                "questions/q2.yaml: titel: unknown field 'titel'; known fields: config, expectedApproach, id, plugin, points, prompt, tests, title",
                "pack.yaml: assignments[0].questions[1]: no question has the id 'demo/nope'");
    }

    @Test
    void aQuestionIdOutsideThePackIsRefused() throws Exception {
        Path dir = pack(Map.of("pack.yaml", MANIFEST.replace("[demo/q1]", "[]"),
                "questions/q1.yaml", QUESTION.replace("id: demo/q1", "id: hw7/q1")));
        assertThatThrownBy(() -> PackReader.read(dir)).hasMessageContaining("questions/q1.yaml: id: 'hw7/q1' must have the form demo/<name>");
    }

    @Test
    void aYamlSyntaxErrorSaysWhere() throws Exception {
        Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION.replace("prompt: What", "prompt: \"What")));
        assertThatThrownBy(() -> PackReader.read(dir)).hasMessageContaining("questions/q1.yaml").hasMessageContaining("line");
    }

    @Test
    void aZipThatEscapesThePackIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../../etc/evil"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> PackReader.readZip(bytes.toByteArray())).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> PackReader.readZip("not a zip".getBytes())).hasMessageContaining("not a zip");
    }

    @Test
    void aConfigurationThatDoesNotFitItsPluginNamesTheFileAndTheField() throws Exception {
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                QUESTION.replace("expected: \"42\"", "expected: \"\"\n  partial: 2"))));
        PackLoader loader = loader();
        LoadedPack loaded = loader.load(pack);

        CatalogQuestion q = loaded.question("demo/q1").orElseThrow();
        assertThat(q.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(loader.configProblems(loaded)).extracting(PackProblem::toString).containsExactly(
                "questions/q1.yaml: config.expected: must not be blank",
                "questions/q1.yaml: config.partial: must be less than or equal to 1");
    }

    @Test
    void anUnknownConfigFieldIsAProblemToo() throws Exception {
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                QUESTION.replace("expected: \"42\"", "expected: \"42\"\n  expcted: 1"))));
        CatalogQuestion q = loader().load(pack).question("demo/q1").orElseThrow();
        assertThat(q.problemLines()).singleElement().asString().startsWith("config.expcted: unknown field 'expcted'");
    }

    @Test
    void questionsWhosePluginIsMissingLoadAndSaySo() throws Exception {
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                QUESTION.replace("plugin: test-echo", "plugin: not-here"))));
        CatalogQuestion q = loader().load(pack).question("demo/q1").orElseThrow();
        assertThat(q.state()).isEqualTo(QuestionState.PLUGIN_NOT_INSTALLED);
        assertThat(q.notReadyGrade().notes()).containsExactly(CatalogQuestion.NOTE_NOT_INSTALLED);
        assertThat(q.notReadyGrade().feedback().get(0).markdown()).contains("not-here").contains("is kept");
    }
    @Test
    void aHugeQuestionFileIsRefusedBeforeAnyParserSeesIt() throws Exception {
        // A 20 MiB single-line scalar kept SnakeYAML busy for minutes (and 1.5 GB) before it was refused.
        Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                QUESTION.replace("prompt: What is six times seven?", "prompt: " + "a".repeat(20 * 1024 * 1024))));

        assertThatThrownBy(() -> PackReader.read(dir)).isInstanceOf(PackException.class)
                .hasMessageContaining("questions/q1.yaml").hasMessageContaining("the file is 20.0 MiB")
                .hasMessageContaining("at most 1.0 MiB");
    }

    @Test
    void aHugeQuestionFileInAZipIsRefusedByWhatItInflatesTo() throws Exception {
        // ZipOutputStream leaves the size out of the entry's header: only inflating tells it.
        byte[] zip = zip(Map.of("demo/pack.yaml", MANIFEST.getBytes(StandardCharsets.UTF_8), "demo/questions/q1.yaml",
                QUESTION.replace("prompt: What is six times seven?", "prompt: " + "a".repeat(20 * 1024 * 1024))
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(zip.length).isLessThan(1024 * 1024);

        assertThatThrownBy(() -> PackReader.readZip(zip)).isInstanceOf(PackException.class)
                .hasMessageContaining("demo/questions/q1.yaml").hasMessageContaining("larger than 1.0 MiB")
                .hasMessageContaining("a pack or question file may be at most 1.0 MiB");
    }

    @Test
    void aZipThatInflatesBeyondThePacksLimitIsRefused() throws Exception {
        byte[] thirtyMiB = new byte[30 * 1024 * 1024];
        byte[] zip = zip(Map.of("pack.yaml", MANIFEST.getBytes(StandardCharsets.UTF_8),
                "questions/q1.yaml", QUESTION.getBytes(StandardCharsets.UTF_8),
                "files/a.bin", thirtyMiB, "files/b.bin", thirtyMiB, "files/c.bin", thirtyMiB));

        assertThatThrownBy(() -> PackReader.readZip(zip)).isInstanceOf(PackException.class)
                .hasMessageContaining("files/c.bin").hasMessageContaining("larger than its limit of 64.0 MiB");
    }

    @Test
    void thePacksQuestionFilesAreBoundedInAllToo() throws Exception {
        // Nine question files just under 1 MiB each: every one within its own limit, together over 8 MiB.
        java.util.Map<String, String> files = new java.util.HashMap<>(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION));
        for (int i = 2; i <= 10; i++) {
            files.put("questions/q" + i + ".yaml", "prompt: " + "a".repeat(1000 * 1024) + "\n");
        }
        assertThatThrownBy(() -> PackReader.read(pack(files))).isInstanceOf(PackException.class)
                .hasMessageContaining("the pack and question files are larger than their limit of 8.0 MiB in all");
    }

    @Test
    void aDataFileMayBeLargerThanAQuestionFile() throws Exception {
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION,
                "files/data.csv", "1,2\n".repeat(1024 * 1024))));
        assertThat(pack.file("files/data.csv")).hasValueSatisfying(b -> assertThat(b).hasSize(4 * 1024 * 1024));
    }

    @Test
    void deeplyNestedYamlIsRefusedWithItsFile() throws Exception {
        Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                QUESTION.replace("expected: \"42\"", "expected: \"42\"\n  deep: " + "[".repeat(500) + "]".repeat(500))));
        assertThatThrownBy(() -> PackReader.read(dir)).hasMessageContaining("questions/q1.yaml")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void pointsAndScoresMustBeFiniteNumbers() throws Exception {
        for (String points : List.of(".nan", ".inf", "-.inf", "NaN", "Infinity", "1e999", "'NaN'")) {
            Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION.replace("points: 2", "points: " + points)));
            assertThatThrownBy(() -> PackReader.read(dir)).as(points).isInstanceOf(PackException.class)
                    .hasMessageContaining("questions/q1.yaml: points:").hasMessageContaining("finite");
        }
        Path dir = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", QUESTION.replace("score: 0", "score: NaN")));
        assertThatThrownBy(() -> PackReader.read(dir)).hasMessageContaining("questions/q1.yaml: tests[1].score:");
    }

    @Test
    void aConfigurationWithNotANumberAnywhereNamesTheField() throws Exception {
        PackLoader loader = new PackLoader(PluginRegistry.of(new NumbersTestPlugin()),
                new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));
        String question = """
                id: demo/q1
                title: Numbers
                points: 1
                plugin: test-numbers
                config:
                  weight: .inf
                  parts:
                    - {name: a, points: 1}
                    - {name: b, points: "NaN"}
                  scale: {x: 1e999, y: 0.5}
                  grid: [0.5, -Infinity]
                """;
        // .inf is YAML's own spelling, refused as the file is read; the others bind and are caught after.
        Path withInf = pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", question));
        assertThatThrownBy(() -> PackReader.read(withInf))
                .hasMessageContaining("questions/q1.yaml: config: '.inf' is not a finite number").hasMessageContaining("(line 6)");

        LoadedPack second = loader.load(PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml",
                question.replace("weight: .inf", "weight: 2")))));
        assertThat(second.question("demo/q1").orElseThrow().problemLines()).containsExactly(
                "config.grid[1]: must be a finite number, not -Infinity",
                "config.parts[1].points: must be a finite number, not NaN",
                "config.scale.x: must be a finite number, not Infinity");
    }

    @Test
    void aQuestionTestMayAskForPhrasesInTheFeedback() throws Exception {
        String question = QUESTION.replace("""
                    notes: [MATCH]
                """, """
                    notes: [MATCH]
                    feedback: [Right.]
                """).replace("""
                  - answer: "41"
                    score: 0
                """, """
                  - answer: "41"
                    score: 0
                    feedback: [Right.]
                """);
        CoursePack pack = PackReader.read(pack(Map.of("pack.yaml", MANIFEST, "questions/q1.yaml", question)));
        assertThat(pack.question("demo/q1").orElseThrow().tests().get(0).feedback()).containsExactly("Right.");
        assertThat(PackReader.readZip(PackWriter.zip(pack))).isEqualTo(pack);

        try (var engine = new dev.assay.engine.grading.GradingEngine(dev.assay.engine.grading.EngineSettings.defaults())) {
            var results = new QuestionTestRunner(engine).run(loader().load(pack)).results();
            assertThat(results.get(0).outcome()).isEqualTo(QuestionTestRunner.Outcome.PASS);
            assertThat(results.get(1).outcome()).isEqualTo(QuestionTestRunner.Outcome.FAIL);
            assertThat(results.get(1).detail()).isEqualTo("feedback does not say ['Right.']");
        }
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : new java.util.TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
