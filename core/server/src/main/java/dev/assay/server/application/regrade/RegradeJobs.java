package dev.assay.server.application.regrade;

import dev.assay.server.application.AuditLog;
import dev.assay.server.domain.model.RegradeEntity;
import dev.assay.server.domain.model.RegradeState;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Batch regrades of a whole assignment, or of the submissions made through one gradebook target (an LTI link, for
 * its instructor), run as the Jakarta Batch job {@code regrade-assignment}; {@link RegradeRecords} is their durable
 * record (Payara Micro's job repository lives in memory, so it cannot be). A regrade left unfinished by a stopped or
 * killed server is started again at the next start, carrying on after the last submission it graded. One regrade of an
 * assignment runs at a time (a unique key, so two requests at once cannot both start one).
 */
@ApplicationScoped
public class RegradeJobs {
    private static final Logger LOG = Logger.getLogger(RegradeJobs.class.getName());
    static final String JOB = "regrade-assignment";
    /** The job parameter naming the regrade a batch execution runs. */
    public static final String REGRADE_ID = "regradeId";

    @Inject
    RegradeRecords records;

    /**
     * Records a regrade and starts it. Refused (409, naming the running one) while another regrade of the same
     * assignment runs: both would grade the same answers.
     *
     * @return the regrade's id
     */
    public long start(long assignmentId, Optional<String> target, String requestedBy) {
        long id = records.record(assignmentId, target.orElse(null), requestedBy);
        launch(id);
        return id;
    }

    private void launch(long id) {
        Properties params = new Properties();
        params.setProperty(REGRADE_ID, String.valueOf(id));
        try {
            BatchRuntime.getJobOperator().start(JOB, params);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Regrade " + id + " could not be started", e);
            records.end(id, RegradeState.FAILED, "the batch job could not be started: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Starts again every regrade that a previous server process left unfinished (stopped, or killed): each carries on
     * after the last submission it stored, and the reader skips what is already graded with the current configuration.
     */
    public void resumeUnfinished() {
        for (RegradeEntity r : records.unfinishedOfOtherRunners()) {
            if (records.claim(r.getId(), r.getRunner())) {
                LOG.info(() -> "Regrade " + r.getId() + " of assignment " + r.getAssignmentId()
                        + (r.getTarget() == null ? "" : " (" + r.getTarget() + ")") + " was left unfinished; resuming it");
                try {
                    launch(r.getId());
                } catch (RuntimeException e) {
                    // logged and recorded as FAILED by launch; the other regrades still resume
                }
            }
        }
    }

    /** The regrade, with its count. */
    public Optional<RegradeRecords.Counted> status(long id) {
        return records.find(id, RegradeJobs::settled);
    }

    /** An assignment's regrades (of one target, when given), newest first, with their counts. */
    public List<RegradeRecords.Counted> list(long assignmentId, Optional<String> target) {
        return records.of(assignmentId, target, RegradeJobs::settled);
    }

    /**
     * The row as it stands, ended if this process ran its batch execution to an end that the job listener did not
     * get to record (it always should; this keeps a regrade from looking busy for ever if it did not).
     */
    private static RegradeEntity settled(RegradeEntity r) {
        if (!r.getState().running() || !RegradeRecords.RUNNER.equals(r.getRunner()) || r.getBatchExecutionId() == null) {
            return r;
        }
        BatchStatus batch;
        try {
            batch = BatchRuntime.getJobOperator().getJobExecution(r.getBatchExecutionId()).getBatchStatus();
        } catch (NoSuchJobExecutionException e) {
            return r;
        }
        if (batch == BatchStatus.COMPLETED || batch == BatchStatus.FAILED || batch == BatchStatus.STOPPED
                || batch == BatchStatus.ABANDONED) {
            r.end(batch == BatchStatus.COMPLETED ? RegradeState.COMPLETED : RegradeState.FAILED,
                    batch == BatchStatus.COMPLETED ? null : "the batch job ended " + batch, AuditLog.now());
        }
        return r;
    }

    /** The regrade a batch execution of the job runs (its job parameter). */
    public static long regradeOf(long batchExecutionId) {
        return Long.parseLong(BatchRuntime.getJobOperator().getParameters(batchExecutionId).getProperty(REGRADE_ID));
    }
}
