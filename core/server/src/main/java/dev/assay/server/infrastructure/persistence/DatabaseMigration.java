package dev.assay.server.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with Flyway. Runs outside any JTA transaction: Flyway commits itself. */
public final class DatabaseMigration {
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    private DatabaseMigration() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it: " + e.getMessage()
                    + ". Check ASSAY_DB_URL, ASSAY_DB_USER and ASSAY_DB_PASSWORD.", e);
        }
        String blob = product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? "BYTEA" : "BLOB";
        MigrateResult result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob", blob))
                // A database written before issue 12 records the LTI adapter's first migrations (V3, V4, V7) here too:
                // the adapter now runs them from its own location into its own history, so they are not the core's.
                // A node of the previous release that starts after a newer node migrated (an upgrade node by node, a
                // rollback) finds migrations it does not know: it runs on the expanded schema (docs/runbook.md), so
                // those are ignored too, as Flyway's default (*:future) would, which setting the patterns replaces.
                .ignoreMigrationPatterns("versioned:missing", "*:future")
                .load()
                .migrate();
        LOG.info(() -> "Database " + product + " at schema version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations run now)");
        return result;
    }
}
