package dev.assay.server.infrastructure.persistence;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The key workspace tokens are signed with: one row (id 1) in {@code workspace_secret}, made by the first node that
 * starts. Two nodes starting at once both try to insert row 1; the database keeps one and the other's insert fails on
 * the primary key, after which it reads the row that won. Runs at start, outside any JTA transaction, with autocommit.
 */
public final class WorkspaceSecret {
    private static final Logger LOG = Logger.getLogger(WorkspaceSecret.class.getName());
    /** 256 bits: HS256 needs at least that much key. */
    static final int BYTES = 32;

    private WorkspaceSecret() {
    }

    /** Makes the secret if there is none yet. */
    public static void ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (read(c)) {
                return;
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO workspace_secret (id, secret, created_at) VALUES (1, ?, ?)")) {
                insert.setString(1, Base64.getEncoder().encodeToString(key));
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                LOG.info("Made the key instructor workspace tokens are signed with (table workspace_secret)");
            } catch (SQLException lostTheRace) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                if (!read(c)) {
                    throw lostTheRace;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot make the workspace token key in table workspace_secret: " + e.getMessage(), e);
        }
    }

    private static boolean read(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT secret FROM workspace_secret WHERE id = 1");
             ResultSet r = q.executeQuery()) {
            return r.next();
        }
    }
}
