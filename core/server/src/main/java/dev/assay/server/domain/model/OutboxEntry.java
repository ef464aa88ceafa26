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
 * A score on its way to a gradebook. Written in the transaction that stores the grade; the worker moves it
 * from PENDING to DELIVERED (or SUPERSEDED by a newer score for the same target and user, or FAILED after
 * its retries).
 */
@Entity
@Table(name = "score_outbox")
public class OutboxEntry {
    public enum State { PENDING, DELIVERED, SUPERSEDED, FAILED }

    @Id
    @SequenceGenerator(name = "score_outbox_seq", sequenceName = "score_outbox_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "score_outbox_seq")
    private Long id;
    private String target;
    @Column(name = "user_key")
    private String userKey;
    @Column(name = "score_given")
    private double scoreGiven;
    @Column(name = "score_maximum")
    private double scoreMaximum;
    /** Every question of the assignment has an answer. */
    private boolean complete;
    /** A grade in force waits for a person: it needs review, is an error, or cannot be read. */
    @Column(name = "awaiting_review")
    private boolean awaitingReview;
    @Column(name = "graded_at")
    private OffsetDateTime gradedAt;
    @Enumerated(EnumType.STRING)
    private State state;
    private int attempts;
    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;
    @Column(name = "score_comment")
    private String comment;
    @Column(name = "sent_timestamp")
    private OffsetDateTime sentTimestamp;
    @Column(name = "later_than")
    private OffsetDateTime laterThan;
    /** The server process sending this entry, until {@link #claimedUntil}; null when none is. */
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    protected OutboxEntry() {
    }

    /** @param comment what the instructor's reviews in force say to the student, sent with the score (null: nothing) */
    public OutboxEntry(String target, String userKey, double scoreGiven, double scoreMaximum, boolean complete,
                       boolean awaitingReview, OffsetDateTime gradedAt, String comment) {
        this.comment = comment;
        this.target = target;
        this.userKey = userKey;
        this.scoreGiven = scoreGiven;
        this.scoreMaximum = scoreMaximum;
        this.complete = complete;
        this.awaitingReview = awaitingReview;
        this.gradedAt = gradedAt;
        this.state = State.PENDING;
        this.nextAttemptAt = gradedAt;
        this.createdAt = gradedAt;
    }

    public Long getId() {
        return id;
    }

    public String getTarget() {
        return target;
    }

    public String getUserKey() {
        return userKey;
    }

    public double getScoreGiven() {
        return scoreGiven;
    }

    public double getScoreMaximum() {
        return scoreMaximum;
    }

    public boolean isComplete() {
        return complete;
    }

    public boolean isAwaitingReview() {
        return awaitingReview;
    }

    public OffsetDateTime getGradedAt() {
        return gradedAt;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getDeliveredAt() {
        return deliveredAt;
    }

    public String getComment() {
        return comment;
    }

    /** The timestamp of the latest attempt to send this entry, or null before the first. */
    public OffsetDateTime getSentTimestamp() {
        return sentTimestamp;
    }

    /** After a gradebook refused this entry as not later: the next timestamp must be later than this too. */
    public OffsetDateTime getLaterThan() {
        return laterThan;
    }

    /** Whether another process than {@code process} holds a claim on this entry that has not lapsed at {@code now}. */
    public boolean claimedByAnotherAt(String process, OffsetDateTime now) {
        return claimedBy != null && !claimedBy.equals(process) && claimedUntil != null && claimedUntil.isAfter(now);
    }

    /** Claimed by this process until {@code until}: no other process sends it before then. */
    public void claim(String process, OffsetDateTime until) {
        claimedBy = process;
        claimedUntil = until;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public OffsetDateTime getClaimedUntil() {
        return claimedUntil;
    }

    private void released() {
        claimedBy = null;
        claimedUntil = null;
    }

    /** About to be sent with this timestamp (recorded before the attempt, so a later score never reuses it). */
    public void sending(OffsetDateTime timestamp) {
        sentTimestamp = timestamp;
    }

    /** The gradebook holds a score at least as late: send again soon, later than both the refused one and now. */
    public void notLater(OffsetDateTime now, String error) {
        laterThan = now;
        retryAt(now, error);
    }

    public void delivered(OffsetDateTime at) {
        released();
        state = State.DELIVERED;
        deliveredAt = at;
        attempts++;
        lastError = null;
    }

    public void superseded() {
        released();
        state = State.SUPERSEDED;
    }

    public void retryAt(OffsetDateTime at, String error) {
        released();
        attempts++;
        nextAttemptAt = at;
        lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    public void failed(String error) {
        released();
        attempts++;
        state = State.FAILED;
        lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    public void retryNow(OffsetDateTime at) {
        state = State.PENDING;
        nextAttemptAt = at;
    }
}
