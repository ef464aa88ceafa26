package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Delivery;
import dev.assay.server.application.api.ScoreEntry;
import dev.assay.server.application.api.Scores;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Scores on their way to gradebooks: what was delivered, what waits and why, what failed; retry by hand. Each entry
 * shows the timestamp it was last sent with (whole seconds, strictly increasing per target and user) and the
 * instructor's comment that goes with it.
 */
@Path("outbox")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.ADMIN)
public class OutboxResource {
    @Inject
    Scores scores;

    @Operation(summary = "Scores for gradebooks, by delivery state and target")
    @GET
    public List<ScoreEntry> list(@QueryParam("state") String state, @QueryParam("target") String target,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<Delivery> s;
        try {
            s = Optional.ofNullable(state).filter(x -> !x.isBlank()).map(x -> Delivery.valueOf(x.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new AssayException(AssayException.Kind.INVALID,
                    "state must be one of PENDING, DELIVERED, SUPERSEDED, FAILED");
        }
        return scores.list(s, Optional.ofNullable(target).filter(x -> !x.isBlank()), Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Send a score that failed again")
    @POST
    @Path("{id}/retry")
    public ScoreEntry retry(@PathParam("id") long id) {
        return scores.retry(id);
    }
}
