package dev.assay.server.interfaces.rest;

import dev.assay.engine.plugin.ConfigSchema;
import dev.assay.server.application.api.PluginList;
import dev.assay.server.application.api.Plugins;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The grader plugins this server loaded, their health, and those that failed to load. */
@Path("plugins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.INSTRUCTOR, Role.ADMIN})
public class PluginResource {
    @Inject
    Plugins plugins;

    @Operation(summary = "The grader plugins installed, with their configuration types and health")
    @GET
    public PluginList list() {
        return plugins.list();
    }

    @Operation(summary = "The form of a plugin's configuration, for a generated editor",
            description = "Each field of the plugin's configuration record: name, type (string, integer, number, boolean, "
                    + "enum, list, map, object), its @Doc text, default and example, whether it is required, its Bean "
                    + "Validation constraints (only those present), an enum's choices, a list's items, a map's values and "
                    + "a nested record's fields. 404 for a plugin that is not installed.")
    @GET
    @Path("{id}/config-schema")
    public ConfigSchema configSchema(@PathParam("id") String id) {
        return plugins.configSchema(id);
    }
}
