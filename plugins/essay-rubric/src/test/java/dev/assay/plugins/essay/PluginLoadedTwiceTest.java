package dev.assay.plugins.essay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.QuestionResources;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine gives each plugin folder a class loader of its own, and reloads make more: the sentence model (ONNX
 * Runtime's native library, the pure-Java tokenizer) must load and grade in each, in one JVM.
 */
class PluginLoadedTwiceTest {
    @TempDir
    Path tmp;

    /** A plugin folder as the build makes it: this plugin's classes as a jar, and its runtime jars. */
    Path folder(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("essay-rubric"));
        Path classes = Path.of("target/classes");
        try (OutputStream out = Files.newOutputStream(dir.resolve("essay-rubric.jar"));
             ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (file.startsWith("lucene-") || file.startsWith("onnxruntime") || file.startsWith("langchain4j-embeddings")) {
                Files.copy(Path.of(entry), dir.resolve(file));
            }
        }
        return dir.getParent();
    }

    Grade gradeWith(PluginRegistry registry) throws Exception {
        PackLoader loader = new PackLoader(registry, new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));
        String yaml = """
                mode: reference
                references: [Plants need sunlight to make their food.]
                model: {weights: {aligned: 6.0, coverage: 4.0}, bias: -6.0}
                """;
        CatalogQuestion q = loader.prepare(new QuestionDef("t/q", "Q", "", 1, "essay-rubric",
                (ObjectNode) Json.yaml().readTree(yaml), "", null), QuestionResources.NONE);
        assertThat(q.state()).as(q.problemLines().toString()).isEqualTo(QuestionState.READY);
        return EssayRubricPluginTest.ENGINE.grade(q.ready(), Answer.of("Plants use light from the sun to make food.")).grade();
    }

    @Test
    void twoClassLoadersEachLoadTheModelAndGrade() throws Exception {
        // the platform loader has no plugin on its class path: each registry finds essay-rubric in its folder only
        PluginRegistry first = PluginRegistry.load(ClassLoader.getPlatformClassLoader(), List.of(folder("one")));
        PluginRegistry second = PluginRegistry.load(ClassLoader.getPlatformClassLoader(), List.of(folder("two")));
        LoadedPlugin a = first.find("essay-rubric").orElseThrow();
        LoadedPlugin b = second.find("essay-rubric").orElseThrow();
        assertThat(a.loader()).isNotSameAs(b.loader()).isNotSameAs(getClass().getClassLoader());
        assertThat(a.plugin().getClass()).isNotSameAs(b.plugin().getClass());
        Grade one = gradeWith(first);
        Grade two = gradeWith(second);
        assertThat(one.status()).isIn(Grade.Status.GRADED, Grade.Status.NEEDS_REVIEW);
        assertThat(two.status()).isIn(Grade.Status.GRADED, Grade.Status.NEEDS_REVIEW);
        assertThat(one.score()).isGreaterThan(0.5).isEqualTo(two.score());
    }
}
