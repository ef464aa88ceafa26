package dev.assay.server.interfaces.rest;

import dev.assay.server.application.api.Reviews;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review queue: answers whose grade asks for an instructor (essay-rubric's low-confidence cases: keyword
 * lists, copied questions, answers on a threshold), oldest first, with their grade history. An instructor
 * decides with {@code POST /api/submissions/{id}/review}.
 */
@Path("review")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.INSTRUCTOR, Role.ADMIN})
public class ReviewResource {
    @Inject
    Reviews reviews;

    @Operation(summary = "Answers waiting for an instructor, or reviewed ones the plugin has graded differently since")
    @GET
    public List<Views.SubmissionView> queue(@QueryParam("pack") String pack, @QueryParam("limit") @DefaultValue("100") int limit,
                                            @QueryParam("changed") @DefaultValue("false") boolean changed) {
        Optional<String> p = Optional.ofNullable(pack).filter(x -> !x.isBlank());
        int n = Math.max(1, Math.min(limit, 500));
        // changed=true: reviewed answers whose plugin grade has changed since (their review stands; look again).
        return (changed ? reviews.changedSinceReview(p, Optional.empty(), n) : reviews.waiting(p, Optional.empty(), n)).stream()
                .map(ViewMapper::submission).toList();
    }
}
