package dev.assay.server.application.api;

import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginHealth;
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
}
