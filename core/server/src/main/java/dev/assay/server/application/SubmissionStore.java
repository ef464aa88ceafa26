package dev.assay.server.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.json.Json;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.SubmissionFileEntity;
import dev.assay.server.domain.model.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Submissions, their files and their grades, stored together in one transaction. */
@ApplicationScoped
public class SubmissionStore {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @jakarta.inject.Inject
    Gradebook gradebook;

    @jakarta.inject.Inject
    AuditLog audit;

    /** What was stored, with the grade as given (no need to read it back). */
    public record Stored(SubmissionEntity submission, GradeEntity grade, Grade given) {
    }

    @Transactional
    public Stored store(String questionId, String platformUserId, long configId, Answer answer, GradeOutcome outcome) {
        return store(questionId, platformUserId, configId, answer, outcome, null);
    }

    /** Stores the submission and its grade and, with a gradebook target, the user's new score in the outbox: one transaction. */
    @Transactional
    public Stored store(String questionId, String platformUserId, long configId, Answer answer, GradeOutcome outcome,
                        String gradebookTarget) {
        SubmissionEntity s = new SubmissionEntity(questionId, userFor(platformUserId), configId, answer.text(), AuditLog.now(),
                gradebookTarget);
        em.persist(s);
        em.flush();
        for (Attachment a : answer.attachments()) {
            em.persist(new SubmissionFileEntity(s.getId(), a.name(), a.mediaType(), a.content()));
        }
        GradeEntity g = gradeRow(s.getId(), configId, outcome);
        em.persist(g);
        em.flush();
        scoreToGradebook(s, g, platformUserId);
        return new Stored(s, g, outcome.grade());
    }

    @Transactional
    public GradeEntity addGrade(long submissionId, long configId, GradeOutcome outcome) {
        GradeEntity g = gradeRow(submissionId, configId, outcome);
        em.persist(g);
        em.flush();
        scoreToGradebook(em.find(SubmissionEntity.class, submissionId), g, null);
        return g;
    }

    /** A new grade of a submission with a gradebook target: the user's new score to the outbox, in this transaction. */
    private void scoreToGradebook(SubmissionEntity s, GradeEntity g, String platformUserId) {
        if (s.getGradebookTarget() != null) {
            gradebook.enqueue(s, platformUserId != null ? platformUserId
                    : em.find(UserEntity.class, s.getUserId()).getPlatformUserId(), g.getGradedAt());
        }
    }

    private static GradeEntity gradeRow(long submissionId, long configId, GradeOutcome o) {
        Grade grade = o.grade();
        return new GradeEntity(submissionId, configId, grade.status().name(), grade.score(), Json.write(grade.notes()),
                Json.write(grade.feedback()), Json.write(grade.echo()), o.pluginId(), o.pluginVersion(),
                o.duration().toNanos() / 1000, o.seed(), grade.status() == Grade.Status.NEEDS_REVIEW, AuditLog.now());
    }

    /**
     * Platform user id → row id, for users read back from the database (so only committed rows):
     * the mapping never changes, and a submission then needs no lookup query.
     */
    private final Map<String, Long> knownUsers = new ConcurrentHashMap<>();

    private long userFor(String platformUserId) {
        Long known = knownUsers.get(platformUserId);
        if (known != null) {
            return known;
        }
        List<UserEntity> found = em.createQuery("select u from UserEntity u where u.platformUserId = :p", UserEntity.class)
                .setParameter("p", platformUserId).getResultList();
        if (!found.isEmpty()) {
            if (knownUsers.size() < 100_000) {
                knownUsers.put(platformUserId, found.get(0).getId());
            }
            return found.get(0).getId();
        }
        UserEntity u = new UserEntity(platformUserId, AuditLog.now());
        em.persist(u);
        em.flush();
        return u.getId();
    }

    @Transactional
    public Optional<SubmissionEntity> submission(long id) {
        return Optional.ofNullable(em.find(SubmissionEntity.class, id));
    }

    @Transactional
    public String platformUserId(long userId) {
        return em.find(UserEntity.class, userId).getPlatformUserId();
    }

    @Transactional
    public List<SubmissionFileEntity> files(long submissionId) {
        return em.createQuery("select f from SubmissionFileEntity f where f.submissionId = :s order by f.id",
                SubmissionFileEntity.class).setParameter("s", submissionId).getResultList();
    }

    /** The answer as it was submitted, files included: what a regrade grades. */
    @Transactional
    public Answer answer(SubmissionEntity s) {
        List<Attachment> attachments = new ArrayList<>();
        for (SubmissionFileEntity f : files(s.getId())) {
            attachments.add(new Attachment(f.getName(), f.getMediaType(), f.getContent()));
        }
        return new Answer(s.getAnswerText(), attachments);
    }

    @Transactional
    public List<GradeEntity> grades(long submissionId) {
        return em.createQuery("select g from GradeEntity g where g.submissionId = :s order by g.id", GradeEntity.class)
                .setParameter("s", submissionId).getResultList();
    }

    @Transactional
    public List<SubmissionEntity> submissions(String questionId, String platformUserId) {
        return em.createQuery("select s from SubmissionEntity s, UserEntity u where s.userId = u.id "
                        + "and s.questionId = :q and u.platformUserId = :p order by s.id", SubmissionEntity.class)
                .setParameter("q", questionId).setParameter("p", platformUserId).getResultList();
    }

