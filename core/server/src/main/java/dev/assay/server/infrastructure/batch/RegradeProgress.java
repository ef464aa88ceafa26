package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.GradingService;
import dev.assay.server.application.RegradeJobs;
import dev.assay.server.domain.model.RegradeEntity;
import jakarta.batch.api.chunk.listener.ItemWriteListener;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Keeps the regrade's own record (not the batch runtime's, which Payara Micro keeps in memory) up to date: as chunks'
 * grades are stored, its count and the last submission stored (at most every half second, and when the step ends:
 * a write per chunk cost a third of the job's time), so they show while the job runs and a run after a restart
 * carries on from there; at the end, how it ended.
 */
@Dependent
@Named("regradeProgress")
public class RegradeProgress implements ItemWriteListener, StepListener, JobListener {
    private static final long FLUSH_NANOS = 500_000_000L;

    @Inject
    JobContext job;

    @Inject
    RegradeJobs regrades;

    private long regradeId = -1;
    private int pending;
    private long lastStored;
    private long flushedAt = System.nanoTime();

    @Override
    public void beforeJob() {
        // the reader marks the regrade started when it opens
    }

    @Override
    public void beforeWrite(List<Object> items) {
        // counted once stored
    }

    @Override
    public void onWriteError(List<Object> items, Exception e) {
        // the chunk rolls back; afterJob records the failure
    }

    @Override
    public void afterWrite(List<Object> items) {
        pending += items.size();
        lastStored = Math.max(lastStored, items.stream()
                .mapToLong(i -> ((GradingService.Regraded) i).submissionId()).max().orElse(0));
        if (System.nanoTime() - flushedAt >= FLUSH_NANOS) {
            flush();
        }
    }

    @Override
    public void beforeStep() {
        // nothing stored yet
    }

    @Override
    public void afterStep() {
        flush();
    }

    private void flush() {
        if (pending > 0) {
            regrades.progress(regrade(), pending, lastStored);
            pending = 0;
        }
        flushedAt = System.nanoTime();
    }

    private long regrade() {
        if (regradeId < 0) {
            regradeId = RegradeJobs.regradeOf(job.getExecutionId());
        }
        return regradeId;
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
        regrades.end(regrade(),
                failure == null ? RegradeEntity.COMPLETED : RegradeEntity.FAILED, failure);
    }
}
