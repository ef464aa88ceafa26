package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.server.infrastructure.persistence.DatabaseMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The adapter's own migrations (db/lti, history in lti_schema_history), run after the core's: on a fresh database, and
 * on databases written before, where the core ran the adapter's migrations into its own history (as the same scripts
 * under one location did on main until issue 12).
 */
class LtiSchemaMigrationTest {
    static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A database as the server wrote it before issue 12: one Flyway, one history, the adapter's scripts among the core's. */
    static void writtenBeforeTheAdaptersOwnHistory(JdbcDataSource ds, String target) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", LtiSchema.LOCATION)
                .placeholders(Map.of("blob", "BLOB")).target(target).load().migrate();
    }

    /** What the server does at start now: the core's migrations (Bootstrap), then the adapter's (LtiSchema). */
    static MigrateResult startNow(JdbcDataSource ds) {
        DatabaseMigration.migrate(ds);
        return LtiSchema.migrate(ds);
    }

    static List<String> rows(JdbcDataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(String.valueOf(r.getObject(i)));
                }
                out.add(String.join("|", row));
            }
        }
        return out;
    }

    static void execute(JdbcDataSource ds, String... sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static List<String> adapterHistory(JdbcDataSource ds) throws Exception {
        // Flyway 10 also writes a row of type TABLE when it creates a history table: not a migration.
        return rows(ds, "select \"version\", \"type\", \"success\" from \"" + LtiSchema.HISTORY + "\" where \"type\" <> 'TABLE' "
                + "order by \"installed_rank\"");
    }

    @Test
    void aFreshDatabaseGetsEveryAdapterMigrationInTheAdaptersHistoryAndNoneInTheCores() throws Exception {
        JdbcDataSource ds = h2("fresh");
        MigrateResult adapter = startNow(ds);
        assertThat(adapter.migrationsExecuted).isEqualTo(4);
        assertThat(adapterHistory(ds)).containsExactly("0|BASELINE|true", "3|SQL|true", "4|SQL|true", "7|SQL|true", "12|SQL|true");
        assertThat(rows(ds, "select \"version\" from \"flyway_schema_history\" where \"script\" like '%lti%'")).isEmpty();
        // The adapter's tables as V7 left them: the deep-link table and the platform's tool_url.
        execute(ds, "insert into lti_platform (id, issuer, client_id, auth_url, token_url, jwks_url, name, created_at, tool_url) "
                + "values (1, 'https://lms', 'c', 'a', 't', 'j', 'LMS', now(), 'https://assay')");
        assertThat(rows(ds, "select count(*) from lti_deep_link")).containsExactly("0");
        // V12: where each link's class list is, and the one-time registration URLs.
        assertThat(rows(ds, "select count(*) from lti_registration_token")).containsExactly("0");
        // Started again: nothing to do for either.
        assertThat(startNow(ds).migrationsExecuted).isZero();
    }

    @Test
    void aDatabaseWrittenBeforeKeepsItsLtiDataAndRunsNothingTwice() throws Exception {
        JdbcDataSource ds = h2("main");
        writtenBeforeTheAdaptersOwnHistory(ds, "9");
        execute(ds,
                "insert into lti_platform (id, issuer, client_id, auth_url, token_url, jwks_url, name, created_at, tool_url) "
                        + "values (1, 'https://lms', 'c', 'a', 't', 'j', 'LMS', now(), 'https://assay')",
                "insert into lti_link (id, platform_id, deployment_id, resource_link_id, assignment, updated_at) "
                        + "values (5, 1, 'd', 'rl', 'hw7/hw7', now())",
                "insert into lti_user_name values ('lti/1/d/s', 'Ada', now())");
        List<String> coreHistoryBefore = rows(ds, "select \"version\", \"script\", \"checksum\" from \"flyway_schema_history\" "
                + "order by \"installed_rank\"");

        MigrateResult adapter = startNow(ds);

        assertThat(adapter.migrationsExecuted).as("only what came after V7: V12").isEqualTo(1);
        assertThat(adapterHistory(ds)).containsExactly("7|BASELINE|true", "12|SQL|true");
        // The core keeps its history as it was, the adapter's rows included: it ignores them, it does not lose them.
        // (Migrations the core gained since this database was written come after them, and none is the adapter's.)
        List<String> coreHistoryAfter = rows(ds, "select \"version\", \"script\", \"checksum\" from \"flyway_schema_history\" "
                + "order by \"installed_rank\"");
        assertThat(coreHistoryAfter.subList(0, coreHistoryBefore.size())).isEqualTo(coreHistoryBefore);
        assertThat(coreHistoryAfter.subList(coreHistoryBefore.size(), coreHistoryAfter.size())).noneMatch(r -> r.contains("lti"));
        assertThat(rows(ds, "select l.assignment, p.tool_url, l.memberships_url from lti_link l join lti_platform p "
                + "on p.id = l.platform_id")).containsExactly("hw7/hw7|https://assay|null");
        assertThat(rows(ds, "select name from lti_user_name")).containsExactly("Ada");
        assertThat(startNow(ds).migrationsExecuted).isZero();
    }

    @Test
    void aDatabaseWrittenBeforeTheAdaptersV7GetsV7FromTheAdapter() throws Exception {
        JdbcDataSource ds = h2("before-v7");
        writtenBeforeTheAdaptersOwnHistory(ds, "6"); // the core's V1, V2, V5, V6 and the adapter's V3, V4
        execute(ds, "insert into lti_platform (id, issuer, client_id, auth_url, token_url, jwks_url, name, created_at) "
                + "values (1, 'https://lms', 'c', 'a', 't', 'j', 'LMS', now())");

        MigrateResult adapter = startNow(ds);

        assertThat(adapter.migrationsExecuted).isEqualTo(2);
        assertThat(adapterHistory(ds)).containsExactly("4|BASELINE|true", "7|SQL|true", "12|SQL|true");
        assertThat(rows(ds, "select issuer, tool_url from lti_platform")).containsExactly("https://lms|null");
        assertThat(rows(ds, "select count(*) from lti_deep_link")).containsExactly("0");
    }

    @Test
    void aCoreHistoryWithAGapInTheAdaptersMigrationsIsRefusedWithWhatIsMissing() throws Exception {
        JdbcDataSource ds = h2("gap");
        writtenBeforeTheAdaptersOwnHistory(ds, "9");
        execute(ds, "delete from \"flyway_schema_history\" where \"version\" = '4'");

        assertThatThrownBy(() -> LtiSchema.recordedByTheCore(ds)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V4__lti_names.sql").hasMessageContaining("V7");
    }
}
