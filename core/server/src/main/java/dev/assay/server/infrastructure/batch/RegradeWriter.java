package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.GradingService;
import dev.assay.server.application.SubmissionStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stores a chunk's new grades (and their gradebook scores in the outbox) in the chunk's transaction. */
@jakarta.enterprise.context.Dependent
@Named("regradeWriter")
public class RegradeWriter extends AbstractItemWriter {
    @Inject
    SubmissionStore store;

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            GradingService.Regraded r = (GradingService.Regraded) o;
            store.addGrade(r.submissionId(), r.configId(), r.outcome());
        }
    }
}
