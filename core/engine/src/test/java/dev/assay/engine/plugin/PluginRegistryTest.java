package dev.assay.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.engine.TestPlugins;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.pack.ConfigBinder;
import jakarta.validation.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @TempDir
    Path tmp;

    private Path plugins() throws Exception {
        Path dir = tmp.resolve("plugins");
        TestPlugins.buildPluginFolder(dir.resolve("lang-a"), Map.of("testplugin.a.LangPlugin",
                        TestPlugins.langPluginSource("testplugin.a", "lang-a")), "testplugin.a.LangPlugin",
                List.of(TestPlugins.testLib("commons-lang3-3.12.0.jar")));
        TestPlugins.buildPluginFolder(dir.resolve("lang-b"), Map.of("testplugin.b.LangPlugin",
                        TestPlugins.langPluginSource("testplugin.b", "lang-b")), "testplugin.b.LangPlugin",
                List.of(TestPlugins.testLib("commons-lang3-3.14.0.jar")));
        return dir;
    }

    private static ConfigBinder binder() {
        return new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator());
    }

    private static Grade grade(GradingEngine engine, LoadedPlugin p) {
        var config = JsonNodeFactory.instance.objectNode().put("greeting", "hello");
        ConfigBinder.Result bound = binder().bind(p, config);
        assertThat(bound.problems()).isEmpty();
        return engine.grade(new ReadyQuestion("t/" + p.id(), p, bound.config(), "", null), Answer.of("x")).grade();
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfOneLibraryLoadSideBySide() throws Exception {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), List.of(plugins()));

        assertThat(registry.failures()).isEmpty();
        LoadedPlugin a = registry.find("lang-a").orElseThrow();
        LoadedPlugin b = registry.find("lang-b").orElseThrow();
        assertThat(a.origin()).endsWith("lang-a");
        assertThat(a.loader()).isNotSameAs(b.loader());
        try (GradingEngine engine = new GradingEngine(EngineSettings.defaults())) {
            Grade ga = grade(engine, a);
            Grade gb = grade(engine, b);
            assertThat(ga.notes()).contains("LANG_3.12.0", "ISOLATED");
            assertThat(gb.notes()).contains("LANG_3.14.0", "ISOLATED");
            assertThat(ga.echo().text()).isEqualTo("HELLO");
        }
    }

    @Test
    void pluginsOnTheClassPathAreFoundToo() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), List.of());
        assertThat(registry.find("test-echo")).hasValueSatisfying(p ->
                assertThat(p.origin()).isEqualTo(PluginRegistry.CLASSPATH_ORIGIN));
    }

    @Test
    void aBrokenPluginIsReportedWithTheReasonAndTheOthersStillLoad() throws Exception {
        Path dir = plugins();
        // Names a provider class that is not in the jar.
        TestPlugins.buildPluginFolder(dir.resolve("broken"), Map.of("testplugin.c.Helper",
                "package testplugin.c; public class Helper {}"), "testplugin.c.Missing", List.of());
        Files.createDirectories(dir.resolve("empty"));

        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), List.of(dir));

        assertThat(registry.find("lang-a")).isPresent();
        assertThat(registry.find("lang-b")).isPresent();
        assertThat(registry.failures()).hasSize(2);
        assertThat(registry.failures()).anySatisfy(f -> {
            assertThat(f.origin()).endsWith("broken");
            assertThat(f.reason()).contains("testplugin.c.Missing");
        });
        assertThat(registry.failures()).anySatisfy(f -> {
            assertThat(f.origin()).endsWith("empty");
            assertThat(f.reason()).contains("no .jar files");
        });
    }

    @Test
    void aSecondPluginWithATakenIdIsSkippedAndSaysWhy() throws Exception {
        Path dir = tmp.resolve("dupes");
        for (String f : List.of("one", "two")) {
            TestPlugins.buildPluginFolder(dir.resolve(f), Map.of("testplugin." + f + ".LangPlugin",
                            TestPlugins.langPluginSource("testplugin." + f, "same-id")), "testplugin." + f + ".LangPlugin",
                    List.of(TestPlugins.testLib("commons-lang3-3.12.0.jar")));
        }
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), List.of(dir));
        assertThat(registry.find("same-id").orElseThrow().origin()).endsWith("one");
        assertThat(registry.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("already taken"));
    }
}
