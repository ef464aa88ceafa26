package dev.assay.server.application;

import dev.assay.server.application.ports.GradebookTargets;
import dev.assay.server.domain.model.GradebookTargetEntity;
import dev.assay.server.domain.model.OutboxEntry;
import dev.assay.server.domain.model.SubmissionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assignment scores for gradebooks. The score of a user on a target is the sum over the assignment's
 * questions of the latest grade of their latest submission there, times the question's points; the maximum
 * is the sum of the points. A grade needing review, or an error, makes the grading progress PendingManual.
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
        List<Object[]> rows = em.createQuery("select s.questionId, g.score, g.status from GradeEntity g, SubmissionEntity s "
                        + "where g.submissionId = s.id and s.userId = :u and s.gradebookTarget = :t order by s.id desc, g.id desc",
                        Object[].class)
                .setParameter("u", s.getUserId()).setParameter("t", target).getResultList();
        Map<String, Object[]> latest = new LinkedHashMap<>();
        for (Object[] r : rows) {
            latest.putIfAbsent((String) r[0], r);
        }
        double given = 0;
        double maximum = 0;
        boolean pending = false;
        for (String q : questions) {
            double points = catalog.question(q).map(e -> e.question().def().points()).orElse(0.0);
            maximum += points;
            Object[] r = latest.get(q);
            if (r != null) {
                given += points * ((Number) r[1]).doubleValue();
                String status = (String) r[2];
                pending |= status.equals("NEEDS_REVIEW") || status.equals("ERROR");
            }
        }
        boolean all = latest.keySet().containsAll(questions);
        em.persist(new OutboxEntry(target, userKey, Math.round(given * 1e6) / 1e6, maximum, all ? "Completed" : "InProgress",
                pending ? "PendingManual" : "FullyGraded", at));
    }
}
