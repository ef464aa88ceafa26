package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** V9 on an outbox written in AGS's words: each entry keeps what happened, as booleans of the core's own. */
class OutboxWordsMigrationTest {
    @Test
    void agsProgressWordsBecomeCompleteAndAwaitingReview() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v9-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        ReviewedScoresMigrationTest.flyway(ds, "8").migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String[][] entries = {{"1", "Completed", "FullyGraded"}, {"2", "Completed", "PendingManual"},
                    {"3", "InProgress", "FullyGraded"}, {"4", "InProgress", "PendingManual"}};
            for (String[] e : entries) {
                st.execute("insert into score_outbox (id, target, user_key, score_given, score_maximum, activity_progress, "
                        + "grading_progress, graded_at, state, attempts, next_attempt_at, created_at) values (" + e[0]
                        + ", 'lti:1', 'u', 1, 4, '" + e[1] + "', '" + e[2] + "', now(), 'DELIVERED', 1, now(), now())");
            }
        }
        ReviewedScoresMigrationTest.flyway(ds, null).migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet r = st.executeQuery("select id, complete, awaiting_review, state from score_outbox order by id")) {
                while (r.next()) {
                    rows.add(r.getLong(1) + " " + r.getBoolean(2) + " " + r.getBoolean(3) + " " + r.getString(4));
                }
            }
            assertThat(rows).containsExactly("1 true false DELIVERED", "2 true true DELIVERED", "3 false false DELIVERED",
                    "4 false true DELIVERED");
            try (ResultSet r = c.getMetaData().getColumns(null, null, "SCORE_OUTBOX", "%")) {
                List<String> columns = new ArrayList<>();
                while (r.next()) {
                    columns.add(r.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
                assertThat(columns).as("no gradebook protocol's words left").doesNotContain("activity_progress", "grading_progress");
            }
        }
    }
}
