package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.repository.WorkspaceSecretRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Base64;

@ApplicationScoped
public class JpaWorkspaceSecretRepository implements WorkspaceSecretRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    /** Read once: the key never changes once made. */
    private volatile byte[] secret;

    @Override
    public byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            Object stored = em.createNativeQuery("SELECT secret FROM workspace_secret WHERE id = 1").getSingleResult();
            known = Base64.getDecoder().decode(String.valueOf(stored));
            secret = known;
        }
        return known.clone();
    }
}
