package dev.assay.server.application.regrade;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.application.ThisProcess;
import dev.assay.server.domain.model.RegradeEntity;
import dev.assay.server.domain.model.RegradeState;
import dev.assay.server.domain.repository.AssignmentRepository;
import dev.assay.server.domain.repository.RegradeRepository;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable record of batch regrades ({@link RegradeEntity}), each change in a transaction of its own: its id is the
 * one the API gives out, and each grade a regrade gives carries that id, so what it has done (which answers, how many)
 * is read from its grades, exact whenever the server stopped.
 */
@ApplicationScoped
public class RegradeRecords {
    /**
     * This server process. A running regrade names the process that runs it, so that one left running by a process
     * that died is told apart (and one process's batch execution ids are never read as another's).
     */
    static final String RUNNER = ThisProcess.ID;

    @Inject
    RegradeRepository regrades;

    @Inject
    AssignmentRepository assignments;

    @Inject
    SubmissionRepository submissions;

    /** A regrade as it stands, with how many answers it has graded again. */
    public record Counted(RegradeEntity regrade, long regraded) {
    }

    /** Records a new regrade, or refuses it (409, naming the running one) while another of the assignment runs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long record(long assignmentId, String target, String requestedBy) {
        // Starts of one assignment's regrades queue on its row, so a second request sees the first's regrade and is
        // refused cleanly; the unique key on running_assignment stands behind this.
        assignments.lock(assignmentId).orElseThrow(() -> AssayException.notFound("No assignment " + assignmentId + "."));
        Optional<RegradeEntity> running = regrades.running(assignmentId);
        if (running.isPresent()) {
            RegradeEntity r = running.get();
            throw new AssayException(AssayException.Kind.CONFLICT, "Regrade " + r.getId() + " of this assignment is"
                    + " running (requested by " + r.getRequestedBy() + " at " + r.getRequestedAt() + "; "
                    + regraded(List.of(r)).get(r.getId()) + " answers regraded so far). Wait until it ends, then start another"
                    + " if answers still need it.");
        }
        RegradeEntity r = new RegradeEntity(assignmentId, target, requestedBy, AuditLog.now(), RUNNER);
        regrades.add(r);
        return r.getId();
    }

    @Transactional
    public List<RegradeEntity> unfinishedOfOtherRunners() {
        return regrades.unfinishedOfOtherRunners(RUNNER);
    }

    /** Takes over a regrade from the process that left it, unless another process took it over first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(long id, String previousRunner) {
        return regrades.claim(id, previousRunner, RUNNER);
    }

    /**
     * Where a run of the batch job starts: the regrade, marked started by this process; it carries on after
     * {@code afterSubmissionId}, the last submission it graded (submissions are read in id order, and each chunk's
     * grades commit together and in turn, so every one before it was graded or did not need it).
     */
    public record Run(long regradeId, long assignmentId, String target, long afterSubmissionId) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Run begin(long id, long batchExecutionId) {
        RegradeEntity r = regrades.find(id).orElseThrow(() -> new IllegalStateException("no regrade " + id));
        r.begin(batchExecutionId, RUNNER, AuditLog.now());
        // last_submission_id: where a regrade recorded before V8 had got to (it no longer changes).
        return new Run(id, r.getAssignmentId(), r.getTarget(), Math.max(r.getLastSubmissionId(), regrades.lastGradedSubmission(id)));
    }

    /**
     * Records how many answers the regrade has to grade, as a run of it begins after {@code afterId}: those it has graded
     * already and those still needing it (the total its progress is read against).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countToRegrade(long id, Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId) {
        long remaining = submissions.countNeedingRegrade(currentConfigByQuestion, gradebookTarget, afterId);
        regrades.find(id).ifPresent(r -> r.toRegrade(regraded(List.of(r)).get(r.getId()) + remaining));
    }

    /**
     * The next submissions the regrade has to grade, after {@code afterId}, in id order (see {@link RegradeSelection}):
     * so a restarted regrade resumes.
     */
    @Transactional
    public List<Long> needingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId, int limit) {
        if (currentConfigByQuestion.isEmpty()) {
            return List.of();
        }
        // The database picks the page by the rule (limited there: before, every remaining submission was read for each
        // page of 100, a cost growing with the square of the answers); RegradeSelection states the rule once more.
        return RegradeSelection.select(submissions.pluginGradesNeedingRegrade(currentConfigByQuestion, gradebookTarget, afterId,
                limit), currentConfigByQuestion, limit);
    }

    /**
     * Of these submissions, those the regrade has graded already (a run after a restart may meet a few it graded after
     * the point it carries on from): skipped, so no answer is graded twice by one regrade. A grade given otherwise
     * while it runs (a new answer's ERROR, another regrade's) does not count: such answers are its to grade.
     */
    @Transactional
    public Set<Long> gradedBy(long regradeId, List<Long> submissionIds) {
        return regrades.gradedBy(regradeId, submissionIds);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void end(long id, RegradeState state, String error) {
        regrades.find(id).filter(r -> r.getState().running())
                .ifPresent(r -> r.end(state, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error,
                        AuditLog.now()));
    }

    /** The regrade as it stands, ended first by {@code settle} if its batch execution ended unrecorded. */
    @Transactional
    public Optional<Counted> find(long id, java.util.function.UnaryOperator<RegradeEntity> settle) {
        return regrades.find(id).map(settle).map(r -> new Counted(r, regraded(List.of(r)).get(r.getId())));
    }

    /** An assignment's regrades (of one target, when given), newest first, each settled the same way. */
    @Transactional
    public List<Counted> of(long assignmentId, Optional<String> target, java.util.function.UnaryOperator<RegradeEntity> settle) {
        List<RegradeEntity> rows = regrades.of(assignmentId, target, 200).stream().map(settle).toList();
        Map<Long, Long> counts = regraded(rows);
        return rows.stream().map(r -> new Counted(r, counts.get(r.getId()))).toList();
    }

    /**
     * How many answers each regrade has graded again: the submissions its grades name (exact after any stop, as each
     * chunk's grades commit together), plus what a regrade recorded before V8 counted in its row.
     */
    private Map<Long, Long> regraded(List<RegradeEntity> rows) {
        Map<Long, Long> counts = new HashMap<>();
        for (RegradeEntity r : rows) {
            counts.put(r.getId(), r.getRegraded());
        }
        regrades.gradedCounts(counts.keySet()).forEach((id, n) -> counts.merge(id, n, Long::sum));
        return counts;
    }

    /**
     * The grade in force of each user's latest answer to each of these questions (through one gradebook target, or any
     * with null): what a regrade's dry run compares with.
     */
    @Transactional
    public List<SubmissionRepository.LatestInForce> latestInForce(java.util.Collection<String> questionIds, String gradebookTarget) {
        return submissions.latestInForce(questionIds, gradebookTarget);
    }
}
