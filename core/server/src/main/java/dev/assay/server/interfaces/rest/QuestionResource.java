package dev.assay.server.interfaces.rest;

import dev.assay.api.Attachment;
import dev.assay.api.Validation;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Analytics;
import dev.assay.server.application.api.Answers;
import dev.assay.server.application.api.ConfigVersion;
import dev.assay.server.application.api.GroupReviewed;
import dev.assay.server.application.api.Previews;
import dev.assay.server.application.api.Question;
import dev.assay.server.application.api.QuestionAnalytics;
import dev.assay.server.application.api.QuestionSummary;
import dev.assay.server.application.api.Questions;
import dev.assay.server.application.api.Reviews;
import dev.assay.server.application.api.Submitted;
import dev.assay.server.application.api.VersionDiff;
import dev.assay.server.interfaces.rest.dto.AnswerGroupReviewBody;
import dev.assay.server.interfaces.rest.dto.ConfigBody;
import dev.assay.server.interfaces.rest.dto.NewTestBody;
import dev.assay.server.interfaces.rest.dto.RestoreBody;
import dev.assay.server.interfaces.rest.dto.PreviewBody;
import dev.assay.server.interfaces.rest.dto.SubmitBody;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.ActivityScope;
import dev.assay.server.interfaces.rest.security.Caller;
import dev.assay.server.interfaces.rest.security.Role;
import dev.assay.server.interfaces.web.AnswerBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Questions, addressed as {@code /api/questions/{pack}/{name}} (the id {@code hw7/3bi-grad-w2} is
 * pack {@code hw7}, name {@code 3bi-grad-w2}): read, validate an answer, submit one, configure.
 */
