package dev.assay.server.application.api;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.regrade.RegradeJobs;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.domain.model.RegradeEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Regrades of an assignment's answers whose latest plugin grade predates their question's current configuration (or
 * is an error), as batch jobs that survive restarts: of the whole assignment, or of one gradebook target's answers (an
 * LMS activity, for its instructor). One runs per assignment at a time.
 */
@ApplicationScoped
public class Regrades {
    @Inject
    RegradeJobs jobs;

    @Inject
    Assignments assignments;

    /**
     * Starts a regrade; CONFLICT naming the running one while another of the assignment runs.
     *
     * @param target      the gradebook target whose answers to regrade, or empty for all the assignment's
     * @param requestedBy who asked (kept with the regrade)
     */
    public RegradeStatus start(long assignmentId, Optional<String> target, String requestedBy) {
        assignments.get(assignmentId);
        long id = jobs.start(assignmentId, target, requestedBy);
        return status(id).orElseThrow();
    }

    /** An assignment's regrades (of one target, when given), newest first; not found when there is no such assignment. */
    public List<RegradeStatus> list(long assignmentId, Optional<String> target) {
        assignments.get(assignmentId);
        return jobs.list(assignmentId, target).stream().map(Regrades::of).toList();
    }

    public Optional<RegradeStatus> status(long regradeId) {
        return jobs.status(regradeId).map(Regrades::of);
    }

    /** The regrade, if it is of this assignment; else not found. */
    public RegradeStatus status(long assignmentId, long regradeId) {
        return status(regradeId).filter(s -> s.assignmentId() == assignmentId)
                .orElseThrow(() -> AssayException.notFound("No regrade " + regradeId + " of assignment " + assignmentId + "."));
    }

    private static RegradeStatus of(RegradeRecords.Counted c) {
        RegradeEntity r = c.regrade();
        return new RegradeStatus(r.getId(), r.getAssignmentId(), r.getTarget(), RegradeStatus.State.valueOf(r.getState().name()),
                r.getError(), c.regraded(), r.getRequestedBy(), r.getRequestedAt(), r.getStartedAt(), r.getEndedAt(), r.getRuns());
    }
}
