package dev.assay.server.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A batch regrade of an assignment (or of the submissions made through one gradebook target): the durable record
 * of what was asked and how it ended. Its answers are cut into work items (V15, {@code regrade_item}) that the workers
 * of every node claim. How far it got is read from the grades that carry its id ({@code grade.regrade_id});
 * {@code regraded} and {@code lastSubmissionId} hold only what a regrade recorded before that (schema V8), and are no
 * longer written, nor is {@code batchExecutionId} (the Jakarta Batch execution that ran it before V15).
 */
@Entity
@Table(name = "regrade")
public class RegradeEntity {
    @Id
    @SequenceGenerator(name = "regrade_seq", sequenceName = "regrade_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "regrade_seq")
    private Long id;
    @Column(name = "assignment_id", updatable = false)
    private long assignmentId;
    @Column(updatable = false)
    private String target;
    @Enumerated(EnumType.STRING)
    private RegradeState state;
    /** The assignment's id while this regrade runs, null once it ended: unique, so one runs per assignment. */
    @Column(name = "running_assignment")
    private Long runningAssignment;
    private long regraded;
    @Column(name = "last_submission_id")
    private long lastSubmissionId;
    @Column(name = "requested_by", updatable = false)
    private String requestedBy;
    @Column(name = "requested_at", updatable = false)
    private OffsetDateTime requestedAt;
    @Column(name = "started_at")
    private OffsetDateTime startedAt;
    @Column(name = "ended_at")
    private OffsetDateTime endedAt;
    private int runs;
    private String runner;
    @Column(name = "batch_execution_id")
    private Long batchExecutionId;
    private String error;
    /** How many answers it has to grade: counted when it was planned, the exact count once it completed; null before. */
    @Column(name = "to_regrade")
    private Long toRegrade;
    /** Its work items are written (V15). */
    private boolean planned;

    protected RegradeEntity() {
    }

    public RegradeEntity(long assignmentId, String target, String requestedBy, OffsetDateTime at, String runner) {
        this.assignmentId = assignmentId;
        this.target = target;
        this.requestedBy = requestedBy;
        this.requestedAt = at;
        this.runner = runner;
        this.state = RegradeState.STARTING;
        this.runningAssignment = assignmentId;
    }

    public boolean running() {
        return runningAssignment != null;
    }

    /** Its work items are written: {@code toRegrade} answers need it now. */
    public void planned(long toRegrade, OffsetDateTime at) {
        this.planned = true;
        this.toRegrade = toRegrade;
        this.state = RegradeState.STARTED;
        if (startedAt == null) {
            startedAt = at;
        }
    }

    /** A server process begins working on it (the first, or another node, or one after a restart). */
    public void ranOn(String runner, OffsetDateTime at) {
        this.runner = runner;
        this.runs++;
        this.state = RegradeState.STARTED;
        if (startedAt == null) {
            startedAt = at;
        }
    }

    public boolean isPlanned() {
        return planned;
    }

    public void end(RegradeState state, String error, OffsetDateTime at) {
        this.state = state;
        this.error = error;
        this.endedAt = at;
        this.runningAssignment = null;
    }

    /** Counted as a run begins: {@code gradedSoFar} plus those still to grade. */
    public void toRegrade(long total) {
        this.toRegrade = total;
    }

    public Long getToRegrade() {
        return toRegrade;
    }

    public Long getId() {
        return id;
    }

    public long getAssignmentId() {
        return assignmentId;
    }

    public String getTarget() {
        return target;
    }

    public RegradeState getState() {
        return state;
    }

    public long getRegraded() {
        return regraded;
    }

    public long getLastSubmissionId() {
        return lastSubmissionId;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getEndedAt() {
        return endedAt;
    }

    public int getRuns() {
        return runs;
    }

    public String getRunner() {
        return runner;
    }

    public Long getBatchExecutionId() {
        return batchExecutionId;
    }

    public String getError() {
        return error;
    }
}
