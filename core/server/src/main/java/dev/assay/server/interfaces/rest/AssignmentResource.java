package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

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

    static Views.AssignmentView view(AssignmentEntity a) {
        return new Views.AssignmentView(a.getId(), a.getPackId(), a.getKey(), a.getTitle(), CatalogService.questionIds(a));
    }
}
