package dev.assay.server.application.api;

import dev.assay.engine.Engines;
import dev.assay.engine.plugin.ConfigSchema;
import dev.assay.engine.grading.PluginHealth;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.engine.GradingRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The grader plugins this server loaded, their health and their share of the workers; those that failed to load. */
@ApplicationScoped
public class Plugins {
    @Inject
    GradingRuntime runtime;

    public PluginList list() {
        Engines e = runtime.engines();
        return new PluginList(e.registry().plugins().stream().map(p -> {
            PluginHealth h = e.engine().health(p.id());
            return new PluginList.Plugin(p.id(), p.version(), p.origin(), h.healthy(), h.calls(), h.timeouts(),
                    h.abandoned(), h.failures(), h.share(), h.running(), h.waiting());
        }).toList(), e.registry().failures().stream().map(f -> new PluginList.Failure(f.origin(), f.reason())).toList());
    }

    /**
     * The form of a plugin's configuration: each field of its configuration record with its type, documentation,
     * default, example and constraints, read from the record itself. Not found for a plugin this server did not load.
     */
    public ConfigSchema configSchema(String id) {
        return runtime.engines().registry().find(id)
                .map(p -> ConfigSchema.of(p.id(), p.plugin().configType()))
                .orElseThrow(() -> AssayException.notFound("no plugin '" + id + "' is installed; GET /api/plugins lists those that are"));
    }
}
