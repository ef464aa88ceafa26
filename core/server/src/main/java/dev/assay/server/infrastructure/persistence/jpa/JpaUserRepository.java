package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.UserEntity;
import dev.assay.server.domain.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<Long> idOf(String platformUserId) {
        return em.createQuery("select u.id from UserEntity u where u.platformUserId = :p", Long.class)
                .setParameter("p", platformUserId).getResultStream().findFirst();
    }

    @Override
    public void add(UserEntity user) {
        em.persist(user);
        em.flush();
    }

    @Override
    public Map<Long, String> platformUserIds(Collection<Long> ids) {
        Map<Long, String> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select u.id, u.platformUserId from UserEntity u where u.id in :ids", Object[].class)
                    .setParameter("ids", List.copyOf(ids)).getResultList()
                    .forEach(r -> byId.put(((Number) r[0]).longValue(), (String) r[1]));
        }
        return byId;
    }
}
