package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaQuestionRepository implements QuestionRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<QuestionEntity> find(String id) {
        return Optional.ofNullable(em.find(QuestionEntity.class, id));
    }

    @Override
    public Optional<QuestionEntity> findForUpdate(String id) {
        return Optional.ofNullable(em.find(QuestionEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void add(QuestionEntity question) {
        em.persist(question);
        em.flush();
    }

    @Override
    public Optional<QuestionConfigEntity> currentConfig(String questionId) {
        return em.createQuery("select c from QuestionConfigEntity c where c.questionId = :q order by c.version desc",
                        QuestionConfigEntity.class)
                .setParameter("q", questionId).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public List<QuestionConfigEntity> versions(String questionId) {
        return em.createQuery("select c from QuestionConfigEntity c where c.questionId = :q order by c.version",
                QuestionConfigEntity.class).setParameter("q", questionId).getResultList();
    }

    @Override
    public Optional<QuestionConfigEntity> config(long id) {
        return Optional.ofNullable(em.find(QuestionConfigEntity.class, id));
    }

    @Override
    public void addConfig(QuestionConfigEntity config) {
        em.persist(config);
        em.flush();
    }
}
