package dev.assay.engine.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.ConfigProblem;
import dev.assay.api.QuestionResources;
import dev.assay.api.ReferenceGrading;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginResult;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.plugin.LoadedPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Questions known only by their text, reference answers and scale (a public short-answer data set), made by a plugin
 * that offers {@link ReferenceGrading}. The engine knows nothing of how that plugin configures such a question: it asks
 * the plugin, through its door, and checks the configuration as it checks a pack's.
 */
public final class ReferenceQuestions {
    private final Engines engines;
    private final LoadedPlugin plugin;
    private final ReferenceGrading<Record> capability;

    private ReferenceQuestions(Engines engines, LoadedPlugin plugin, ReferenceGrading<Record> capability) {
        this.engines = engines;
        this.plugin = plugin;
        this.capability = capability;
    }

    /**
     * Questions made by the plugin of this id or, with none given, by the one installed plugin that can make them.
     *
     * @throws EvalUsageException when that plugin is not installed or cannot make them, or when no installed plugin,
     *                            or more than one, can
     */
    public static ReferenceQuestions by(Engines engines, String pluginId) {
        if (pluginId != null) {
            LoadedPlugin p = engines.registry().find(pluginId).orElseThrow(() -> new EvalUsageException("the plugin '"
                    + pluginId + "' is not installed; installed: " + ids(engines.registry().plugins())));
            return new ReferenceQuestions(engines, p, capability(engines, p).orElseThrow(() -> new EvalUsageException(
                    "the plugin '" + pluginId + "' cannot grade questions from reference answers (it does not offer "
                            + "ReferenceGrading); " + able(engines))));
        }
        List<LoadedPlugin> able = engines.registry().plugins().stream().filter(p -> capability(engines, p).isPresent()).toList();
        if (able.size() != 1) {
            throw new EvalUsageException(able.isEmpty()
                    ? "no installed plugin can grade questions from reference answers (ReferenceGrading); install one"
                    : "several installed plugins can grade questions from reference answers (" + ids(able)
                    + "): choose one with --plugin");
        }
        return new ReferenceQuestions(engines, able.get(0), capability(engines, able.get(0)).orElseThrow());
    }

    /** The plugin that makes the questions. */
    public String pluginId() {
        return plugin.id();
    }

    /**
     * The question the plugin configures for these references, bound and checked as a pack's question is; not ready
     * (with the plugin's error as its problem) when the plugin fails to configure it.
     */
    public CatalogQuestion question(String id, String text, List<String> references, int scale) {
        PluginResult<ObjectNode> config = engines.engine().calls().call(plugin, "configure a question from reference "
                        + "answers", engines.engine().settings().limits().timeLimit(),
                () -> Json.json().valueToTree(capability.referenceConfig(text, List.copyOf(references), scale)));
        QuestionDef def = new QuestionDef(id, id, text, scale, plugin.id(),
                config.orElse(JsonNodeFactory.instance.objectNode()), "", null);
        if (!config.ok()) {
            return new CatalogQuestion(def, QuestionState.INVALID_CONFIG, null, List.of(new ConfigProblem("config",
                    config.message())));
        }
        return engines.loader().prepare(def, QuestionResources.NONE);
    }

    /**
     * Questions the plugin configured after learning from graded answers ({@link ReferenceGrading#learnedConfigs}),
     * in the order of {@code toGrade}; each not ready, with the plugin's error, when the plugin fails.
     *
     * @param ids     the ids of the questions of {@code toGrade}, in its order
     * @param limit   how long the plugin may take to learn (it may read thousands of answers)
     */
    public List<CatalogQuestion> learned(List<String> ids, List<ReferenceGrading.Question> toGrade,
                                         List<ReferenceGrading.Question> others, Duration limit) {
        PluginResult<List<ObjectNode>> configs = engines.engine().calls().call(plugin, "learn from " + others.size()
                + " other questions' and " + toGrade.size() + " questions' own graded answers", limit, () -> {
                    List<Record> made = capability.learnedConfigs(List.copyOf(toGrade), List.copyOf(others));
                    if (made == null || made.size() != toGrade.size()) {
                        throw new IllegalStateException("it gave " + (made == null ? "none" : made.size())
                                + " configurations for " + toGrade.size() + " questions");
                    }
                    List<ObjectNode> out = new ArrayList<>();
                    for (Record r : made) {
                        out.add(Json.json().valueToTree(r));
                    }
                    return out;
                });
        List<CatalogQuestion> out = new ArrayList<>();
        for (int i = 0; i < toGrade.size(); i++) {
            ReferenceGrading.Question q = toGrade.get(i);
            String id = ids.get(i);
            QuestionDef def = new QuestionDef(id, id, q.text(), q.scale(), plugin.id(),
                    configs.ok() ? configs.value().get(i) : JsonNodeFactory.instance.objectNode(), "", null);
            out.add(configs.ok() ? engines.loader().prepare(def, QuestionResources.NONE)
                    : new CatalogQuestion(def, QuestionState.INVALID_CONFIG, null, List.of(new ConfigProblem("config",
                    configs.message()))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Optional<ReferenceGrading<Record>> capability(Engines engines, LoadedPlugin p) {
        return engines.engine().calls().declared(p, "capability(ReferenceGrading)",
                () -> p.plugin().capability(ReferenceGrading.class).map(c -> (ReferenceGrading<Record>) c), Optional.empty());
    }

    private static String able(Engines engines) {
        List<LoadedPlugin> able = engines.registry().plugins().stream().filter(p -> capability(engines, p).isPresent()).toList();
        return able.isEmpty() ? "no installed plugin can" : "these can: " + ids(able);
    }

    private static String ids(List<LoadedPlugin> plugins) {
        return plugins.isEmpty() ? "none" : String.join(", ", plugins.stream().map(LoadedPlugin::id).toList());
    }
}
