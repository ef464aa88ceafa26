package dev.assay.server.interfaces.rest;

import dev.assay.server.application.api.Answers;
import dev.assay.server.application.api.Reviews;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Caller;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A submission with its grade history (oldest first); regrading adds to the history. */
@Path("submissions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {
    @Inject
    Answers answers;

    @Inject
    Reviews reviews;

    @Context
    SecurityContext security;

    @Operation(summary = "One submission with its grade history")
    @GET
    @Path("{id}")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView get(@PathParam("id") long id) {
        return ViewMapper.submission(answers.history(id));
    }

    @Operation(summary = "Grade a submission again with its question's configuration in force")
    @POST
    @Path("{id}/regrade")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView regrade(@PathParam("id") long id) {
        return ViewMapper.submission(answers.regrade(id));
    }

    /**
     * An instructor's decision on a submission: points out of the question's (their range is checked by the application
     * API's review, the one rule for REST and the LTI page), and a comment for the student.
     */
    public record ReviewBody(@NotNull Double points, @Size(max = 20_000) String comment, @Size(max = 200) String reviewer) {
    }

    @Operation(summary = "An instructor's points and comment for a submission; they stand through regrades")
    @POST
    @Path("{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView review(@PathParam("id") long id, @Valid @NotNull ReviewBody body) {
        String reviewer = Caller.reviewer(security, body.reviewer());
        return ViewMapper.submission(reviews.review(id, body.points(), body.comment(), reviewer, Optional.empty()));
    }
}
