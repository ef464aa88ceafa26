package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.grading.GradingService;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.inject.Named;

/** Grades one submission again with its question's current configuration (through the engine, under its limits). */
@jakarta.enterprise.context.Dependent
@Named("regradeProcessor")
public class RegradeProcessor implements ItemProcessor {
    @Inject
    GradingService grading;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Object processItem(Object item) {
        return grading.regradeOnly((Long) item);
    }
}
