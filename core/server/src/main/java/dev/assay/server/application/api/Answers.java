package dev.assay.server.application.api;

import dev.assay.api.Answer;
import dev.assay.api.Validation;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.application.submissions.SubmissionStore;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Answers: validate one (a live preview: nothing is stored), submit one (graded, then stored with its grade, and the
 * user's assignment score to the gradebook when it came through one), read them back with their grades, regrade one.
 */
@ApplicationScoped
public class Answers {
    @Inject
    GradingService grading;

    @Inject
    SubmissionRepository submissions;

    @Inject
    SubmissionViews views;

    /** How the question's plugin reads the answer, and whether it would be graded; nothing is stored. */
    public Validation validate(String questionId, Answer answer) {
        return grading.validate(questionId, answer);
    }

    /**
     * Grades and stores. An over-size answer is refused before anything is stored (TOO_LARGE).
     *
     * @param user            the platform's id of the student
     * @param gradebookTarget where the user's assignment score goes with the grade (an LMS activity), if anywhere
     */
    public Submitted submit(String questionId, String user, Answer answer, Optional<String> gradebookTarget) {
        SubmissionStore.Stored stored = grading.submit(questionId, user, answer, gradebookTarget.orElse(null));
        return submitted(stored);
    }

    private Submitted submitted(SubmissionStore.Stored stored) {
        // Built from what was just stored: reading the user, the files and the version back cost three queries a submission.
        SubmissionEntity s = stored.submission();
        SubmissionViews.Reading r = views.reading().knownUser(s.getUserId(), stored.platformUserId()).knownVersion(s.getQuestionId());
        return new Submitted(r.submission(s, stored.files()),
                r.grade(stored.grade(), stored.given(), views.points(s.getQuestionId())));
    }

    /** A submission with its grade history; not found when there is none. */
    @Transactional
    public SubmissionHistory history(long submissionId) {
        return views.histories(List.of(find(submissionId))).get(0);
    }

    /**
     * A user's submissions to a question, oldest first, with their histories: those given through one gradebook
     * target (an LMS activity, for its instructor), or all with empty.
     */
    @Transactional
    public List<SubmissionHistory> histories(String questionId, String user, java.util.Optional<String> target) {
        return views.histories(submissions.byUser(List.of(questionId), user, target.orElse(null)));
    }

    /** A user's submissions to any of these questions, oldest first, each with its grade in force: one read. */
    @Transactional
    public List<Attempt> attempts(List<String> questionIds, String user) {
        return views.attempts(submissions.byUser(questionIds, user));
    }

    /** Grades a submission again with its question's current configuration; the history grows. */
    public SubmissionHistory regrade(long submissionId) {
        grading.regrade(submissionId);
        return history(submissionId);
    }

    private SubmissionEntity find(long submissionId) {
        return submissions.find(submissionId).orElseThrow(() -> AssayException.notFound("No submission " + submissionId + "."));
    }
}
