package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V6 on a database written by the old code: each submission points at its latest plugin grade, and at its latest
 * instructor grade as the grade in force, also where a batch regrade had added a plugin grade after the review.
 */
class GradeInForceMigrationTest {
    @Test
    void reviewsPushedAsideByARegradeAreInForceAgain() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v6-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").placeholders(Map.of("blob", "BLOB"))
                .target("2").load().migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into course_pack values ('p', 'P', '1', '', X'00', 'x', 'test', now())");
            st.execute("insert into question values ('p/q', 'p', 'Q', '', 4, 'it-exact', 1)");
            st.execute("insert into question_config values (1, 'p/q', 1, 'it-exact', '{}', '', now(), 'test', '')");
            st.execute("insert into app_user values (1, 'u', null, now())");
            for (int s = 1; s <= 3; s++) {
                st.execute("insert into submission (id, question_id, user_id, config_id, answer_text, created_at) "
                        + "values (" + s + ", 'p/q', 1, 1, 'a', now())");
            }
            // 1: graded once. 2: graded, reviewed. 3: graded, reviewed, then regraded by a batch job (the defect).
            grade(st, 10, 1, "it-exact", 0.5);
            grade(st, 20, 2, "it-exact", 0.5);
            grade(st, 21, 2, "instructor", 0.75);
            grade(st, 30, 3, "it-exact", 0.5);
            grade(st, 31, 3, "instructor", 0.75);
            grade(st, 32, 3, "it-exact", 1.0);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").placeholders(Map.of("blob", "BLOB"))
                .load().migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select id, plugin_grade_id, grade_in_force_id from submission order by id")) {
            long[][] expected = {{1, 10, 10}, {2, 20, 21}, {3, 32, 31}};
            for (long[] e : expected) {
                assertThat(r.next()).isTrue();
                assertThat(new long[]{r.getLong(1), r.getLong(2), r.getLong(3)}).containsExactly(e);
            }
        }
    }

    private static void grade(Statement st, long id, long submission, String plugin, double score) throws Exception {
        st.execute("insert into grade values (" + id + ", " + submission + ", 1, 'GRADED', " + score + ", '[]', '[]', '{}', '"
                + plugin + "', '1', 0, 0, false, now())");
    }
}
