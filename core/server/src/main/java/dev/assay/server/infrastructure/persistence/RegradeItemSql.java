package dev.assay.server.infrastructure.persistence;

import dev.assay.server.domain.repository.RegradeItemRepository;
import java.util.List;
import java.util.Optional;

/**
 * The regrade items' SQL, the same on H2 and PostgreSQL, over whatever runs it: the JPA entity manager of the caller's
 * transaction in the server ({@code JpaRegradeItemRepository}), a JDBC connection in tests (two "nodes" on one database).
 */
public class RegradeItemSql implements RegradeItemRepository {
    /** Runs one statement with positional parameters ({@code ?}) in the caller's transaction. */
    public interface Statements {
        List<Object[]> rows(String sql, Object... params);

        int update(String sql, Object... params);
    }

    /** How many candidates a claim tries in turn where the database cannot skip locked rows (H2). */
    static final int CANDIDATES = 8;

    private final Statements sql;
    private final boolean skipLocked;

    /**
     * @param skipLocked whether the database skips rows locked by others and limits after that (PostgreSQL): then a claim
     *                   locks the one item it takes. H2 2.2 parses SKIP LOCKED but limits first (a claim locking one row
     *                   would leave the others none), so there a claim reads a few candidates and tries each in turn.
     */
    public RegradeItemSql(Statements sql, boolean skipLocked) {
        this.sql = sql;
        this.skipLocked = skipLocked;
    }

    @Override
    public void plan(long regradeId, List<Range> ranges) {
        int seq = 0;
        for (Range r : ranges) {
            seq++;
            if (r.throughId() == null) {
                sql.update("INSERT INTO regrade_item (regrade_id, seq, after_id, through_id, planned) VALUES (?, ?, ?, NULL, ?)",
                        regradeId, seq, r.afterId(), r.planned());
            } else {
                sql.update("INSERT INTO regrade_item (regrade_id, seq, after_id, through_id, planned) VALUES (?, ?, ?, ?, ?)",
                        regradeId, seq, r.afterId(), r.throughId(), r.planned());
            }
        }
    }

    /** Not done, and held by nobody: never claimed, released, or its lease lapsed (or a failure's wait ended). */
    private static final String CLAIMABLE = "done = FALSE AND (claimed_until_ms IS NULL OR claimed_until_ms < ?)";

    @Override
    public Optional<Item> claim(String process, long now, long until) {
        // PostgreSQL: the first item nobody else is claiming or storing right now, locked (rows locked by others are
        // skipped, not waited for). H2: a few candidates, not locked; the conditional update below waits for a row
        // another claim holds, and then finds it claimed.
        List<Object[]> candidates = sql.rows("SELECT regrade_id, seq, after_id, through_id FROM regrade_item WHERE " + CLAIMABLE
                + " AND regrade_id IN (SELECT id FROM regrade WHERE running_assignment IS NOT NULL AND planned = TRUE)"
                + " ORDER BY regrade_id, seq FETCH FIRST " + (skipLocked ? "1 ROWS ONLY FOR UPDATE SKIP LOCKED" : CANDIDATES + " ROWS ONLY"),
                now);
        for (Object[] c : candidates) {
            long regrade = ((Number) c[0]).longValue();
            int seq = ((Number) c[1]).intValue();
            // The claim proper: a conditional update, which one node wins even where the listing above took no lock.
            if (sql.update("UPDATE regrade_item SET claimed_by = ?, claimed_until_ms = ?, claims = claims + 1"
                    + " WHERE regrade_id = ? AND seq = ? AND " + CLAIMABLE, process, until, regrade, seq, now) == 1) {
                return Optional.of(new Item(regrade, seq, ((Number) c[2]).longValue(),
                        c[3] == null ? null : ((Number) c[3]).longValue()));
            }
        }
        return Optional.empty();
    }

    @Override
    public int renew(String process, long until) {
        return sql.update("UPDATE regrade_item SET claimed_until_ms = ? WHERE claimed_by = ? AND done = FALSE", until, process);
    }

    @Override
    public boolean lockIfHeld(long regradeId, int seq, String process) {
        // An update that changes nothing: it locks the row as SELECT … FOR UPDATE would, and as a write it runs on the
        // transaction's own connection whatever the JPA provider does with reads.
        return sql.update("UPDATE regrade_item SET claimed_by = claimed_by WHERE regrade_id = ? AND seq = ? AND claimed_by = ?"
                + " AND done = FALSE AND regrade_id IN (SELECT id FROM regrade WHERE running_assignment IS NOT NULL)",
                regradeId, seq, process) == 1;
    }

    @Override
    public boolean finish(long regradeId, int seq, String process) {
        return sql.update("UPDATE regrade_item SET done = TRUE, claimed_by = NULL, claimed_until_ms = NULL, error = NULL"
                + " WHERE regrade_id = ? AND seq = ? AND claimed_by = ? AND done = FALSE", regradeId, seq, process) == 1;
    }

    @Override
    public int fail(long regradeId, int seq, String process, String error, long retryAt) {
        String why = error == null ? "" : error.length() > 2000 ? error.substring(0, 2000) : error;
        if (sql.update("UPDATE regrade_item SET claimed_by = NULL, claimed_until_ms = ?, failures = failures + 1, error = ?"
                + " WHERE regrade_id = ? AND seq = ? AND claimed_by = ? AND done = FALSE", retryAt, why, regradeId, seq, process) != 1) {
            return 0;
        }
        return ((Number) sql.rows("SELECT failures, seq FROM regrade_item WHERE regrade_id = ? AND seq = ?", regradeId, seq)
                .get(0)[0]).intValue();
    }

    @Override
    public long open(long regradeId) {
        return count("SELECT COUNT(*), 0 FROM regrade_item WHERE regrade_id = ? AND done = FALSE", regradeId);
    }

    private long count(String query, long regradeId) {
        return ((Number) sql.rows(query, regradeId).get(0)[0]).longValue();
    }

    @Override
    public int releaseOthers(String process) {
        return sql.update("UPDATE regrade_item SET claimed_by = NULL, claimed_until_ms = NULL"
                + " WHERE claimed_by IS NOT NULL AND claimed_by <> ? AND done = FALSE", process);
    }
}
