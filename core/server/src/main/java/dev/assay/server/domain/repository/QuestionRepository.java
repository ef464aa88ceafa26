package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import java.util.List;
import java.util.Optional;

/** Questions and the versions of their grading configuration. */
public interface QuestionRepository {
    Optional<QuestionEntity> find(String id);

    /**
     * The question, locked until the transaction ends (a configuration save holds it while it checks which version is in
     * force and adds the next), so that two saves at once are one after the other.
     */
    default Optional<QuestionEntity> findForUpdate(String id) {
        return find(id);
    }

    /** Stores a new question. */
    void add(QuestionEntity question);

    /** The question's newest configuration version. */
    Optional<QuestionConfigEntity> currentConfig(String questionId);

    /** Every configuration version of the question, oldest first. */
    List<QuestionConfigEntity> versions(String questionId);

    Optional<QuestionConfigEntity> config(long id);

    /** Stores a new configuration version; it has its id on return. */
    void addConfig(QuestionConfigEntity config);
}