@Path("questions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuestionResource {
    @Inject
    Questions questions;

    @Inject
    Answers answers;

    @Inject
    Previews previews;

    @Inject
    Analytics analytics;

    @Inject
    Reviews reviews;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Operation(summary = "The questions of a pack, or of every pack")
    @GET
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<QuestionSummary> list(@QueryParam("pack") String pack) {
        return questions.list(Optional.ofNullable(pack));
    }

    @Operation(summary = "One question as students see it")
    @GET
    @Path("{pack}/{name}")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.QuestionView get(@PathParam("pack") String pack, @PathParam("name") String name) {
        Question q = questions.get(pack + "/" + name);
        return new Views.QuestionView(q.id(), q.pack(), q.title(), q.prompt(), q.points(), q.plugin(), q.state(), q.problems(),
                q.configVersion(), q.handouts());
    }

    @Operation(summary = "A file the question hands out")
    @APIResponse(responseCode = "200", description = "The file.", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "503", description = "The plugin failed to give the file; try again later.")
    @GET
    @Path("{pack}/{name}/files/{file}")
    @Produces(MediaType.WILDCARD)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Response handout(@PathParam("pack") String pack, @PathParam("name") String name, @PathParam("file") String file) {
        Attachment a = questions.handout(pack + "/" + name, file);
        return Response.ok(a.content(), a.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + a.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    @Operation(summary = "How the plugin reads an answer (its echo), without grading or storing it")
    @APIResponse(responseCode = "200", description = "How the plugin reads it.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.ValidationView.class)))
    @APIResponse(responseCode = "413", description = "The answer is over the size limit.")
    @POST
    @Path("{pack}/{name}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.ValidationView validate(@PathParam("pack") String pack, @PathParam("name") String name,
                                         @Valid @NotNull AnswerBody body) {
        Validation v = answers.validate(pack + "/" + name, body.toAnswer());
        return new Views.ValidationView(v.valid(), v.echo(), v.messages(), v.notes());
    }

    @Operation(summary = "Grade a sample answer exactly as a student's would be, with a draft configuration or the one in force; nothing is stored")
    @APIResponse(responseCode = "200", description = "The grade a student would get.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.PreviewView.class)))
    @APIResponse(responseCode = "409", description = "The question's plugin is not installed, so a draft cannot be checked.")
    @APIResponse(responseCode = "413", description = "The answer is over the size limit.")
    @POST
    @Path("{pack}/{name}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.PreviewView preview(@PathParam("pack") String pack, @PathParam("name") String name,
                                     @Valid @NotNull PreviewBody body) {
        return ViewMapper.preview(previews.preview(pack + "/" + name, body.toAnswer(), body.draftConfig()));
    }

    @Operation(summary = "Submit a student's answer: graded, then stored with its grade")
    @APIResponse(responseCode = "201", description = "Graded and stored.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.SubmitView.class)))
    @APIResponse(responseCode = "413", description = "The answer is over the size limit; nothing was stored.")
    @POST
    @Path("{pack}/{name}/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Response submit(@PathParam("pack") String pack, @PathParam("name") String name, @Valid @NotNull SubmitBody body) {
        String id = pack + "/" + name;
        Submitted s = answers.submit(id, body.user(), body.toAnswer(), Optional.empty());
        return Response.created(uri.getBaseUriBuilder().path("submissions").path(String.valueOf(s.submission().id())).build())
                .entity(new Views.SubmitView(s.submission().id(), id, ViewMapper.grade(s.grade()))).build();
    }

    @Operation(summary = "A student's submissions to the question, with their grade histories")
    @GET
    @Path("{pack}/{name}/submissions")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.SubmissionView> submissions(@PathParam("pack") String pack, @PathParam("name") String name,
                                                  @QueryParam("user") String user, @QueryParam("target") String target) {
        if (user == null || user.isBlank()) {
            throw new AssayException(AssayException.Kind.INVALID, "Say whose submissions: ?user=<platform user id>.",
                    List.of(new AssayException.Problem("user", "must not be blank")));
        }
        return answers.histories(pack + "/" + name, user, ActivityScope.target(security, target)).stream().map(ViewMapper::submission).toList();
    }

    /**
     * What the question's students answered, over each submission's grade in force: the score histogram, the answer
     * notes, and the {@code groups} largest answer groups (identical answers after the plugin's normalisation).
     */
    @Operation(summary = "What the question's students answered: score histogram, answer notes, answer groups")
    @GET
    @Path("{pack}/{name}/analytics")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public QuestionAnalytics analytics(@PathParam("pack") String pack, @PathParam("name") String name,
                                       @QueryParam("groups") @DefaultValue("50") int groups, @QueryParam("target") String target) {
        return analytics.question(pack + "/" + name, groups, ActivityScope.target(security, target));
    }

    /**
     * Reviews every answer of one answer group (the analytics' answer groups: the same echo, or where the plugin echoes
     * nothing the same text) with the same points and comment, in one transaction; each answer gets a review entry and
     * its student's score follows to the gradebook, as a single review does.
     */
    @Operation(summary = "Review every answer of an answer group with the same points and comment")
    @APIResponse(responseCode = "200", description = "How many answers were reviewed.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupReviewed.class)))
    @APIResponse(responseCode = "404", description = "No answer's grade in force is of this group.")
    @POST
    @Path("{pack}/{name}/answer-groups/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public GroupReviewed reviewGroup(@PathParam("pack") String pack, @PathParam("name") String name,
                                     @QueryParam("target") String target, @Valid @NotNull AnswerGroupReviewBody body) {
        String reviewer = Caller.reviewer(security, body.reviewer());
        return reviews.reviewGroup(pack + "/" + name, ActivityScope.target(security, target), body.toEcho(), body.answer(), body.points(), body.comment(), reviewer);
    }

    @Operation(summary = "The configuration in force")
    @GET
    @Path("{pack}/{name}/config")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public ConfigVersion config(@PathParam("pack") String pack, @PathParam("name") String name) {
        return questions.config(pack + "/" + name);
    }

    @Operation(summary = "Every configuration version, oldest first")
    @GET
    @Path("{pack}/{name}/config/versions")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<ConfigVersion> versions(@PathParam("pack") String pack, @PathParam("name") String name) {
        return questions.versions(pack + "/" + name);
    }

    @Operation(summary = "A new version of the question: its configuration (checked against the plugin's configuration type), expected approach, tests, and optionally its title, prompt (Markdown + LaTeX) and points; the question's tests run first, and a points change reaches assignment scores through a regrade (its dry run shows the impact)")
    @APIResponse(responseCode = "200", description = "The new version (or the current one, when nothing changed).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigVersion.class)))
    @APIResponse(responseCode = "409", description = "The question's plugin is not installed, so the configuration cannot be checked; or another version is in force than the baseVersion the edit started from (the message names who saved which version when; nothing is overwritten).")
    @APIResponse(responseCode = "422", description = "A question test fails with the new configuration: {status, error, problems, failures: [{index, name, answer, expected: {score, notes}, got: {score, notes}, message}]}; nothing is stored.")
    @PUT
    @Path("{pack}/{name}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public ConfigVersion changeConfig(@PathParam("pack") String pack, @PathParam("name") String name,
                                      @Valid @NotNull ConfigBody body) {
        return questions.edit(pack + "/" + name, body.toEdit(), security.getUserPrincipal().getName());
    }

    @Operation(summary = "What changed from configuration version a to version b: configuration fields, expected approach, tests")
    @APIResponse(responseCode = "200", description = "The changes, field by field.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionDiff.class)))
    @APIResponse(responseCode = "404", description = "The question has no such version.")
    @GET
    @Path("{pack}/{name}/config/versions/{a}/diff/{b}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public VersionDiff diff(@PathParam("pack") String pack, @PathParam("name") String name, @PathParam("a") int a,
                            @PathParam("b") int b) {
        return questions.diff(pack + "/" + name, a, b);
    }

    @Operation(summary = "A new configuration version equal to version n (the versions between stay); the question's tests run as on any save")
    @APIResponse(responseCode = "200", description = "The new version (or the current one, when it already equals version n).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigVersion.class)))
    @APIResponse(responseCode = "404", description = "The question has no such version.")
    @APIResponse(responseCode = "422", description = "A question test fails with that version; each failing test is listed and nothing is stored.")
    @POST
    @Path("{pack}/{name}/config/versions/{n}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public ConfigVersion restore(@PathParam("pack") String pack, @PathParam("name") String name, @PathParam("n") int n,
                                 @Valid RestoreBody body) {
        return questions.restore(pack + "/" + name, n, body == null ? null : body.reason(),
                security.getUserPrincipal().getName());
    }

    @Operation(summary = "The question's tests as they stand: what a configuration save runs")
    @GET
    @Path("{pack}/{name}/tests")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<QuestionTest> tests(@PathParam("pack") String pack, @PathParam("name") String name) {
        return questions.tests(pack + "/" + name);
    }

    @Operation(summary = "Keep a preview as a test: the answer graded with the configuration in force, its score and notes the expectation (a new version, \"test added\")")
    @APIResponse(responseCode = "200", description = "The new version, with the test appended.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigVersion.class)))
    @APIResponse(responseCode = "422", description = "The grader failed on the answer, or a standing test fails; nothing is stored.")
    @POST
    @Path("{pack}/{name}/tests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public ConfigVersion addTest(@PathParam("pack") String pack, @PathParam("name") String name,
                                 @Valid @NotNull NewTestBody body) {
        return questions.addTest(pack + "/" + name, body.name(), body.answer(), security.getUserPrincipal().getName());
    }
}
