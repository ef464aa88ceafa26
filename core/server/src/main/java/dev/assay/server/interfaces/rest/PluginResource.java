package dev.assay.server.interfaces.rest;

import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginHealth;
import dev.assay.server.application.GradingRuntime;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The grader plugins this server loaded, their health, and those that failed to load. */
@Path("plugins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.INSTRUCTOR, Role.ADMIN})
public class PluginResource {
    @Inject
    GradingRuntime runtime;

    @GET
    public Views.Plugins list() {
        Engines e = runtime.engines();
        return new Views.Plugins(e.registry().plugins().stream().map(p -> {
            PluginHealth h = e.engine().health(p.id());
            return new Views.PluginView(p.id(), p.version(), p.origin(), h.healthy(), h.calls(), h.timeouts(),
                    h.abandoned(), h.failures(), h.share(), h.running(), h.waiting());
        }).toList(), e.registry().failures().stream().map(f -> new Views.PluginFailureView(f.origin(), f.reason())).toList());
    }
}
