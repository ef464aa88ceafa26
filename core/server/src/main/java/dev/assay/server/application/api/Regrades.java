package dev.assay.server.application.api;

import dev.assay.api.Grade;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.ConfigVersions;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.application.regrade.RegradeImpact;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.domain.model.RegradeEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Regrades of an assignment's answers whose latest plugin grade predates their question's current configuration (or
 * is an error), as batch jobs that survive restarts: of the whole assignment, or of one gradebook target's answers (an
 * LMS activity, for its instructor). One runs per assignment at a time.
 */
@ApplicationScoped
public class Regrades {
    @Inject
    Assignments assignments;

    @Inject
    RegradeRecords records;

    @Inject
    QuestionCatalog catalog;

    @Inject
    GradingService grading;

    @Inject
    ConfigVersions configs;

    /** How many answers a dry run grades unless asked otherwise. */
    public static final int PREVIEW_LIMIT = 10_000;

    /** The most answers one dry run may be asked to grade. */
    public static final int MAX_PREVIEW_LIMIT = 50_000;

    /**
     * A dry run of a regrade of the whole assignment: grades each answer the regrade would grade (those whose plugin
     * grade predates their question's current configuration, or is an error) through the engine, under its time limits,
     * and stores nothing; answers how each student's assignment score would change (a review stays in force).
     *
     * @param limit the most answers to grade, 1 to {@value #MAX_PREVIEW_LIMIT} (else INVALID); when the regrade would
     *              grade more, TOO_LARGE saying how to go on, before anything is graded
     * @param target the gradebook target whose answers the regrade would grade (as {@link #start}), or empty for all
     */
    public RegradePreview preview(long assignmentId, int limit, Optional<String> target) {
        if (limit < 1 || limit > MAX_PREVIEW_LIMIT) {
            throw new AssayException(AssayException.Kind.INVALID, "Give a limit from 1 to " + MAX_PREVIEW_LIMIT
                    + " answers for the dry run; " + limit + " is not.",
                    List.of(new AssayException.Problem("limit", "must be from 1 to " + MAX_PREVIEW_LIMIT)));
        }
        Assignment a = assignments.get(assignmentId);
        Map<String, Long> current = new LinkedHashMap<>();
        for (String q : a.questions()) {
            catalog.question(q).ifPresent(entry -> current.put(q, entry.configId()));
        }
        List<AssignmentScore.Question> questions = AssignmentScore.Question.of(a.questions(), catalog);
        List<Long> toGrade = records.needingRegrade(current, target.orElse(null), 0, limit + 1);
        if (toGrade.size() > limit) {
            throw new AssayException(AssayException.Kind.TOO_LARGE, "A regrade of assignment " + assignmentId + " would grade more"
                    + " than " + limit + " answers, more than this dry run may grade. Ask with a higher limit (at most "
                    + MAX_PREVIEW_LIMIT + "), or start the regrade itself.",
                    List.of(new AssayException.Problem("limit", "the regrade would grade more than " + limit + " answers")));
        }
        Map<Long, Grade> regraded = new LinkedHashMap<>();
        for (long id : toGrade) {
            regraded.put(id, grading.regradePreview(id).grade());
        }
        List<SubmissionRepository.LatestInForce> latest = records.latestInForce(current.keySet(), target.orElse(null));
        // What each question was worth with the version its grade in force was given with: a points change shows here.
        Map<Long, Double> pointsThen = new HashMap<>();
        latest.stream().map(SubmissionRepository.LatestInForce::configId).filter(Objects::nonNull).distinct()
                .forEach(id -> configs.byId(id).ifPresent(c -> pointsThen.put(id, configs.shownWith(List.of(c)).get(0).points())));
        return RegradeImpact.of(assignmentId, questions, latest, regraded, pointsThen);
    }

    /**
     * Starts a regrade; CONFLICT naming the running one while another of the assignment runs.
     *
     * @param target      the gradebook target whose answers to regrade, or empty for all the assignment's
     * @param requestedBy who asked (kept with the regrade)
     */
    public RegradeStatus start(long assignmentId, Optional<String> target, String requestedBy) {
        assignments.get(assignmentId);
        long id = records.record(assignmentId, target.orElse(null), requestedBy);
        return status(id).orElseThrow();
    }

    /** An assignment's regrades (of one target, when given), newest first; not found when there is no such assignment. */
    public List<RegradeStatus> list(long assignmentId, Optional<String> target) {
        assignments.get(assignmentId);
        return records.of(assignmentId, target).stream().map(Regrades::of).toList();
    }

    public Optional<RegradeStatus> status(long regradeId) {
        return records.find(regradeId).map(Regrades::of);
    }

    /** The regrade, if it is of this assignment; else not found. */
    public RegradeStatus status(long assignmentId, long regradeId) {
        return status(regradeId).filter(s -> s.assignmentId() == assignmentId)
                .orElseThrow(() -> AssayException.notFound("No regrade " + regradeId + " of assignment " + assignmentId + "."));
    }

    private static RegradeStatus of(RegradeRecords.Counted c) {
        RegradeEntity r = c.regrade();
        return new RegradeStatus(r.getId(), r.getAssignmentId(), r.getTarget(), RegradeStatus.State.valueOf(r.getState().name()),
                r.getError(), c.regraded(), r.getRequestedBy(), r.getRequestedAt(), r.getStartedAt(), r.getEndedAt(), r.getRuns(),
                r.getToRegrade());
    }
}
