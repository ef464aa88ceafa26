package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.GradebookTargetEntity;
import dev.assay.server.domain.repository.GradebookTargetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaGradebookTargetRepository implements GradebookTargetRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<GradebookTargetEntity> find(String target) {
        return Optional.ofNullable(em.find(GradebookTargetEntity.class, target));
    }

    @Override
    public void add(GradebookTargetEntity target) {
        em.persist(target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Resend> toResend() {
        List<Object[]> pairs = em.createNativeQuery("select target, user_id from gradebook_resend").getResultList();
        return pairs.stream().map(p -> new Resend((String) p[0], ((Number) p[1]).longValue())).toList();
    }

    @Override
    public void clearResend() {
        em.createNativeQuery("delete from gradebook_resend").executeUpdate();
    }
}
