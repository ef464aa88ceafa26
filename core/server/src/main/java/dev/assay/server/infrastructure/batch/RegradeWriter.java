package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.grading.GradingService;
import dev.assay.server.application.regrade.RegradeJobs;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Stores a chunk's new grades (and their gradebook scores in the outbox) in one transaction of our database, each
 * naming the regrade: that is its whole record of progress. The batch artifacts keep out of the chunk's own
 * transaction, which holds the batch runtime's job repository (a second non-XA resource could not join it). A crash
 * between our commit and the checkpoint loses nothing: the reader skips what carries the regrade's id.
 */
@jakarta.enterprise.context.Dependent
@Named("regradeWriter")
public class RegradeWriter extends AbstractItemWriter {
    @Inject
    GradingService grading;

    @Inject
    JobContext job;

    private long regradeId = -1;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void writeItems(List<Object> items) {
        if (regradeId < 0) {
            regradeId = RegradeJobs.regradeOf(job.getExecutionId());
        }
        grading.store(items.stream().map(GradingService.Regraded.class::cast).toList(), regradeId);
    }
}
