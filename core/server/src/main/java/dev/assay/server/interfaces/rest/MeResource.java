package dev.assay.server.interfaces.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.server.application.api.WorkspaceAccess;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Caller;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the caller is, so that the workspace pages know what to show. */
@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
public class MeResource {
    /**
     * The caller. {@code assignment}, {@code target}, {@code expires}: a workspace token's, null for the admin token
     * (written as null, not left out, so a page reads one shape).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Me(String role, String actor, Long assignment, String target, Instant expires) {
    }

    @Context
    SecurityContext security;

    @Operation(summary = "Who the caller is: ADMIN (the admin token) or INSTRUCTOR (a workspace token, for one assignment)")
    @GET
    public Me me() {
        Caller caller = (Caller) security.getUserPrincipal();
        Optional<WorkspaceAccess> w = caller.workspace();
        return new Me(caller.role().name(), caller.actor(), w.map(WorkspaceAccess::assignment).orElse(null),
                w.flatMap(WorkspaceAccess::target).orElse(null), w.map(WorkspaceAccess::expires).orElse(null));
    }
}
