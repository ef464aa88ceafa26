package dev.assay.lti;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC on the server's JTA data source: called from transactional beans, it joins their transaction.
 * The adapter's tables are few and simple; SQL is portable between H2 and PostgreSQL except the sequence.
 */
final class Db {
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource ds;
    private volatile String nextId;

    Db(DataSource ds) {
        this.ds = ds;
    }

    /** Runs a step in its own transaction, and once more if it fails (a concurrent insert of the same row). */
    static <T> T onceMore(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException first) {
            return step.get();
        }
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    int update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement p = prepare(c, sql, args)) {
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement p = prepare(c, sql, args); ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> all = query(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    long nextId() {
        if (nextId == null) {
            try (Connection c = ds.getConnection()) {
                nextId = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                        ? "select nextval('lti_seq')" : "values next value for lti_seq";
            } catch (SQLException e) {
                throw new IllegalStateException("database: " + e.getMessage(), e);
            }
        }
        return one(nextId, rs -> rs.getLong(1)).orElseThrow();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant in) {
                p.setTimestamp(i + 1, ts(in));
            } else {
                p.setObject(i + 1, a);
            }
        }
        return p;
    }
}
