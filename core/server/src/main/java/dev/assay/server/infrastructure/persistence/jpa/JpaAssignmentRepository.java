package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.repository.AssignmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaAssignmentRepository implements AssignmentRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<AssignmentEntity> find(long id) {
        return Optional.ofNullable(em.find(AssignmentEntity.class, id));
    }

    @Override
    public Optional<AssignmentEntity> lock(long id) {
        return Optional.ofNullable(em.find(AssignmentEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<AssignmentEntity> byKey(String packId, String key) {
        return em.createQuery("select a from AssignmentEntity a where a.packId = :p and a.key = :k", AssignmentEntity.class)
                .setParameter("p", packId).setParameter("k", key).getResultStream().findFirst();
    }

    @Override
    public List<AssignmentEntity> all(String packId) {
        if (packId == null) {
            return em.createQuery("select a from AssignmentEntity a order by a.packId, a.key", AssignmentEntity.class)
                    .getResultList();
        }
        return em.createQuery("select a from AssignmentEntity a where a.packId = :p order by a.key", AssignmentEntity.class)
                .setParameter("p", packId).getResultList();
    }

    @Override
    public void add(AssignmentEntity assignment) {
        em.persist(assignment);
    }
}
