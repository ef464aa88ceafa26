package dev.assay.server.infrastructure.batch;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.regrade.RegradeJobs;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.domain.repository.AssignmentRepository;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The submission ids still to regrade, a page at a time, in id order, after the last one the regrade stored (read
 * from its grades, which survive a restart; the checkpoint, the last id handed out, serves a restart of the job within
 * one process). Answers this regrade has graded already are skipped; any other grade, such as an ERROR a new answer
 * got while the regrade ran, is graded again.
 */
@jakarta.enterprise.context.Dependent
@Named("regradeReader")
public class RegradeReader extends AbstractItemReader {
    @Inject
    JobContext job;

    @Inject
    AssignmentRepository assignments;

    @Inject
    QuestionCatalog questions;

    @Inject
    RegradeRecords regrades;

    private final Map<String, Long> current = new LinkedHashMap<>();
    private final Deque<Long> page = new ArrayDeque<>();
    /** The last id handed out (the checkpoint), and the last id looked at. */
    private long last;
    private long scanned;
    private String target;
    private long regradeId;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void open(Serializable checkpoint) {
        RegradeRecords.Run run = regrades.begin(RegradeJobs.regradeOf(job.getExecutionId()), job.getExecutionId());
        regradeId = run.regradeId();
        target = run.target();
        var a = assignments.find(run.assignmentId())
                .orElseThrow(() -> AssayException.notFound("No assignment " + run.assignmentId()));
        for (String q : a.questionIdList()) {
            questions.question(q).ifPresent(e -> current.put(q, e.configId()));
        }
        last = Math.max(run.afterSubmissionId(), checkpoint == null ? 0 : (Long) checkpoint);
        scanned = last;
        regrades.countToRegrade(regradeId, current, target, last);
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Object readItem() {
        while (page.isEmpty()) {
            List<Long> next = regrades.needingRegrade(current, target, scanned, 100);
            if (next.isEmpty()) {
                return null;
            }
            scanned = next.get(next.size() - 1);
            Set<Long> done = regrades.gradedBy(regradeId, next);
            next.stream().filter(id -> !done.contains(id)).forEach(page::add);
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
