package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.repository.RegradeItemRepository;
import dev.assay.server.infrastructure.persistence.DatabaseSettings;
import dev.assay.server.infrastructure.persistence.RegradeItemSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Regrade items in the database, through native SQL ({@link RegradeItemSql}) in the caller's transaction. */
@ApplicationScoped
public class JpaRegradeItemRepository implements RegradeItemRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "assay.db.url", defaultValue = "")
    String dbUrl;

    private RegradeItemSql sql() {
        return new RegradeItemSql(new RegradeItemSql.Statements() {
            @Override
            public List<Object[]> rows(String sql, Object... params) {
                List<?> rows = bind(em.createNativeQuery(sql), params).getResultList();
                // A query of one column gives its values, not arrays of one.
                return rows.stream().map(r -> r instanceof Object[] a ? a : new Object[]{r}).toList();
            }

            @Override
            public int update(String sql, Object... params) {
                return bind(em.createNativeQuery(sql), params).executeUpdate();
            }
        }, DatabaseSettings.skipsLockedRows(dbUrl));
    }

    private static Query bind(Query q, Object... params) {
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    @Override
    public void plan(long regradeId, List<Range> ranges) {
        sql().plan(regradeId, ranges);
    }

    @Override
    public Optional<Item> claim(String process, long now, long until) {
        return sql().claim(process, now, until);
    }

    @Override
    public int renew(String process, long until) {
        return sql().renew(process, until);
    }

    @Override
    public boolean lockIfHeld(long regradeId, int seq, String process) {
        return sql().lockIfHeld(regradeId, seq, process);
    }

    @Override
    public boolean finish(long regradeId, int seq, String process) {
        return sql().finish(regradeId, seq, process);
    }

    @Override
    public int fail(long regradeId, int seq, String process, String error, long retryAt) {
        return sql().fail(regradeId, seq, process, error, retryAt);
    }

    @Override
    public long open(long regradeId) {
        return sql().open(regradeId);
    }

    @Override
    public int releaseOthers(String process) {
        return sql().releaseOthers(process);
    }
}
