package dev.assay.server.application.gradebook;

import dev.assay.server.application.AuditLog;
import dev.assay.server.application.Users;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.ports.GradebookTargets;
import dev.assay.server.domain.model.GradebookTargetEntity;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.repository.GradebookTargetRepository;
import dev.assay.server.domain.repository.OutboxRepository;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignment scores for gradebooks: the targets an adapter registers (a column and the questions that make it up), and
 * each user's new score on a target to the outbox, in the transaction of the grade that changed it
 * ({@link AssignmentScore} computes it).
 */
@ApplicationScoped
public class Gradebook implements GradebookTargets {
    @Inject
    GradebookTargetRepository targets;

    @Inject
    SubmissionRepository submissions;

    @Inject
    OutboxRepository outbox;

    @Inject
    QuestionCatalog catalog;

    @Inject
    Users users;

    @Override
    @Transactional
    public void register(String target, List<String> questionIds) {
        String ids = String.join(",", questionIds);
        Optional<GradebookTargetEntity> t = targets.find(target);
        if (t.isEmpty()) {
            targets.add(new GradebookTargetEntity(target, ids, AuditLog.now()));
        } else if (!t.get().getQuestionIds().equals(ids)) {
            t.get().setQuestionIds(ids, AuditLog.now());
        }
    }

    /** Adds the user's current score on the submission's target to the outbox; runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(SubmissionEntity s, String userKey, OffsetDateTime at) {
        String target = s.getGradebookTarget();
        Optional<GradebookTargetEntity> t = target == null ? Optional.empty() : targets.find(target);
        if (t.isEmpty()) {
            return;
        }
        List<AssignmentScore.Question> questions = AssignmentScore.Question.of(Arrays.asList(t.get().getQuestionIds().split(",")),
                catalog);
        Map<String, AssignmentScore.InForce> latest = new HashMap<>();
        for (var g : submissions.gradesInForce(s.getUserId(), target)) { // newest first
            latest.putIfAbsent(g.questionId(), new AssignmentScore.InForce(g.score(), g.status(), g.reviewComment()));
        }
        AssignmentScore score = AssignmentScore.of(questions, latest);
        outbox.add(new OutboxEntry(target, userKey, score.given(), score.maximum(), score.complete(), score.awaitingReview(), at,
                score.comment()));
    }

    /**
     * Sends again, once, the scores of the (target, user) pairs listed in {@code gradebook_resend} (schema V8 lists
     * those whose grade in force V6 may have changed: the gradebook still holds what a regrade had sent). Each pair's
     * score as it stands goes to the outbox and its row is deleted, in one transaction: a start after this one finds
     * nothing to send. Runs at start, once the packs (the questions' points) are loaded.
     *
     * @return how many scores were sent again
     */
    @Transactional
    public int resendListed() {
        int sent = 0;
        for (GradebookTargetRepository.Resend pair : targets.toResend()) {
            Optional<SubmissionEntity> latest = submissions.latest(pair.userId(), pair.target());
            if (latest.isPresent()) {
                enqueue(latest.get(), users.platformUserId(pair.userId()), AuditLog.now());
                sent++;
            }
        }
        targets.clearResend();
        return sent;
    }
}
