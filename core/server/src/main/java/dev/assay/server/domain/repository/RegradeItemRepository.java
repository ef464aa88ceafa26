package dev.assay.server.domain.repository;

import java.util.List;
import java.util.Optional;

/**
 * The work items of regrades: ranges of a regrade's answers that the nodes' workers claim, one node an item at a time,
 * for a lease their process renews (a heartbeat) while it lives. Times are epoch milliseconds of the caller's clock.
 * Each method runs in the caller's transaction.
 */
public interface RegradeItemRepository {
    /** An item: the answers of regrade {@code regradeId} after {@code afterId} up to {@code throughId} (null: no end). */
    record Item(long regradeId, int seq, long afterId, Long throughId) {
        public boolean covers(long submissionId) {
            return submissionId > afterId && (throughId == null || submissionId <= throughId);
        }
    }

    /** A range as planned: {@code planned} answers needed it then. */
    record Range(long afterId, Long throughId, long planned) {
    }

    /** Writes a regrade's items, numbered from 1 in the order given. */
    void plan(long regradeId, List<Range> ranges);

    /**
     * Claims an item of a running regrade that nobody holds (never claimed, released, or its lease lapsed before
     * {@code now}) for {@code process} until {@code until}: of several nodes claiming at once, each gets another item
     * (PostgreSQL's {@code FOR UPDATE SKIP LOCKED}) or none; the claim itself is a conditional update, so one node wins.
     */
    Optional<Item> claim(String process, long now, long until);

    /** Renews every claim {@code process} holds on an item not done until {@code until}; how many. */
    int renew(String process, long until);

    /**
     * Locks the item's row until the transaction ends, if {@code process} still holds it (not done, not taken over, its
     * regrade still running): whether it does. A node storing an item's grades holds this lock, so a node taking the item over waits for that
     * store to commit and then sees its grades.
     */
    boolean lockIfHeld(long regradeId, int seq, String process);

    /** Marks the item done, if {@code process} holds it; whether it did. */
    boolean finish(long regradeId, int seq, String process);

    /**
     * Gives the item up after a failure (another node may claim it from {@code retryAt} on), recording why; the item's
     * failures so far (this one included), or 0 if {@code process} did not hold it.
     */
    int fail(long regradeId, int seq, String process, String error, long retryAt);

    /** How many of the regrade's items are not done. */
    long open(long regradeId);

    /**
     * Releases every claim held by a process other than {@code process}: only where no other process can be alive
     * (an embedded H2 database, which one process opens at a time). How many.
     */
    int releaseOthers(String process);
}
