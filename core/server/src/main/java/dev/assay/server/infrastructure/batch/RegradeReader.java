package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.CatalogService;
import dev.assay.server.application.QuestionCatalog;
import dev.assay.server.application.RegradeJobs;
import dev.assay.server.application.SubmissionStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The submission ids still to regrade, a page at a time, in id order, after the last one the regrade stored (its
 * record survives a restart; the checkpoint, the last id handed out, serves a restart of the job within one process).
 */
@jakarta.enterprise.context.Dependent
@Named("regradeReader")
public class RegradeReader extends AbstractItemReader {
    @Inject
    JobContext job;

    @Inject
    CatalogService catalog;

    @Inject
    QuestionCatalog questions;

    @Inject
    SubmissionStore store;

    @Inject
    RegradeJobs regrades;

    private final Map<String, Long> current = new LinkedHashMap<>();
    private final Deque<Long> page = new ArrayDeque<>();
    private long last;
    private String target;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void open(Serializable checkpoint) {
        RegradeJobs.Run run = regrades.begin(RegradeJobs.regradeOf(job.getExecutionId()), job.getExecutionId());
        target = run.target();
        var a = catalog.assignment(run.assignmentId())
                .orElseThrow(() -> AssayException.notFound("No assignment " + run.assignmentId()));
        for (String q : CatalogService.questionIds(a)) {
            questions.question(q).ifPresent(e -> current.put(q, e.configId()));
        }
        last = Math.max(run.afterSubmissionId(), checkpoint == null ? 0 : (Long) checkpoint);
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Object readItem() {
        if (page.isEmpty()) {
            page.addAll(store.needingRegrade(current, target, last, 100));
        }
        Long next = page.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
