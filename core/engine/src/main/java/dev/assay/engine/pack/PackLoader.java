package dev.assay.engine.pack;

import dev.assay.api.ConfigProblem;
import dev.assay.api.QuestionResources;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches a pack's questions with installed plugins and binds their configurations. */
public final class PackLoader {
    private final PluginRegistry registry;
    private final ConfigBinder binder;

    public PackLoader(PluginRegistry registry, ConfigBinder binder) {
        this.registry = registry;
        this.binder = binder;
    }

    public LoadedPack load(CoursePack pack) {
        Map<String, CatalogQuestion> questions = new LinkedHashMap<>();
        QuestionResources resources = pack::file;
        for (QuestionDef q : pack.questions()) {
            questions.put(q.id(), prepare(q, resources));
        }
        return new LoadedPack(pack, questions);
    }

    public CatalogQuestion prepare(QuestionDef q, QuestionResources resources) {
        Optional<LoadedPlugin> plugin = registry.find(q.plugin());
        if (plugin.isEmpty()) {
            return new CatalogQuestion(q, QuestionState.PLUGIN_NOT_INSTALLED, null,
                    List.of(new ConfigProblem("plugin", "not installed: " + q.plugin())));
        }
        ConfigBinder.Result bound = binder.bind(plugin.get(), q.config());
        if (!bound.ok()) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (ConfigProblem p : bound.problems()) {
                String path = "config" + (p.path().isEmpty() ? "" : (p.path().startsWith("[") ? "" : ".") + p.path());
                problems.add(new ConfigProblem(path, p.message()));
            }
            return new CatalogQuestion(q, QuestionState.INVALID_CONFIG, null, problems);
        }
        return new CatalogQuestion(q, QuestionState.READY,
                new ReadyQuestion(q.id(), plugin.get(), bound.config(), q.expectedApproach(), resources, q.points()), List.of());
    }

    /**
     * Problems that make a pack unfit to import: configurations that do not fit installed plugins,
     * each with its file and field. Questions whose plugin is missing are not problems.
     */
    public List<PackProblem> configProblems(LoadedPack loaded) {
        List<PackProblem> out = new ArrayList<>();
        for (CatalogQuestion q : loaded.ordered()) {
            if (q.state() == QuestionState.INVALID_CONFIG) {
                for (ConfigProblem p : q.problems()) {
                    out.add(new PackProblem("questions/" + q.def().localName() + ".yaml", p.path(), p.message()));
                }
            }
        }
        return out;
    }
}
