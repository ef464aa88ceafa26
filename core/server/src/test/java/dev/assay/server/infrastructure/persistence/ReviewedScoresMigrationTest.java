package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V8 on a database as V6 left it: the gradebook is to hear once of every (target, user) whose review V6 put back in
 * force over a regrade's grade; uploads keep only their archive's hash; grades can name the regrade that gave them.
 */
class ReviewedScoresMigrationTest {
    static Flyway flyway(JdbcDataSource ds, String target) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration").placeholders(Map.of("blob", "BLOB"));
        return (target == null ? config : config.target(target)).load();
    }

    @Test
    void thePairsWhoseReviewV6PutBackInForceAreListedToBeSentAgain() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v8-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        flyway(ds, "6").migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into course_pack values ('p', 'P', '1', '', X'00', 'x', 'upload', now())");
            st.execute("insert into pack_source values ('p', 'folder', X'01', 'f', now())");
            st.execute("insert into pack_source values ('p', 'upload', X'02', 'u', now())");
            st.execute("insert into question values ('p/q', 'p', 'Q', '', 4, 'it-exact', 1)");
            st.execute("insert into question_config values (1, 'p/q', 1, 'it-exact', '{}', '', now(), 'test', '')");
            st.execute("insert into gradebook_target values ('lti:1', 'p/q', now())");
            // 1: graded, reviewed, then regraded by a batch job (the defect: the gradebook got the regrade's score).
            // 2: graded, reviewed. 3: graded only. 4: as 1, but not through a gradebook.
            submission(st, 1, "'lti:1'", new long[][]{{10, 0}, {11, 1}, {12, 0}});
            submission(st, 2, "'lti:1'", new long[][]{{20, 0}, {21, 1}});
            submission(st, 3, "'lti:1'", new long[][]{{30, 0}});
            submission(st, 4, "null", new long[][]{{40, 0}, {41, 1}, {42, 0}});
        }
        flyway(ds, null).migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThat(rows(st, "select target, user_id from gradebook_resend")).containsExactly("lti:1 1");
            assertThat(rows(st, "select source, archive is null from pack_source order by source"))
                    .as("the folder's archive is the base of its next merge; an upload's is never read")
                    .containsExactly("folder FALSE", "upload TRUE");
            assertThat(rows(st, "select count(*) from grade where regrade_id is null")).containsExactly("9");
        }
    }

    /** A submission by user {@code n} with grades {id, 1 if an instructor's}, and what V6 made of it. */
    private static void submission(Statement st, int n, String target, long[][] grades) throws Exception {
        st.execute("insert into app_user values (" + n + ", 'u" + n + "', null, now())");
        st.execute("insert into submission (id, question_id, user_id, config_id, answer_text, created_at, gradebook_target) "
                + "values (" + n + ", 'p/q', " + n + ", 1, 'a', now(), " + target + ")");
        long plugin = 0;
        long inForce = 0;
        for (long[] g : grades) {
            boolean review = g[1] == 1;
            st.execute("insert into grade (id, submission_id, config_id, status, score, notes_json, feedback_json, echo_json, "
                    + "plugin_id, plugin_version, duration_micros, seed, needs_review, graded_at) values (" + g[0] + ", " + n
                    + ", 1, 'GRADED', 0.5, '[]', '[]', '{}', '" + (review ? "instructor" : "it-exact") + "', '1', 0, 0, false, now())");
            if (review) {
                inForce = g[0];
            } else {
                plugin = g[0];
            }
        }
        st.execute("update submission set plugin_grade_id = " + plugin + ", grade_in_force_id = " + (inForce == 0 ? plugin : inForce)
                + " where id = " + n);
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = st.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(r.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
