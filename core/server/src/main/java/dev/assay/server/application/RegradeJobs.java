package dev.assay.server.application;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Batch regrades (the Jakarta Batch job {@code regrade-assignment}): of a whole assignment, or of the submissions
 * made through one gradebook target (an LTI link, for its instructor).
 */
@ApplicationScoped
public class RegradeJobs {
    static final String JOB = "regrade-assignment";

    /** A regrade's state, with its counts. */
    public record Status(long executionId, long assignmentId, String target, String status, String exitStatus,
                         long submissionsRead, long regraded, Date started, Date ended) {
        public boolean finished() {
            return !status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING");
        }
    }

    @Inject
    CatalogService catalog;

    public Status start(long assignmentId, Optional<String> target) {
        catalog.assignment(assignmentId).orElseThrow(() -> AssayException.notFound("No assignment " + assignmentId + "."));
        Properties params = new Properties();
        params.setProperty("assignmentId", String.valueOf(assignmentId));
        target.ifPresent(t -> params.setProperty("target", t));
        return status(BatchRuntime.getJobOperator().start(JOB, params)).orElseThrow();
    }

    /** The execution, if it is a regrade. */
    public Optional<Status> status(long execution) {
        JobOperator jobs = BatchRuntime.getJobOperator();
        JobExecution e;
        try {
            e = jobs.getJobExecution(execution);
        } catch (NoSuchJobExecutionException ex) {
            return Optional.empty();
        }
        if (!JOB.equals(e.getJobName())) {
            return Optional.empty();
        }
        long read = 0;
        long written = 0;
        for (StepExecution s : jobs.getStepExecutions(execution)) {
            for (Metric m : s.getMetrics()) {
                if (m.getType() == Metric.MetricType.READ_COUNT) {
                    read += m.getValue();
                } else if (m.getType() == Metric.MetricType.WRITE_COUNT) {
                    written += m.getValue();
                }
            }
        }
        Properties p = e.getJobParameters();
        return Optional.of(new Status(execution, Long.parseLong(p.getProperty("assignmentId")), p.getProperty("target"),
                e.getBatchStatus().name(), e.getExitStatus(), read, written, e.getStartTime(), e.getEndTime()));
    }
}
