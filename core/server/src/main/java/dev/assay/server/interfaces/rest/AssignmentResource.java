package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.application.RegradeJobs;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;

/** Assignments: the questions of a pack that students answer together. */
@Path("assignments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
public class AssignmentResource {
    @Inject
    CatalogService catalog;

    @GET
    public List<Views.AssignmentView> list(@QueryParam("pack") String pack) {
        return catalog.assignments(pack).stream().map(AssignmentResource::view).toList();
    }

    @GET
    @Path("{id}")
    public Views.AssignmentView get(@PathParam("id") long id) {
        return view(catalog.assignment(id).orElseThrow(() -> AssayException.notFound("No assignment " + id + ".")));
    }

    @Inject
    RegradeJobs regrades;

    @Context
    SecurityContext security;

    /**
     * Regrades, as a Jakarta Batch job, every submission of the assignment whose latest grade was given with an
     * older configuration (after a configuration change, say). Grades are added, never replaced; gradebook scores
     * follow through the outbox. 202 with the regrade to poll (its id survives restarts, and a regrade a restart
     * interrupted carries on); 409 naming the running one while another regrade of the assignment runs.
     */
    @POST
    @Path("{id}/regrades")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Response regrade(@PathParam("id") long id) {
        return Response.status(202).entity(regrades.start(id, Optional.empty(), security.getUserPrincipal().getName()))
                .build();
    }

    /** The assignment's regrades, newest first, with their state and counts. */
    @GET
    @Path("{id}/regrades")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<RegradeJobs.Status> regrades(@PathParam("id") long id) {
        catalog.assignment(id).orElseThrow(() -> AssayException.notFound("No assignment " + id + "."));
        return regrades.list(id, Optional.empty());
    }

    @GET
    @Path("{id}/regrades/{execution}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public RegradeJobs.Status regradeStatus(@PathParam("id") long id, @PathParam("execution") long execution) {
        return regrades.status(execution).filter(s -> s.assignmentId() == id)
                .orElseThrow(() -> AssayException.notFound("No regrade " + execution + " of assignment " + id + "."));
    }

    static Views.AssignmentView view(AssignmentEntity a) {
        return new Views.AssignmentView(a.getId(), a.getPackId(), a.getKey(), a.getTitle(), CatalogService.questionIds(a));
    }
}
