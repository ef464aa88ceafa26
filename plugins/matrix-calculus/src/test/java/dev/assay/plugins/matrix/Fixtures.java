package dev.assay.plugins.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.file.Path;

/** The hw7 pack with this plugin, graded through the real engine; and questions made from YAML. */
final class Fixtures {
    static final Path ROOT = Path.of(System.getProperty("assay.repo.root", "../.."));
    static final GradingEngine ENGINE = new GradingEngine(EngineSettings.defaults());
    static final PackLoader LOADER = new PackLoader(PluginRegistry.of(new MatrixCalculusPlugin()),
            new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));
    private static LoadedPack hw7;

    private Fixtures() {
    }

    static synchronized LoadedPack hw7() throws Exception {
        if (hw7 == null) {
            hw7 = LOADER.load(PackReader.read(ROOT.resolve("deploy/packs/hw7")));
        }
        return hw7;
    }

    static Grade grade(String questionId, String answer) throws Exception {
        CatalogQuestion q = hw7().question(questionId).orElseThrow();
        return ENGINE.grade(q.ready(), Answer.of(answer)).grade();
    }

    /** A question of this plugin from a YAML configuration. */
    static CatalogQuestion question(String yamlConfig) throws Exception {
        JsonNode config = Json.yaml().readTree(yamlConfig);
        var def = new dev.assay.engine.pack.QuestionDef("t/q", "Q", "", 1, "matrix-calculus",
                (com.fasterxml.jackson.databind.node.ObjectNode) config, "Use the definitions.", null);
        return LOADER.prepare(def, dev.assay.api.QuestionResources.NONE);
    }

    static Grade grade(CatalogQuestion q, String answer) {
        return ENGINE.grade(q.ready(), Answer.of(answer)).grade();
    }
}
