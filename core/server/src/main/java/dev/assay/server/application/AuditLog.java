package dev.assay.server.application;

import dev.assay.server.domain.model.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Appends to the audit log in the caller's transaction. */
@ApplicationScoped
public class AuditLog {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, String detail) {
        em.persist(new AuditEntry(now(), actor, action, entityType, entityId, detail));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