    /** A user's submissions to any of these questions, oldest first: one query for a whole assignment. */
    @Transactional
    public List<SubmissionEntity> submissions(java.util.Collection<String> questionIds, String platformUserId) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from SubmissionEntity s, UserEntity u where s.userId = u.id "
                        + "and s.questionId in :q and u.platformUserId = :p order by s.id", SubmissionEntity.class)
                .setParameter("q", List.copyOf(questionIds)).setParameter("p", platformUserId).getResultList();
    }

    /**
     * Submissions to these questions whose latest grade was not given with the question's current configuration, or
     * is an ERROR (a plugin that failed or timed out), after {@code afterId}, in id order: what a regrade still has to
     * do (so a restarted regrade resumes).
     */
    @Transactional
    public List<Long> needingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId, int limit) {
        if (currentConfigByQuestion.isEmpty()) {
            return List.of();
        }
        var query = em.createQuery("select s.id, s.questionId, g.configId, g.status from SubmissionEntity s, GradeEntity g "
                        + "where g.submissionId = s.id and s.questionId in :q and s.id > :after"
                        + (gradebookTarget == null ? "" : " and s.gradebookTarget = :t") + " and g.id = "
                        + "(select max(g2.id) from GradeEntity g2 where g2.submissionId = s.id) order by s.id", Object[].class)
                .setParameter("q", List.copyOf(currentConfigByQuestion.keySet())).setParameter("after", afterId);
        if (gradebookTarget != null) {
            query.setParameter("t", gradebookTarget);
        }
        List<Object[]> rows = query.getResultList();
        List<Long> ids = new ArrayList<>();
        for (Object[] r : rows) {
            boolean outdated = !currentConfigByQuestion.get((String) r[1]).equals(((Number) r[2]).longValue());
            if (outdated || "ERROR".equals(r[3])) {
                ids.add(((Number) r[0]).longValue());
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        return ids;
    }

    /**
     * The review queue: submissions whose latest grade asks for an instructor (NEEDS_REVIEW), oldest first,
     * optionally of one pack's questions.
     */
    @Transactional
    public List<SubmissionEntity> needingReview(String packId, int limit) {
        return needingReview(packId, null, limit);
    }

    /** The review queue of one gradebook target (an LTI link's answers, for its instructor), or of a pack. */
    @Transactional
    public List<SubmissionEntity> needingReview(String packId, String gradebookTarget, int limit) {
        String pack = (packId == null ? "" : " and s.questionId like :pack")
                + (gradebookTarget == null ? "" : " and s.gradebookTarget = :target");
        var q = em.createQuery("select s from SubmissionEntity s, GradeEntity g where g.submissionId = s.id and g.needsReview = true"
                + pack + " and g.id = (select max(g2.id) from GradeEntity g2 where g2.submissionId = s.id) order by s.id",
                SubmissionEntity.class);
        if (packId != null) {
            q.setParameter("pack", packId.replace("%", "").replace("_", "\\_") + "/%");
        }
        if (gradebookTarget != null) {
            q.setParameter("target", gradebookTarget);
        }
        return q.setMaxResults(limit).getResultList();
    }

    /**
     * An instructor's grade after review: a new grade (the plugin's stays in the history) with the given score,
     * the plugin's feedback and echo kept, and the instructor's comment on top. Its gradebook score follows.
     */
    @Transactional
    public GradeEntity review(long submissionId, double score, String comment, String reviewer) {
        List<GradeEntity> history = grades(submissionId);
        if (history.isEmpty()) {
            throw AssayException.notFound("No submission " + submissionId + ".");
        }
        GradeEntity last = history.get(history.size() - 1);
        Grade previous = toGrade(last);
        List<String> notes = new ArrayList<>(previous.notes());
        notes.remove("NEEDS_REVIEW");
        notes.add("REVIEWED");
        List<FeedbackBlock> feedback = new ArrayList<>();
        if (comment != null && !comment.isBlank()) {
            feedback.add(new FeedbackBlock(FeedbackBlock.Kind.DIAGNOSIS, "From your instructor", comment, null));
        }
        feedback.addAll(previous.feedback());
        GradeEntity g = new GradeEntity(submissionId, last.getConfigId(), Grade.Status.GRADED.name(), score, Json.write(notes),
                Json.write(feedback), Json.write(previous.echo()), "instructor", reviewer, 0, last.getSeed(), false, AuditLog.now());
        em.persist(g);
        em.flush();
        audit.record(reviewer, "REVIEW", "submission", String.valueOf(submissionId), "score " + score);
        scoreToGradebook(em.find(SubmissionEntity.class, submissionId), g, null);
        return g;
    }

    /** A stored grade read back as the SPI's value. */
    public static Grade toGrade(GradeEntity g) {
        try {
            List<String> notes = Json.json().readValue(g.getNotesJson(), new TypeReference<List<String>>() { });
            List<FeedbackBlock> feedback = Json.json().readValue(g.getFeedbackJson(), new TypeReference<List<FeedbackBlock>>() { });
            Echo echo = Json.json().readValue(g.getEchoJson(), Echo.class);
            return new Grade(Grade.Status.valueOf(g.getStatus()), g.getScore(), notes, feedback, echo);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored grade " + g.getId() + " does not read: " + e.getMessage(), e);
        }
    }
}
