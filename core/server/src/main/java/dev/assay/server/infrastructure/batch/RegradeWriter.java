package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.GradingService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.inject.Named;
import java.util.List;

/**
 * Stores a chunk's new grades (and their gradebook scores in the outbox) in one transaction of our database.
 * The batch artifacts keep out of the chunk's own transaction, which holds the batch runtime's job repository
 * (a second non-XA resource could not join it). A crash between our commit and the checkpoint loses nothing:
 * the reader finds those submissions graded with the current configuration and skips them.
 */
@jakarta.enterprise.context.Dependent
@Named("regradeWriter")
public class RegradeWriter extends AbstractItemWriter {
    @Inject
    GradingService grading;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void writeItems(List<Object> items) {
        grading.store(items.stream().map(GradingService.Regraded.class::cast).toList());
    }
}
