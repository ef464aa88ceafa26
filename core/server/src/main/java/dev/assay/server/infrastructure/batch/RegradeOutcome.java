package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.regrade.RegradeJobs;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.domain.model.RegradeState;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Records how a run of the regrade ended on the regrade's own record (not the batch runtime's, which Payara Micro keeps
 * in memory). Its progress needs no writes of its own: the count and where a later run carries on are read from the
 * grades that carry its id.
 */
@Dependent
@Named("regradeOutcome")
public class RegradeOutcome implements JobListener {
    @Inject
    JobContext job;

    @Inject
    RegradeRecords regrades;

    @Override
    public void beforeJob() {
        // the reader marks the regrade started when it opens
    }

    @Override
    public void afterJob() {
        String failure = null;
        if (job.getBatchStatus() == BatchStatus.FAILED || job.getBatchStatus() == BatchStatus.STOPPING
                || job.getBatchStatus() == BatchStatus.STOPPED) {
            failure = "the batch job ended " + job.getBatchStatus();
        }
        for (StepExecution s : BatchRuntime.getJobOperator().getStepExecutions(job.getExecutionId())) {
            if (s.getBatchStatus() != BatchStatus.COMPLETED && failure == null) {
                failure = "step " + s.getStepName() + " ended " + s.getBatchStatus()
                        + (s.getExitStatus() == null ? "" : " (" + s.getExitStatus() + ")") + "; see the server log";
            }
        }
        regrades.end(RegradeJobs.regradeOf(job.getExecutionId()),
                failure == null ? RegradeState.COMPLETED : RegradeState.FAILED, failure);
    }
}
