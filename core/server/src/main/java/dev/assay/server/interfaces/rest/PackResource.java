package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.application.QuestionCatalog;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Course packs: list, upload (a zip), export (a zip of the pack as it stands, current configurations included). */
@Path("packs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PackResource {
    @Inject
    CatalogService catalog;

    @Inject
    QuestionCatalog questions;

    @Context
    SecurityContext security;

    @GET
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.PackView> list() {
        return catalog.packs().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.PackView get(@PathParam("id") String id) {
        return view(catalog.pack(id).orElseThrow(() -> AssayException.notFound("No pack '" + id + "' on this server.")));
    }

    private Views.PackView view(CoursePackEntity p) {
        List<Views.AssignmentView> assignments = catalog.assignments(p.getId()).stream()
                .map(AssignmentResource::view).toList();
        int count = questions.pack(p.getId()).map(pack -> pack.questions().size()).orElse(0);
        List<Views.PackSourceView> sources = catalog.sources(p.getId()).stream()
                .map(s -> new Views.PackSourceView(s.source(), s.sha256(), s.importedAt())).toList();
        List<Views.PackConflictView> conflicts = catalog.conflicts(p.getId()).stream()
                .map(c -> new Views.PackConflictView(c.id(), c.question(), c.field(), c.source(), c.inForce(),
                        c.sourceValue(), c.detectedAt())).toList();
        return new Views.PackView(p.getId(), p.getTitle(), p.getVersion(), p.getDescription(), p.getSource(),
                p.getImportedAt(), count, assignments, sources, conflicts);
    }

    @POST
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Allowed(Role.ADMIN)
    public Response upload(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw new AssayException(AssayException.Kind.INVALID, "Send the pack as a zip file in the request body.");
        }
        CatalogService.ImportResult r = catalog.importUpload(zip, security.getUserPrincipal().getName());
        return Response.status(r.unchanged() ? 200 : 201)
                .entity(new Views.ImportView(r.packId(), r.unchanged(), r.newVersions())).build();
    }

    @GET
    @Path("{id}/export")
    @Produces("application/zip")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Response export(@PathParam("id") String id) {
        return Response.ok(catalog.export(id), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"")
                .build();
    }
}
