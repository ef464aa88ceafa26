package dev.assay.server.interfaces.rest;

import dev.assay.server.application.api.RosterStanding;
import dev.assay.server.application.api.Rosters;
import dev.assay.server.interfaces.rest.security.ActivityScope;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An activity's class list against its answers: who has not started. The list comes from the LMS (LTI Names and Role
 * Provisioning), cached for a few minutes; an LMS that does not share it gives a reason, not an error.
 */
@Path("assignments/{id}/roster")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.INSTRUCTOR, Role.ADMIN})
public class RosterResource {
    @Inject
    Rosters rosters;

    @Context
    SecurityContext security;

    @Operation(summary = "Who on the activity's class list has not started (target: the activity's gradebook target, e.g. lti:12)")
    @APIResponse(responseCode = "200", description = "The counts and the students who have not started, or available=false "
            + "with the reason.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RosterStanding.class)))
    @APIResponse(responseCode = "400", description = "No target given.")
    @APIResponse(responseCode = "403", description = "A workspace token of one LMS activity named another.")
    @APIResponse(responseCode = "404", description = "No such assignment, or the target is not one of its activities.")
    @GET
    public RosterStanding roster(@PathParam("id") long id, @QueryParam("target") String target) {
        // A workspace token of an LMS activity gets its own activity without naming it, and no other's.
        return rosters.standing(id, ActivityScope.target(security, target).orElse(null));
    }
}
