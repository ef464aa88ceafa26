package dev.assay.server.application.api;

import java.time.OffsetDateTime;

/**
 * A regrade's state, with the number of answers it has graded again. {@code executionId} is the regrade's own id
 * (durable, unique for the server's life; the name is the API's since before regrades were durable).
 *
 * @param target     the gradebook target whose answers it regrades (an LMS activity), or null for the whole assignment
 * @param exitStatus why it failed, when it did
 * @param runs       how many server processes have worked on it (more than one across nodes, or after a restart)
 * @param toRegrade  how many answers it has to grade in all (counted when its work was planned, the exact count once
 *                   it completed): its progress is {@code regraded} of this; null until it is planned
 */
public record RegradeStatus(long executionId, long assignmentId, String target, State status, String exitStatus,
                            long regraded, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime started,
                            OffsetDateTime ended, int runs, Long toRegrade) {
    public enum State { STARTING, STARTED, COMPLETED, FAILED }

    public boolean finished() {
        return status != State.STARTING && status != State.STARTED;
    }
}
