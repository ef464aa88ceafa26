package dev.assay.server.application;

import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.model.RegradeEntity;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Batch regrades of a whole assignment, or of the submissions made through one gradebook target (an LTI link, for
 * its instructor). Each is a row of ours ({@link RegradeEntity}): its id is the one the API gives out, and each grade
 * it gives carries that id, so what it has done (which answers, how many) is read from its grades, exact whenever the
 * server stopped. A regrade left unfinished by a stopped or killed server is started again at the next start,
 * carrying on after the last submission it graded. The Jakarta Batch job {@code regrade-assignment}
 * is how a regrade runs (Payara Micro's job repository lives in memory, so it cannot be the record).
 * One regrade of an assignment runs at a time (a unique key, so two requests at once cannot both start one).
 */
@ApplicationScoped
public class RegradeJobs {
    private static final Logger LOG = Logger.getLogger(RegradeJobs.class.getName());
    static final String JOB = "regrade-assignment";
    /** The job parameter naming the regrade a batch execution runs. */
    public static final String REGRADE_ID = "regradeId";
    /**
     * This server process. A running regrade names the process that runs it, so that one left running by a process
     * that died is told apart (and one process's batch execution ids are never read as another's).
     */
    static final String RUNNER = UUID.randomUUID().toString();
    private static final Set<String> RUNNING = Set.of(RegradeEntity.STARTING, RegradeEntity.STARTED);

    /**
     * A regrade's state, with the number of answers it has graded again. {@code executionId} is the regrade's own id
     * (durable, unique for the server's life; the name is the API's since before regrades were durable).
     */
    public record Status(long executionId, long assignmentId, String target, String status, String exitStatus,
                         long regraded, String requestedBy, OffsetDateTime requestedAt,
                         OffsetDateTime started, OffsetDateTime ended, int runs) {
        public boolean finished() {
            return !status.equals(RegradeEntity.STARTING) && !status.equals(RegradeEntity.STARTED);
        }
    }

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    CatalogService catalog;

    @Inject
    RegradeJobs self;

    /** Starts a regrade for an instructor of the target (the LTI adapter), or for the system when there is none. */
    public Status start(long assignmentId, Optional<String> target) {
        return start(assignmentId, target, target.map(t -> "instructor of " + t).orElse(CatalogService.SYSTEM));
    }

    /**
     * Records a regrade and starts it. Refused (409, naming the running one) while another regrade of the same
     * assignment runs: both would grade the same answers.
     */
    public Status start(long assignmentId, Optional<String> target, String requestedBy) {
        catalog.assignment(assignmentId).orElseThrow(() -> AssayException.notFound("No assignment " + assignmentId + "."));
        long id = self.record(assignmentId, target.orElse(null), requestedBy);
        launch(id);
        return self.status(id).orElseThrow();
    }

    private static AssayException alreadyRunning(Status r) {
        return new AssayException(AssayException.Kind.CONFLICT, "Regrade " + r.executionId() + " of this assignment is"
                + " running (requested by " + r.requestedBy() + " at " + r.requestedAt() + "; " + r.regraded()
                + " answers regraded so far). Wait until it ends, then start another if answers still need it.");
    }

    /** Records a new regrade, or refuses it (409) while another of the assignment runs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long record(long assignmentId, String target, String requestedBy) {
        // Starts of one assignment's regrades queue on its row, so a second request sees the first's regrade and is
        // refused cleanly; the unique key on running_assignment stands behind this.
        em.find(AssignmentEntity.class, assignmentId, LockModeType.PESSIMISTIC_WRITE);
        Optional<RegradeEntity> running = em.createQuery("select r from RegradeEntity r where r.runningAssignment = :a",
                RegradeEntity.class).setParameter("a", assignmentId).getResultStream().findFirst();
        if (running.isPresent()) {
            throw alreadyRunning(view(running.get(), regraded(List.of(running.get()))));
        }
        RegradeEntity r = new RegradeEntity(assignmentId, target, requestedBy, AuditLog.now(), RUNNER);
        em.persist(r);
        em.flush();
        return r.getId();
    }

    private void launch(long id) {
        Properties params = new Properties();
        params.setProperty(REGRADE_ID, String.valueOf(id));
        try {
            BatchRuntime.getJobOperator().start(JOB, params);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Regrade " + id + " could not be started", e);
            self.end(id, RegradeEntity.FAILED, "the batch job could not be started: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Starts again every regrade that a previous server process left unfinished (stopped, or killed): each carries on
     * after the last submission it stored, and the reader skips what is already graded with the current configuration.
     */
    public void resumeUnfinished() {
        for (RegradeEntity r : self.unfinishedOfOtherRunners()) {
            if (self.claim(r.getId(), r.getRunner())) {
                LOG.info(() -> "Regrade " + r.getId() + " of assignment " + r.getAssignmentId()
                        + (r.getTarget() == null ? "" : " (" + r.getTarget() + ")") + " was left unfinished; resuming it");
                try {
                    launch(r.getId());
                } catch (RuntimeException e) {
                    // logged and recorded as FAILED by launch; the other regrades still resume
                }
            }
        }
    }

    @Transactional
    public List<RegradeEntity> unfinishedOfOtherRunners() {
        return em.createQuery("select r from RegradeEntity r where r.state in :s and (r.runner is null or r.runner <> :me)"
                        + " order by r.id", RegradeEntity.class)
                .setParameter("s", RUNNING).setParameter("me", RUNNER).getResultList();
    }

    /** Takes over a regrade from the process that left it, unless another process took it over first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(long id, String previousRunner) {
        return em.createQuery("update RegradeEntity r set r.runner = :me where r.id = :id and r.runner = :previous")
                .setParameter("me", RUNNER).setParameter("id", id).setParameter("previous", previousRunner)
                .executeUpdate() == 1;
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
        RegradeEntity r = em.find(RegradeEntity.class, id);
        if (r == null) {
            throw new IllegalStateException("no regrade " + id);
        }
        r.begin(batchExecutionId, RUNNER, AuditLog.now());
        Long lastGraded = em.createQuery("select max(g.submissionId) from GradeEntity g where g.regradeId = :r", Long.class)
                .setParameter("r", id).getSingleResult();
        // last_submission_id: where a regrade recorded before V8 had got to (it no longer changes).
        return new Run(id, r.getAssignmentId(), r.getTarget(), Math.max(r.getLastSubmissionId(), lastGraded == null ? 0 : lastGraded));
    }

    /**
     * Of these submissions, those the regrade has graded already (a run after a restart may meet a few it graded after
     * the point it carries on from): skipped, so no answer is graded twice by one regrade. A grade given otherwise
     * while it runs (a new answer's ERROR, another regrade's) does not count: such answers are its to grade.
     */
    @Transactional
    public Set<Long> gradedBy(long regradeId, List<Long> submissionIds) {
        if (submissionIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select distinct g.submissionId from GradeEntity g where g.regradeId = :r"
                        + " and g.submissionId in :s", Long.class)
                .setParameter("r", regradeId).setParameter("s", submissionIds).getResultList());
    }

    /**
     * How many answers each regrade has graded again: the submissions its grades name (exact after any stop, as each
     * chunk's grades commit together), plus what a regrade recorded before V8 counted in its row.
     */
    private Map<Long, Long> regraded(List<RegradeEntity> regrades) {
        Map<Long, Long> counts = new HashMap<>();
        if (regrades.isEmpty()) {
            return counts;
        }
        for (RegradeEntity r : regrades) {
            counts.put(r.getId(), r.getRegraded());
        }
        em.createQuery("select g.regradeId, count(distinct g.submissionId) from GradeEntity g where g.regradeId in :r"
                        + " group by g.regradeId", Object[].class)
                .setParameter("r", regrades.stream().map(RegradeEntity::getId).toList()).getResultList()
                .forEach(row -> counts.merge((Long) row[0], ((Number) row[1]).longValue(), Long::sum));
        return counts;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void end(long id, String state, String error) {
        RegradeEntity r = em.find(RegradeEntity.class, id);
        if (r != null && RUNNING.contains(r.getState())) {
            r.end(state, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error, AuditLog.now());
        }
    }

    /** The regrade, with its counts. */
    @Transactional
    public Optional<Status> status(long id) {
        return Optional.ofNullable(em.find(RegradeEntity.class, id)).map(this::settled)
                .map(r -> view(r, regraded(List.of(r))));
    }

    /** An assignment's regrades, newest first. */
    @Transactional
    public List<Status> list(long assignmentId, Optional<String> target) {
        var q = em.createQuery("select r from RegradeEntity r where r.assignmentId = :a"
                + (target.isPresent() ? " and r.target = :t" : "") + " order by r.id desc", RegradeEntity.class)
                .setParameter("a", assignmentId).setMaxResults(200);
        target.ifPresent(t -> q.setParameter("t", t));
        List<RegradeEntity> rows = q.getResultList().stream().map(this::settled).toList();
        Map<Long, Long> counts = regraded(rows);
        return rows.stream().map(r -> view(r, counts)).toList();
    }

    /**
     * The row as it stands, ended if this process ran its batch execution to an end that the job listener did not
     * get to record (it always should; this keeps a regrade from looking busy for ever if it did not).
     */
    private RegradeEntity settled(RegradeEntity r) {
        if (!RUNNING.contains(r.getState()) || !RUNNER.equals(r.getRunner()) || r.getBatchExecutionId() == null) {
            return r;
        }
        BatchStatus batch;
        try {
            batch = BatchRuntime.getJobOperator().getJobExecution(r.getBatchExecutionId()).getBatchStatus();
        } catch (NoSuchJobExecutionException e) {
            return r;
        }
        if (batch == BatchStatus.COMPLETED || batch == BatchStatus.FAILED || batch == BatchStatus.STOPPED
                || batch == BatchStatus.ABANDONED) {
            r.end(batch == BatchStatus.COMPLETED ? RegradeEntity.COMPLETED : RegradeEntity.FAILED,
                    batch == BatchStatus.COMPLETED ? null : "the batch job ended " + batch, AuditLog.now());
        }
        return r;
    }

    private static Status view(RegradeEntity r, Map<Long, Long> regraded) {
        return new Status(r.getId(), r.getAssignmentId(), r.getTarget(), r.getState(), r.getError(),
                regraded.getOrDefault(r.getId(), 0L), r.getRequestedBy(), r.getRequestedAt(), r.getStartedAt(),
                r.getEndedAt(), r.getRuns());
    }

    /** The regrade a batch execution of the job runs (its job parameter). */
    public static long regradeOf(long batchExecutionId) {
        return Long.parseLong(BatchRuntime.getJobOperator().getParameters(batchExecutionId).getProperty(REGRADE_ID));
    }
}
