package dev.assay.server.application;

import dev.assay.server.application.ports.GradebookTargets;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.GradebookTargetEntity;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignment scores for gradebooks. The score of a user on a target is the sum over the assignment's
 * questions of the grade in force of their latest submission there (an instructor's if there is one), times the
 * question's points; the maximum is the sum of the points. A grade needing review, an error, or a stored grade
 * that cannot be read makes the score await review (provisional). The instructors' review comments in force go
 * with the score.
 */
@ApplicationScoped
public class Gradebook implements GradebookTargets {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    QuestionCatalog catalog;

    @Override
    @Transactional
    public void register(String target, List<String> questionIds) {
        String ids = String.join(",", questionIds);
        GradebookTargetEntity t = em.find(GradebookTargetEntity.class, target);
        if (t == null) {
            em.persist(new GradebookTargetEntity(target, ids, AuditLog.now()));
        } else if (!t.getQuestionIds().equals(ids)) {
            t.setQuestionIds(ids, AuditLog.now());
        }
    }

    /** Adds the user's current score on the submission's target to the outbox; runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(SubmissionEntity s, String userKey, OffsetDateTime at) {
        String target = s.getGradebookTarget();
        GradebookTargetEntity t = target == null ? null : em.find(GradebookTargetEntity.class, target);
        if (t == null) {
            return;
        }
        List<String> questions = Arrays.asList(t.getQuestionIds().split(","));
        List<Object[]> rows = em.createQuery("select s.questionId, g.score, g.status, g.reviewComment from SubmissionEntity s, "
                        + "GradeEntity g where g.id = s.gradeInForceId and s.userId = :u and s.gradebookTarget = :t order by s.id desc",
                        Object[].class)
                .setParameter("u", s.getUserId()).setParameter("t", target).getResultList();
        Map<String, Object[]> latest = new LinkedHashMap<>();
        for (Object[] r : rows) {
            latest.putIfAbsent((String) r[0], r);
        }
        double given = 0;
        double maximum = 0;
        boolean pending = false;
        List<ReviewComment> comments = new ArrayList<>();
        for (String q : questions) {
            Optional<QuestionCatalog.Entry> question = catalog.question(q);
            double points = question.map(e -> e.question().def().points()).orElse(0.0);
            maximum += points;
            Object[] r = latest.get(q);
            if (r != null) {
                double score = ((Number) r[1]).doubleValue();
                boolean readable = GradeEntity.isReadableScore(score);
                given += readable ? points * score : 0;
                String status = (String) r[2];
                pending |= !readable || status.equals("NEEDS_REVIEW") || status.equals("ERROR");
                if (r[3] != null) {
                    comments.add(new ReviewComment(question.map(e -> e.question().def().title()).orElse(q), (String) r[3]));
                }
            }
        }
        boolean all = latest.keySet().containsAll(questions);
        em.persist(new OutboxEntry(target, userKey, Math.round(given * 1e6) / 1e6, maximum, all, pending, at, comment(comments, questions.size())));
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
        @SuppressWarnings("unchecked")
        List<Object[]> pairs = em.createNativeQuery("select target, user_id from gradebook_resend").getResultList();
        int sent = 0;
        for (Object[] pair : pairs) {
            String target = (String) pair[0];
            long userId = ((Number) pair[1]).longValue();
            Optional<SubmissionEntity> latest = em.createQuery("select s from SubmissionEntity s where s.userId = :u "
                            + "and s.gradebookTarget = :t order by s.id desc", SubmissionEntity.class)
                    .setParameter("u", userId).setParameter("t", target).setMaxResults(1).getResultStream().findFirst();
            if (latest.isPresent()) {
                enqueue(latest.get(), em.find(UserEntity.class, userId).getPlatformUserId(), AuditLog.now());
                sent++;
            }
        }
        em.createNativeQuery("delete from gradebook_resend").executeUpdate();
        return sent;
    }

    /**
     * The AGS comment: the instructor's comments in force, in the assignment's order; each prefixed by its question's
     * title when the assignment has several questions. Null when there is none.
     */
    static String comment(List<ReviewComment> comments, int questions) {
        if (comments.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (ReviewComment c : comments) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(questions > 1 ? c.questionTitle() + ": " : "").append(c.text().strip());
        }
        return sb.toString();
    }

    /** An instructor's comment in force on one question. */
    record ReviewComment(String questionTitle, String text) {
    }
}
