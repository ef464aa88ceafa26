package dev.assay.server.application.regrade;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.application.ThisProcess;
import dev.assay.server.domain.model.RegradeEntity;
import dev.assay.server.domain.model.RegradeState;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.domain.repository.AssignmentRepository;
import dev.assay.server.domain.repository.QuestionRepository;
import dev.assay.server.domain.repository.RegradeItemRepository;
import dev.assay.server.domain.repository.RegradeRepository;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable record of batch regrades ({@link RegradeEntity}), each change in a transaction of its own: its id is the
 * one the API gives out, and each grade a regrade gives carries that id, so what it has done (which answers, how many)
 * is read from its grades, exact whenever the server stopped. A regrade of a whole assignment, or of the submissions
 * made through one gradebook target (an LTI link, for its instructor), is recorded here, then planned as work items
 * (ranges of its answers) and run by the regrade workers of every node sharing the database, each item claimed by one
 * node for a lease its heartbeat renews; a node that stops or dies leaves its items to the others (at once at the next
 * start on an embedded H2 database, which one process opens at a time; after their lease on PostgreSQL). One regrade of
 * an assignment runs at a time (a unique key, so two requests at once cannot both start one).
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

    @Inject
    QuestionRepository questions;

    @Inject
    RegradeItemRepository items;

    @Inject
    GradingService grading;

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

    /** The ids of regrades not ended whose work items are not written yet (a new one; one recorded before V15). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> unplanned() {
        return regrades.unplanned();
    }

    /**
     * Plans a regrade, unless it ended or another node planned it first (its row is locked meanwhile): the answers it has
     * to grade now, in submission id order, cut into work items of {@code itemSize}; the last item has no upper end, so
     * it also takes answers that come to need it while it runs (an ERROR a new answer gets). The configuration each
     * question has in force is read from the database, not this node's catalog (which may lag another node's change).
     *
     * @return whether it planned it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean plan(long id, int itemSize) {
        RegradeEntity r = regrades.findForUpdate(id).orElse(null);
        if (r == null || !r.running() || r.isPlanned()) {
            return false;
        }
        Map<String, Long> current = currentConfigs(r.getAssignmentId());
        // Each item's upper end found by the database (the itemSize-th answer needing it after the last end): one row
        // per item, where this read every answer's row before.
        List<RegradeItemRepository.Range> ranges = new ArrayList<>();
        long after = 0;
        long total = 0;
        while (true) {
            Optional<Long> end = submissions.nthNeedingRegrade(current, r.getTarget(), after, itemSize);
            if (end.isEmpty()) {
                break;
            }
            ranges.add(new RegradeItemRepository.Range(after, end.get(), itemSize));
            total += itemSize;
            after = end.get();
        }
        long rest = submissions.countNeedingRegrade(current, r.getTarget(), after);
        total += rest;
        if (rest > 0 || ranges.isEmpty()) {
            ranges.add(new RegradeItemRepository.Range(after, null, rest));
        } else {
            RegradeItemRepository.Range last = ranges.remove(ranges.size() - 1);
            ranges.add(new RegradeItemRepository.Range(last.afterId(), null, last.planned()));
        }
        items.plan(id, ranges);
        r.planned(total, AuditLog.now());
        return true;
    }

    /** What the workers of a regrade grade with: its assignment's questions, each with its configuration in force. */
    public record Scope(long regradeId, String target, Map<String, Long> currentConfigByQuestion) {
    }

    /** The regrade's scope as the database has it now. */
    @Transactional
    public Scope scope(long id) {
        RegradeEntity r = regrades.find(id).orElseThrow(() -> new IllegalStateException("no regrade " + id));
        return new Scope(id, r.getTarget(), currentConfigs(r.getAssignmentId()));
    }

    /** Each question of the assignment that is on the server, with the id of its configuration in force. */
    private Map<String, Long> currentConfigs(long assignmentId) {
        var a = assignments.find(assignmentId).orElseThrow(() -> AssayException.notFound("No assignment " + assignmentId));
        Map<String, Long> current = new LinkedHashMap<>();
        for (String q : a.questionIdList()) {
            questions.currentConfig(q).ifPresent(c -> current.put(q, c.getId()));
        }
        return current;
    }

    /** Claims a work item of a running regrade for {@code process} until {@code until} (see {@link RegradeItemRepository#claim}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<RegradeItemRepository.Item> claim(String process, long now, long until) {
        return items.claim(process, now, until);
    }

    /** The heartbeat of a process: every item it holds is its own until {@code until}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int renew(String process, long until) {
        return items.renew(process, until);
    }

    /**
     * A server process begins working on the regrade: one more run (each node once, and again after a restart). Its row
     * is locked: two nodes beginning at once both count (an unlocked read-modify-write lost one; RegradeAcrossNodesIT).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ranOn(long id, String process) {
        regrades.findForUpdate(id).filter(RegradeEntity::running).ifPresent(r -> r.ranOn(process, AuditLog.now()));
    }

    /**
     * Stores grades of an item's answers, each naming the regrade, in one transaction, if {@code process} still holds the
     * item (its row stays locked until the commit: a node taking it over after a lapsed lease waits, then skips these);
     * those the regrade graded meanwhile are left out, so no answer is graded twice by one regrade.
     *
     * @return false when the item was no longer this process's (taken over, or its regrade ended): nothing is stored
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean store(RegradeItemRepository.Item item, String process, List<GradingService.Regraded> grades) {
        if (!items.lockIfHeld(item.regradeId(), item.seq(), process)) {
            return false;
        }
        Set<Long> done = regrades.gradedBy(item.regradeId(), grades.stream().map(GradingService.Regraded::submissionId).toList());
        grading.store(grades.stream().filter(g -> !done.contains(g.submissionId())).toList(), item.regradeId());
        return true;
    }

    /**
     * The item is done; when it was the regrade's last open one, the regrade is COMPLETED, its count to regrade then the
     * exact count it regraded. The item's row is locked first, then the regrade's (so of two nodes finishing its last two
     * items at once, the second to lock the regrade sees the first's done). Always in that order: a store of grades holds
     * its item's row and then a key-share lock on the regrade's (the grades' foreign key), and a heartbeat holds items;
     * locking the regrade first here made a cycle with them (PostgreSQL's deadlock, found by RegradeAcrossNodesIT).
     *
     * @return false when {@code process} no longer held the item
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finish(RegradeItemRepository.Item item, String process) {
        if (!items.finish(item.regradeId(), item.seq(), process)) {
            return false;
        }
        RegradeEntity r = regrades.findForUpdate(item.regradeId()).orElseThrow();
        if (r.running() && items.open(item.regradeId()) == 0) {
            r.toRegrade(regraded(List.of(r)).get(r.getId()));
            r.end(RegradeState.COMPLETED, null, AuditLog.now());
        }
        return true;
    }

    /** Attempts of an item that end in an error before the regrade fails. */
    public static final int MAX_FAILURES = 3;

    /**
     * An attempt at the item failed: it is given up for another attempt from {@code retryAt} (on any node); at the
     * {@link #MAX_FAILURES}th the regrade ends FAILED, saying why. What was stored stays (and counts).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(RegradeItemRepository.Item item, String process, String error, long retryAt) {
        int failures = items.fail(item.regradeId(), item.seq(), process, error, retryAt); // the item first, as in finish
        if (failures < MAX_FAILURES) {
            return;
        }
        RegradeEntity r = regrades.findForUpdate(item.regradeId()).orElseThrow();
        if (r.running()) {
            r.end(RegradeState.FAILED, "answers after submission " + item.afterId() + " failed " + failures + " times: " + error,
                    AuditLog.now());
        }
    }

    /**
     * Releases the items held by other processes, at start, where no other process can be alive (an embedded H2
     * database): they are taken at once rather than after their lease.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseOthers(String process) {
        return items.releaseOthers(process);
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

    /** The regrade as it stands (the same on every node: all of it is in the database). */
    @Transactional
    public Optional<Counted> find(long id) {
        return regrades.find(id).map(r -> new Counted(r, regraded(List.of(r)).get(r.getId())));
    }

    /** An assignment's regrades (of one target, when given), newest first. */
    @Transactional
    public List<Counted> of(long assignmentId, Optional<String> target) {
        List<RegradeEntity> rows = regrades.of(assignmentId, target, 200);
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
