package dev.assay.server.application.regrade;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Batch regrades of a whole assignment, or of the submissions made through one gradebook target (an LTI link, for
 * its instructor). {@link RegradeRecords} is their durable record: a regrade is recorded here, then planned as work
 * items (ranges of its answers) and run by the regrade workers of every node sharing the database, each item claimed by
 * one node for a lease its heartbeat renews; a node that stops or dies leaves its items to the others (at once at the
 * next start on an embedded H2 database, which one process opens at a time; after their lease on PostgreSQL). One
 * regrade of an assignment runs at a time (a unique key, so two requests at once cannot both start one).
 */
@ApplicationScoped
public class RegradeJobs {
    @Inject
    RegradeRecords records;

    /**
     * Records a regrade; a worker of some node plans and runs it. Refused (409, naming the running one) while another
     * regrade of the same assignment runs: both would grade the same answers.
     *
     * @return the regrade's id
     */
    public long start(long assignmentId, Optional<String> target, String requestedBy) {
        return records.record(assignmentId, target.orElse(null), requestedBy);
    }

    /** The regrade, with its count (the same whichever node is asked). */
    public Optional<RegradeRecords.Counted> status(long id) {
        return records.find(id);
    }

    /** An assignment's regrades (of one target, when given), newest first, with their counts. */
    public List<RegradeRecords.Counted> list(long assignmentId, Optional<String> target) {
        return records.of(assignmentId, target);
    }
}
