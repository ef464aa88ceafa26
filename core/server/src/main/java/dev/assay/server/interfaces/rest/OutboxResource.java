package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.Outbox;
import dev.assay.server.domain.model.OutboxEntry;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    Outbox outbox;

    public record EntryView(long id, String target, String user, double scoreGiven, double scoreMaximum,
                            boolean complete, boolean awaitingReview, OffsetDateTime gradedAt, String state,
                            int attempts, OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime deliveredAt,
                            OffsetDateTime sentTimestamp, String comment) {
        static EntryView of(OutboxEntry e) {
            return new EntryView(e.getId(), e.getTarget(), e.getUserKey(), e.getScoreGiven(), e.getScoreMaximum(),
                    e.isComplete(), e.isAwaitingReview(), e.getGradedAt(), e.getState().name(), e.getAttempts(),
                    e.getNextAttemptAt(), e.getLastError(), e.getDeliveredAt(), e.getSentTimestamp(), e.getComment());
        }
    }

    @GET
    public List<EntryView> list(@QueryParam("state") String state, @QueryParam("target") String target,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<OutboxEntry.State> s;
        try {
            s = Optional.ofNullable(state).filter(x -> !x.isBlank()).map(x -> OutboxEntry.State.valueOf(x.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new AssayException(AssayException.Kind.INVALID, "state must be one of PENDING, DELIVERED, SUPERSEDED, FAILED");
        }
        return outbox.list(s, Optional.ofNullable(target).filter(x -> !x.isBlank()), Math.max(1, Math.min(limit, 1000)))
                .stream().map(EntryView::of).toList();
    }

    @POST
    @Path("{id}/retry")
    public EntryView retry(@PathParam("id") long id) {
        if (!outbox.retryNow(id)) {
            throw AssayException.notFound("No waiting or failed outbox entry " + id + ".");
        }
        return outbox.entry(id).map(EntryView::of).orElseThrow();
    }
}
