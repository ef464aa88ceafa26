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

    /** Regrades not ended whose runner is not {@code runner} (a process that stopped or died), oldest first. */
    List<RegradeEntity> unfinishedOfOtherRunners(String runner);

    /** Makes {@code runner} a regrade's runner if {@code previousRunner} still is; whether it did. */
    boolean claim(long id, String previousRunner, String runner);

    /** The highest submission id among the regrade's grades, 0 without any. */
    long lastGradedSubmission(long regradeId);

    /** Of these submissions, those the regrade has given a grade. */
    Set<Long> gradedBy(long regradeId, Collection<Long> submissionIds);

    /** How many distinct submissions each regrade's grades name. */
    Map<Long, Long> gradedCounts(Collection<Long> regradeIds);
}
