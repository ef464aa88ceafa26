package dev.assay.server.application.api;

import dev.assay.api.Echo;
import dev.assay.engine.json.Json;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.analytics.QuestionAnalysis;
import dev.assay.server.application.submissions.ReviewRule;
import dev.assay.server.application.submissions.SubmissionStore;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An instructor's review: the queue of answers whose grade asks for one (essay-rubric's low-confidence cases, say),
 * the answers a regrade has graded differently since their review, and the review itself, whose points
 * {@link ReviewRule} checks for every client. Each list can be of one pack's questions and/or of one gradebook target's
 * answers (an LMS activity, for its instructor).
 */
@ApplicationScoped
public class Reviews {
    /** How many reviewed answers the "changed" list looks at per read. */
    private static final int PAGE = 500;

    @Inject
    SubmissionRepository submissions;

    @Inject
    SubmissionStore store;

    @Inject
    SubmissionViews views;

    /** Answers whose grade in force asks for an instructor, oldest first, with their histories. */
    @Transactional
    public List<SubmissionHistory> waiting(Optional<String> packId, Optional<String> gradebookTarget, int limit) {
        return views.histories(submissions.waitingForReview(packId.orElse(null), gradebookTarget.orElse(null), limit));
    }

    /** The most answers of a pack one read of an assignment's queue looks at. */
    private static final int PACK_QUEUE = 2_000;

    /**
     * Answers to the assignment's questions whose grade in force asks for an instructor, oldest first: the queue an
     * instructor of that assignment sees (a workspace token of one assignment reaches no other's answers), of one
     * gradebook target's answers (an LMS activity's) or of all with empty.
     */
    @Transactional
    public List<SubmissionHistory> waitingIn(Assignment assignment, Optional<String> target, int limit) {
        java.util.Set<String> questions = java.util.Set.copyOf(assignment.questions());
        return views.histories(submissions.waitingForReview(assignment.pack(), target.orElse(null), PACK_QUEUE).stream()
                .filter(s -> questions.contains(s.getQuestionId())).limit(limit).toList());
    }

    /**
     * {@link #review} of an answer to one of the assignment's questions, given through {@code target} when one is given;
     * any other answer is not found.
     */
    public SubmissionHistory reviewIn(Assignment assignment, Optional<String> target, long submissionId, double points,
                                      String comment, String reviewer) {
        submissions.find(submissionId).filter(s -> assignment.questions().contains(s.getQuestionId()))
                .orElseThrow(() -> AssayException.notFound("No submission " + submissionId + " to a question of assignment "
                        + assignment.id() + "."));
        return review(submissionId, points, comment, reviewer, target);
    }

    /**
     * Reviewed answers whose plugin has since given a different grade (a regrade under a changed configuration),
     * oldest first: the instructor's grade stands, and this list is where they look again. Reviewing again takes an
     * answer off it.
     */
    @Transactional
    public List<SubmissionHistory> changedSinceReview(Optional<String> packId, Optional<String> gradebookTarget, int limit) {
        List<SubmissionEntity> changed = new ArrayList<>();
        long after = 0;
        while (changed.size() < limit) {
            // Reviewed and regraded since, a page at a time; whether the grades differ is the review rule's to say.
            List<SubmissionRepository.ReviewedThenRegraded> page = submissions.reviewedThenRegraded(packId.orElse(null),
                    gradebookTarget.orElse(null), after, PAGE);
            for (SubmissionRepository.ReviewedThenRegraded row : page) {
                after = row.submission().getId();
                if (changed.size() < limit && ReviewRule.pluginDiffers(row.pluginScore(), row.reviewScore())) {
                    changed.add(row.submission());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return views.histories(changed);
    }

    /**
     * An instructor's grade for an answer, in points out of the question's (a finite number from 0 to them, else
     * INVALID naming the range), with a comment for the student: in force from now on, through regrades; the student's
     * score follows to the gradebook, with the comment.
     *
     * @param onlyTarget when given, the answer must have come through this gradebook target (an instructor of one LMS
     *                   activity sees only its answers): any other is not found
     */
    public SubmissionHistory review(long submissionId, double points, String comment, String reviewer, Optional<String> onlyTarget) {
        if (onlyTarget.isPresent()) {
            inTarget(submissionId, onlyTarget.get());
        }
        store.review(submissionId, points, comment, reviewer);
        return history(submissionId);
    }

    private SubmissionHistory history(long submissionId) {
        return views.histories(List.of(submissions.find(submissionId).orElseThrow())).get(0);
    }

    private void inTarget(long submissionId, String gradebookTarget) {
        submissions.find(submissionId).filter(s -> gradebookTarget.equals(s.getGradebookTarget()))
                .orElseThrow(() -> AssayException.notFound("No submission " + submissionId + " in this activity."));
    }

    /**
     * Of one gradebook target's reviewed answers (of any target's, with null), those the regrade {@code regradeId} graded again after the review, as
     * they stand now: the instructor's grade stood through it for each; {@code differ} counts those the plugin now
     * grades differently.
     */
    @Transactional
    public ReviewsKept keptThrough(String gradebookTarget, long regradeId) {
        List<SubmissionRepository.ReviewedThenRegraded> rows = submissions.reviewedThenRegradedBy(gradebookTarget, regradeId);
        return new ReviewsKept(rows.size(), rows.stream().filter(r -> ReviewRule.pluginDiffers(r.pluginScore(), r.reviewScore()))
                .count());
    }

    /** The most answers one review of an answer group may review. */
    public static final int MAX_GROUP = 10_000;

    /**
     * An instructor's grade for every answer of one answer group of a question, as the analytics count them: the
     * submissions whose grade in force has this echo and, where the plugin echoed nothing, this answer text. Each is
     * reviewed as {@link #review} reviews one (the same rule on the points, a review entry in its history, its
     * gradebook score to the outbox), all in one transaction: all are reviewed, or none.
     *
     * @param target     the gradebook target whose answers to review (an LMS activity's instructor reviews only those), or
     *                   empty for every answer of the group
     * @param answerText the group's answer text; needed (and only used) when the echo is empty
     * @return how many answers were reviewed; NOT_FOUND when no answer's grade in force is of this group
     */
    @Transactional
    public GroupReviewed reviewGroup(String questionId, Optional<String> target, Echo echo, String answerText, double points,
                                     String comment, String reviewer) {
        String echoJson = Json.write(echo == null ? Echo.NONE : echo);
        boolean byAnswerText = echoJson.equals(QuestionAnalysis.EMPTY_ECHO);
        if (byAnswerText && answerText == null) {
            throw new AssayException(AssayException.Kind.INVALID, "The plugin echoes nothing for the answers of this group, so "
                    + "they are grouped by their text: give it as 'answer'.",
                    List.of(new AssayException.Problem("answer", "must be given when the echo is empty")));
        }
        List<Long> group = submissions.inForceAlike(questionId, target.orElse(null), echoJson,
                byAnswerText ? answerText : null);
        if (group.isEmpty()) {
            throw AssayException.notFound("No answer to " + questionId + " has a grade in force with this echo"
                    + (byAnswerText ? " and answer text" : "") + ": look at the question's analytics for its answer groups.");
        }
        if (group.size() > MAX_GROUP) {
            throw new AssayException(AssayException.Kind.TOO_LARGE, "This answer group has " + group.size()
                    + " answers; one review of a group reviews at most " + MAX_GROUP + ".");
        }
        for (long id : group) {
            store.review(id, points, comment, reviewer);
        }
        return new GroupReviewed(questionId, group.size());
    }
}
