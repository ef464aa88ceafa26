package dev.assay.server.interfaces.rest;

import dev.assay.server.application.api.Pack;
import dev.assay.server.application.api.Packs;
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
    Packs packs;

    @Context
    SecurityContext security;

    @GET
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Pack> list() {
        return packs.list();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Pack get(@PathParam("id") String id) {
        return packs.get(id);
    }

    @POST
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Allowed(Role.ADMIN)
    public Response upload(byte[] zip) {
        Pack.Imported r = packs.upload(zip, security.getUserPrincipal().getName());
        return Response.status(r.unchanged() ? 200 : 201).entity(new Views.ImportView(r.id(), r.unchanged(), r.newVersions())).build();
    }

    @GET
    @Path("{id}/export")
    @Produces("application/zip")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Response export(@PathParam("id") String id) {
        return Response.ok(packs.export(id), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"")
                .build();
    }
}
