package dev.assay.server.interfaces.rest;

import dev.assay.server.application.api.Analytics;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.AssignmentAnalytics;
import dev.assay.server.application.api.Assignments;
import dev.assay.server.application.api.RegradePreview;
import dev.assay.server.application.api.RegradeStatus;
import dev.assay.server.application.api.Regrades;
import dev.assay.server.application.api.WorkspaceGrant;
import dev.assay.server.application.api.Workspaces;
import dev.assay.server.application.api.Reviews;
import dev.assay.server.application.api.ReviewsKept;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.ActivityScope;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Caller;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Assignments: the questions of a pack that students answer together. Every endpoint over students' answers takes
 * {@code ?target=} (an LMS activity's gradebook target) as {@link ActivityScope} decides: a workspace token from an LMS
 * activity always gets its own activity's answers only.
 */
@Path("assignments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
public class AssignmentResource {
    @Inject
    Assignments assignments;

    @Inject
    Regrades regrades;

    @Inject
    Analytics analytics;

    @Inject
    Workspaces workspaces;

    @Inject
    Reviews reviews;

    @Context
    SecurityContext security;

    /**
     * A workspace token to hand an instructor.
     *
     * @param actor  who will use it, as recorded with what they do (default: "admin")
     * @param target the LMS activity's target string its submissions are tagged with, if any
     * @param seconds how long it lives, when shorter than assay.workspace.token-ttl
     */
    public record WorkspaceTokenBody(@Size(max = 200) String actor, @Size(max = 2_000) String target,
                                     @Positive Long seconds) {
    }

    /** A workspace token, its expiry, and what it is for ({@code target}: null outside an LMS activity). */
    public record WorkspaceTokenView(String token, Instant expires, long assignment, String target) {
        static WorkspaceTokenView of(WorkspaceGrant g) {
            return new WorkspaceTokenView(g.token(), g.expires(), g.assignment(), g.target().orElse(null));
        }
    }

    @Operation(summary = "A workspace token for this assignment (admin only): the INSTRUCTOR role for this assignment, its "
            + "questions, the plugins and /api/me, until it expires (assay.workspace.token-ttl, default 8 hours). An LTI "
            + "instructor launch grants one the same way.")
    @APIResponse(responseCode = "201", description = "The token.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkspaceTokenView.class)))
    @APIResponse(responseCode = "404", description = "No such assignment.")
    @POST
    @Path("{id}/workspace-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Response workspaceToken(@PathParam("id") long id, @Valid WorkspaceTokenBody body) {
        String actor = body == null || body.actor() == null || body.actor().isBlank() ? security.getUserPrincipal().getName()
                : body.actor().trim();
        Optional<String> target = Optional.ofNullable(body == null ? null : body.target()).filter(t -> !t.isBlank());
        Optional<Duration> lifetime = Optional.ofNullable(body == null ? null : body.seconds()).map(Duration::ofSeconds);
        return Response.status(201).entity(WorkspaceTokenView.of(workspaces.grant(id, target, actor, lifetime))).build();
    }

    @Operation(summary = "The assignments of a pack, or of every pack")
    @GET
    public List<Assignment> list(@QueryParam("pack") String pack) {
        return assignments.list(Optional.ofNullable(pack));
    }

    @Operation(summary = "One assignment with its questions")
    @GET
    @Path("{id}")
    public Assignment get(@PathParam("id") long id) {
        return assignments.get(id);
    }

    /**
     * Regrades, as a Jakarta Batch job, every submission of the assignment whose latest grade was given with an
     * older configuration (after a configuration change, say). Grades are added, never replaced; gradebook scores
     * follow through the outbox. 202 with the regrade to poll (its id survives restarts, and a regrade a restart
     * interrupted carries on); 409 naming the running one while another regrade of the assignment runs.
     */
    @Operation(summary = "Regrade every answer of the assignment graded with an older configuration (a batch job)")
    @APIResponse(responseCode = "202", description = "The regrade, started: poll it.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegradeStatus.class)))
    @APIResponse(responseCode = "409", description = "Another regrade of the assignment is running; the body names it.")
    @POST
    @Path("{id}/regrades")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Response regrade(@PathParam("id") long id, @QueryParam("target") String target) {
        return Response.status(202).entity(regrades.start(id, ActivityScope.target(security, target),
                security.getUserPrincipal().getName())).build();
    }

    /** The assignment's regrades, newest first, with their state and counts. */
    @Operation(summary = "The assignment's regrades, newest first")
    @GET
    @Path("{id}/regrades")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<RegradeStatus> regrades(@PathParam("id") long id, @QueryParam("target") String target) {
        return regrades.list(id, ActivityScope.target(security, target));
    }

    /**
     * A dry run of a regrade of the whole assignment: grades every answer the regrade would grade with the current
     * configuration, stores nothing, and answers how each student's assignment score would change (reviews stay in
     * force). At most {@code limit} answers are graded: 413 when the regrade would grade more.
     */
    @Operation(summary = "A regrade's dry run: whose assignment score would change, old and new, with nothing stored")
    @APIResponse(responseCode = "200", description = "The students whose score would change, and the totals.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegradePreview.class)))
    @APIResponse(responseCode = "413", description = "The regrade would grade more answers than the limit; the body says how to go on.")
    @POST
    @Path("{id}/regrades/preview")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public RegradePreview regradePreview(@PathParam("id") long id,
                                         @QueryParam("limit") @DefaultValue("" + Regrades.PREVIEW_LIMIT) int limit,
                                         @QueryParam("target") String target) {
        return regrades.preview(id, limit, ActivityScope.target(security, target));
    }

    @Operation(summary = "One regrade's state and counts")
    @GET
    @Path("{id}/regrades/{execution}")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public RegradeStatus regradeStatus(@PathParam("id") long id, @PathParam("execution") long execution) {
        return visibleRegrade(id, execution);
    }

    /** The regrade, unless it is of another activity than the caller's (a regrade of all answers is everyone's). */
    private RegradeStatus visibleRegrade(long id, long execution) {
        RegradeStatus status = regrades.status(id, execution);
        Optional<String> own = ActivityScope.target(security, null);
        if (own.isPresent() && status.target() != null && !own.get().equals(status.target())) {
            throw dev.assay.server.application.AssayException.notFound("No regrade " + execution + " of your activity in assignment "
                    + id + ".");
        }
        return status;
    }

    /**
     * What the regrade did to answers an instructor had reviewed: how many it graded again and kept their instructor's
     * grade (a review is never overwritten), and how many of those the plugin now grades differently (the review
     * queue's "changed" list). The workspace shows it when a regrade ends.
     */
    @Operation(summary = "The reviewed answers a regrade graded again: their reviews kept, and how many the plugin now grades differently")
    @GET
    @Path("{id}/regrades/{execution}/reviews-kept")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public ReviewsKept reviewsKept(@PathParam("id") long id, @PathParam("execution") long execution, @QueryParam("target") String target) {
        visibleRegrade(id, execution);
        return reviews.keptThrough(ActivityScope.target(security, target).orElse(null), execution);
    }

    /**
     * The assignment's review queue: answers to its questions whose grade asks for an instructor, oldest first, with
     * their grade histories (GET /api/review's, for one assignment: what an instructor's workspace token reaches).
     */
    @Operation(summary = "Answers to the assignment's questions waiting for an instructor, oldest first")
    @GET
    @Path("{id}/review")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public List<Views.SubmissionView> reviewQueue(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit,
                                                  @QueryParam("target") String target) {
        return reviews.waitingIn(assignments.get(id), ActivityScope.target(security, target), Math.max(1, Math.min(limit, 500))).stream().map(ViewMapper::submission).toList();
    }

    /** An instructor's points and comment for an answer to one of the assignment's questions (as POST /api/submissions/{id}/review). */
    @Operation(summary = "An instructor's points and comment for an answer to one of the assignment's questions")
    @APIResponse(responseCode = "200", description = "The answer with its history, the instructor's grade in force.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.SubmissionView.class)))
    @APIResponse(responseCode = "404", description = "No such answer to a question of this assignment.")
    @POST
    @Path("{id}/review/{submission}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView review(@PathParam("id") long id, @PathParam("submission") long submission,
                                       @QueryParam("target") String target, @Valid @NotNull SubmissionResource.ReviewBody body) {
        String reviewer = Caller.reviewer(security, body.reviewer());
        return ViewMapper.submission(reviews.reviewIn(assignments.get(id), ActivityScope.target(security, target), submission,
                body.points(), body.comment(), reviewer));
    }

    /**
     * The workspace's overview of the assignment: each question with its plugin, points, state, configuration version,
     * question-test status (as stored with the version in force: passing, none, not run), submissions, students, and
     * the mean points of each student's latest answer.
     */
    @Operation(summary = "Each question of the assignment with its plugin, points, state, configuration version, question-test status (passing, none, not run: stored at the version's save, never run here), submissions, students and mean points")
    @GET
    @Path("{id}/analytics")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public AssignmentAnalytics analytics(@PathParam("id") long id, @QueryParam("target") String target) {
        return analytics.assignment(id, ActivityScope.target(security, target));
    }

    /**
     * The assignment's grades as a CSV file (UTF-8, RFC 4180, a header row): one row per student with each question's
     * points, the total and each question's answer notes; cells that a spreadsheet would read as formulas are prefixed
     * with '.
     */
    @Operation(summary = "The assignment's grades and answer notes as CSV, one row per student")
    @APIResponse(responseCode = "200", description = "The CSV file.", content = @Content(mediaType = "text/csv"))
    @GET
    @Path("{id}/grades.csv")
    @Produces("text/csv; charset=UTF-8")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Response gradesCsv(@PathParam("id") long id, @QueryParam("target") String target) {
        return Response.ok(analytics.gradesCsv(id, ActivityScope.target(security, target)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"assignment-" + id + "-grades.csv\"").build();
    }
}
