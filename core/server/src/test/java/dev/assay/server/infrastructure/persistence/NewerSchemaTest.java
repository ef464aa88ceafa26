package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading node by node (docs/runbook.md): a node of the previous release starting on a database a newer node has
 * already migrated runs on it (the newer migrations are expand-only), rather than refusing to start on Flyway's
 * validation.
 */
class NewerSchemaTest {
    @Test
    void aNodeStartsOnADatabaseMigratedByANewerRelease() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:newer-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        DatabaseMigration.migrate(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // What a newer release's V99 leaves: a column this release does not know, and its row in the history.
            st.execute("ALTER TABLE score_outbox ADD COLUMN from_the_future VARCHAR(10)");
            st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\") "
                    + "SELECT max(\"installed_rank\") + 1, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'test', "
                    + "now(), 1, TRUE FROM \"flyway_schema_history\"");
        }
        assertThat(DatabaseMigration.migrate(ds).migrationsExecuted).as("nothing to run, and no refusal").isZero();
    }
}
