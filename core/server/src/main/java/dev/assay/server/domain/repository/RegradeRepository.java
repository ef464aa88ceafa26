package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.RegradeEntity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Batch regrades, and what each did as read from the grades that carry its id. */
public interface RegradeRepository {
    /** Stores a new regrade; it has its id on return. */
    void add(RegradeEntity regrade);

    Optional<RegradeEntity> find(long id);

    /** The regrade of the assignment that runs now, if any. */
    Optional<RegradeEntity> running(long assignmentId);

    /** An assignment's regrades (of one target, when given), newest first. */
    List<RegradeEntity> of(long assignmentId, Optional<String> target, int limit);

    /** The regrade, its row locked until the transaction ends (its planning and its end take turns on it). */
    Optional<RegradeEntity> findForUpdate(long id);

    /** The ids of regrades not ended whose work items are not written yet, oldest first. */
    List<Long> unplanned();

    /** Of these submissions, those the regrade has given a grade. */
    Set<Long> gradedBy(long regradeId, Collection<Long> submissionIds);

    /** How many distinct submissions each regrade's grades name. */
    Map<Long, Long> gradedCounts(Collection<Long> regradeIds);
}
