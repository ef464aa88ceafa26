package dev.assay.engine;

import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.QuestionFiles;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's parts wired together: plugins, the grading engine, a pack loader bound to both, and the questions'
 * files (handouts, answer files) asked of their plugins through the engine. The server builds one per application;
 * the CLI one per run.
 */
public record Engines(PluginRegistry registry, GradingEngine engine, PackLoader loader, QuestionFiles files)
        implements AutoCloseable {

    public static Engines create(ClassLoader appLoader, List<Path> pluginDirs, EngineSettings settings, Validator validator) {
        return of(PluginRegistry.load(appLoader, pluginDirs), settings, validator);
    }

    /** The parts wired around plugins already loaded (tests, tools that choose their plugins). */
    public static Engines of(PluginRegistry registry, EngineSettings settings, Validator validator) {
        GradingEngine engine = new GradingEngine(settings);
        registry.plugins().forEach(engine::register);
        return new Engines(registry, engine, new PackLoader(registry, new ConfigBinder(validator, engine.calls())),
                new QuestionFiles(engine));
    }

    @Override
    public void close() {
        engine.close();
    }
}
