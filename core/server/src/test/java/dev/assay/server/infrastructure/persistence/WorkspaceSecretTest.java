package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The workspace token key on the schema V11 makes: one key, made once, whoever starts first; kept across starts. */
class WorkspaceSecretTest {
    static JdbcDataSource migrated() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v11-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        ReviewedScoresMigrationTest.flyway(ds, null).migrate();
        return ds;
    }

    static List<String> keys(JdbcDataSource ds) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("select secret from workspace_secret")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }

    @Test
    void eightNodesStartingAtOnceMakeOneKeyAndNoneFails() throws Exception {
        JdbcDataSource ds = migrated();
        int nodes = 8;
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                starts.add(pool.submit(() -> {
                    together.await();
                    WorkspaceSecret.ensure(ds);
                    return null;
                }));
            }
            for (Future<?> f : starts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> keys = keys(ds);
        assertThat(keys).hasSize(1);
        assertThat(java.util.Base64.getDecoder().decode(keys.get(0))).hasSize(WorkspaceSecret.BYTES);
    }

    @Test
    void aLaterStartKeepsTheKey() throws Exception {
        JdbcDataSource ds = migrated();
        WorkspaceSecret.ensure(ds);
        List<String> first = keys(ds);

        WorkspaceSecret.ensure(ds);

        assertThat(keys(ds)).isEqualTo(first);
    }
}
