package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.RegradeEntity;
import dev.assay.server.domain.model.RegradeState;
import dev.assay.server.domain.repository.RegradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class JpaRegradeRepository implements RegradeRepository {
    private static final List<RegradeState> RUNNING = Arrays.stream(RegradeState.values()).filter(RegradeState::running).toList();

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public void add(RegradeEntity regrade) {
        em.persist(regrade);
        em.flush();
    }

    @Override
    public Optional<RegradeEntity> find(long id) {
        return Optional.ofNullable(em.find(RegradeEntity.class, id));
    }

    @Override
    public Optional<RegradeEntity> running(long assignmentId) {
        return em.createQuery("select r from RegradeEntity r where r.runningAssignment = :a", RegradeEntity.class)
                .setParameter("a", assignmentId).getResultStream().findFirst();
    }

    @Override
    public List<RegradeEntity> of(long assignmentId, Optional<String> target, int limit) {
        var q = em.createQuery("select r from RegradeEntity r where r.assignmentId = :a"
                + (target.isPresent() ? " and r.target = :t" : "") + " order by r.id desc", RegradeEntity.class)
                .setParameter("a", assignmentId).setMaxResults(limit);
        target.ifPresent(t -> q.setParameter("t", t));
        return q.getResultList();
    }

    @Override
    public Optional<RegradeEntity> findForUpdate(long id) {
        return Optional.ofNullable(em.find(RegradeEntity.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<Long> unplanned() {
        return em.createQuery("select r.id from RegradeEntity r where r.state in :s and r.planned = false order by r.id",
                        Long.class).setParameter("s", RUNNING).getResultList();
    }

    @Override
    public Set<Long> gradedBy(long regradeId, Collection<Long> submissionIds) {
        if (submissionIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select distinct g.submissionId from GradeEntity g where g.regradeId = :r"
                        + " and g.submissionId in :s", Long.class)
                .setParameter("r", regradeId).setParameter("s", List.copyOf(submissionIds)).getResultList());
    }

    @Override
    public Map<Long, Long> gradedCounts(Collection<Long> regradeIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (!regradeIds.isEmpty()) {
            em.createQuery("select g.regradeId, count(distinct g.submissionId) from GradeEntity g where g.regradeId in :r"
                            + " group by g.regradeId", Object[].class)
                    .setParameter("r", List.copyOf(regradeIds)).getResultList()
                    .forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        }
        return counts;
    }
}
