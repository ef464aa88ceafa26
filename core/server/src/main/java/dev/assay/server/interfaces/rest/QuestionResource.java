package dev.assay.server.interfaces.rest;

import dev.assay.api.Attachment;
import dev.assay.api.Validation;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.application.GradingService;
import dev.assay.server.application.QuestionCatalog;
import dev.assay.server.application.SubmissionStore;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.interfaces.rest.dto.AnswerBody;
import dev.assay.server.interfaces.rest.dto.ConfigBody;
import dev.assay.server.interfaces.rest.dto.SubmitBody;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Questions, addressed as {@code /api/questions/{pack}/{name}} (the id {@code hw7/3bi-grad-w2} is
 * pack {@code hw7}, name {@code 3bi-grad-w2}): read, validate an answer, submit one, configure.
 */
@Path("questions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuestionResource {
    @Inject
    QuestionCatalog catalog;

    @Inject
    CatalogService catalogService;

    @Inject
    GradingService grading;

    @Inject
    SubmissionStore store;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.QuestionSummary> list(@QueryParam("pack") String pack) {
        return catalog.questions().stream()
                .filter(e -> pack == null || e.id().startsWith(pack + "/"))
                .map(e -> new Views.QuestionSummary(e.id(), e.question().def().title(), e.question().def().points(),
                        e.question().def().plugin(), e.question().state().name(), e.version()))
                .toList();
    }

    @GET
    @Path("{pack}/{name}")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.QuestionView get(@PathParam("pack") String pack, @PathParam("name") String name) {
        QuestionCatalog.Entry e = grading.question(pack + "/" + name);
        QuestionDef d = e.question().def();
        return new Views.QuestionView(d.id(), pack, d.title(), d.prompt(), d.points(), d.plugin(),
                e.question().state().name(), e.question().problemLines(), e.version(), grading.handouts(e.id()));
    }

    @GET
    @Path("{pack}/{name}/files/{file}")
    @Produces(MediaType.WILDCARD)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Response handout(@PathParam("pack") String pack, @PathParam("name") String name, @PathParam("file") String file) {
        Attachment a = grading.handout(pack + "/" + name, file)
                .orElseThrow(() -> AssayException.notFound("This question hands out no file '" + file + "'."));
        return Response.ok(a.content(), a.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + a.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    @POST
    @Path("{pack}/{name}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.ValidationView validate(@PathParam("pack") String pack, @PathParam("name") String name,
                                         @Valid @NotNull AnswerBody body) {
        Validation v = grading.validate(pack + "/" + name, ViewMapper.answer(body.answer(), body.files()));
        return new Views.ValidationView(v.valid(), v.echo(), v.messages(), v.notes());
    }

    @POST
    @Path("{pack}/{name}/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Response submit(@PathParam("pack") String pack, @PathParam("name") String name, @Valid @NotNull SubmitBody body) {
        String id = pack + "/" + name;
        QuestionCatalog.Entry q = grading.question(id);
        SubmissionStore.Stored stored = grading.submit(id, body.user(), ViewMapper.answer(body.answer(), body.files()));
        Views.GradeView grade = ViewMapper.grade(stored.grade(), stored.given(), q.question().def().points(), q.version());
        return Response.created(uri.getBaseUriBuilder().path("submissions").path(String.valueOf(stored.submission().getId())).build())
                .entity(new Views.SubmitView(stored.submission().getId(), id, grade)).build();
    }

    @GET
    @Path("{pack}/{name}/submissions")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.SubmissionView> submissions(@PathParam("pack") String pack, @PathParam("name") String name,
                                                  @QueryParam("user") String user) {
        if (user == null || user.isBlank()) {
            throw new AssayException(AssayException.Kind.INVALID, "Say whose submissions: ?user=<platform user id>.",
                    List.of(new AssayException.Problem("user", "must not be blank")));
        }
        return store.submissions(pack + "/" + name, user).stream().map(s -> SubmissionResource.view(s, store, grading)).toList();
    }

    @GET
    @Path("{pack}/{name}/config")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.ConfigVersionView config(@PathParam("pack") String pack, @PathParam("name") String name) {
        QuestionCatalog.Entry e = grading.question(pack + "/" + name);
        return ViewMapper.config(catalogService.configById(e.configId()).orElseThrow());
    }

    @GET
    @Path("{pack}/{name}/config/versions")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.ConfigVersionView> versions(@PathParam("pack") String pack, @PathParam("name") String name) {
        grading.question(pack + "/" + name);
        return catalogService.versions(pack + "/" + name).stream().map(ViewMapper::config).toList();
    }

    @PUT
    @Path("{pack}/{name}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.ConfigVersionView changeConfig(@PathParam("pack") String pack, @PathParam("name") String name,
                                                @Valid @NotNull ConfigBody body) {
        QuestionConfigEntity c = catalogService.changeConfig(pack + "/" + name, body.config(), body.expectedApproach(),
                body.reason(), security.getUserPrincipal().getName());
        return ViewMapper.config(c);
    }
}
