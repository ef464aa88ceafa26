package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.AuditEntry;
import dev.assay.server.domain.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public void add(AuditEntry entry) {
        em.persist(entry);
    }
}
