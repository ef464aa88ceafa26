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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Course packs: list, upload (a zip), export (a zip of the pack as it stands, current configurations included). */
@Path("packs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PackResource {
    @Inject
    Packs packs;

    @Context
    SecurityContext security;

    @Operation(summary = "The course packs on this server")
    @GET
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Pack> list() {
        return packs.list();
    }

    @Operation(summary = "One pack with its questions and assignments")
    @GET
    @Path("{id}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Pack get(@PathParam("id") String id) {
        return packs.get(id);
    }

    @Operation(summary = "Import a pack (a zip of pack.yaml and questions/*.yaml)")
    @RequestBody(content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Imported: the questions that got a new version.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.ImportView.class)))
    @APIResponse(responseCode = "200", description = "The same pack as stored: nothing changed.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.ImportView.class)))
    @APIResponse(responseCode = "413", description = "The zip is over the size limit.")
    @POST
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Allowed(Role.ADMIN)
    public Response upload(byte[] zip) {
        Pack.Imported r = packs.upload(zip, security.getUserPrincipal().getName());
        return Response.status(r.unchanged() ? 200 : 201).entity(new Views.ImportView(r.id(), r.unchanged(), r.newVersions(), r.conflicts())).build();
    }

    @Operation(summary = "The pack as it stands, as a zip for version control")
    @APIResponse(responseCode = "200", description = "The pack's zip.", content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
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
