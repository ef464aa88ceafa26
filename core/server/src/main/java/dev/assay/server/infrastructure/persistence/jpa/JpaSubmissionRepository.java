package dev.assay.server.infrastructure.persistence.jpa;

import dev.assay.api.Grade;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.SubmissionFileEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaSubmissionRepository implements SubmissionRepository {
    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<SubmissionEntity> find(long id) {
        return Optional.ofNullable(em.find(SubmissionEntity.class, id));
    }

    @Override
    public Optional<SubmissionEntity> lock(long id) {
        return Optional.ofNullable(em.find(SubmissionEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Map<Long, SubmissionEntity> find(Collection<Long> ids) {
        return byId(ids, null);
    }

    @Override
    public Map<Long, SubmissionEntity> lock(Collection<Long> ids) {
        return byId(ids, LockModeType.PESSIMISTIC_WRITE);
    }

    private Map<Long, SubmissionEntity> byId(Collection<Long> ids, LockModeType lock) {
        Map<Long, SubmissionEntity> byId = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        var q = em.createQuery("select s from SubmissionEntity s where s.id in :ids order by s.id", SubmissionEntity.class)
                .setParameter("ids", List.copyOf(ids));
        if (lock != null) {
            q.setLockMode(lock);
        }
        q.getResultList().forEach(s -> byId.put(s.getId(), s));
        return byId;
    }

    @Override
    public void addGradeUnflushed(GradeEntity grade) {
        em.persist(grade);
    }

    @Override
    public void flush() {
        em.flush();
    }

    @Override
    public void add(SubmissionEntity submission) {
        em.persist(submission);
        em.flush();
    }

    @Override
    public void addFile(SubmissionFileEntity file) {
        em.persist(file);
    }

    @Override
    public List<SubmissionFileEntity> files(long submissionId) {
        return em.createQuery("select f from SubmissionFileEntity f where f.submissionId = :s order by f.id",
                SubmissionFileEntity.class).setParameter("s", submissionId).getResultList();
    }

    @Override
    public Map<Long, List<SubmissionFileEntity>> files(Collection<Long> submissionIds) {
        Map<Long, List<SubmissionFileEntity>> bySubmission = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return bySubmission;
        }
        em.createQuery("select f from SubmissionFileEntity f where f.submissionId in :s order by f.id", SubmissionFileEntity.class)
                .setParameter("s", List.copyOf(submissionIds)).getResultList()
                .forEach(f -> bySubmission.computeIfAbsent(f.getSubmissionId(), k -> new java.util.ArrayList<>()).add(f));
        return bySubmission;
    }

    @Override
    public void addGrade(GradeEntity grade) {
        em.persist(grade);
        em.flush();
    }

    @Override
    public Optional<GradeEntity> grade(long id) {
        return Optional.ofNullable(em.find(GradeEntity.class, id));
    }

    @Override
    public Map<Long, GradeEntity> grades(Collection<Long> ids) {
        Map<Long, GradeEntity> byId = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select g from GradeEntity g where g.id in :ids", GradeEntity.class)
                    .setParameter("ids", List.copyOf(ids)).getResultList().forEach(g -> byId.put(g.getId(), g));
        }
        return byId;
    }

    @Override
    public List<GradeEntity> history(long submissionId) {
        return em.createQuery("select g from GradeEntity g where g.submissionId = :s order by g.id", GradeEntity.class)
                .setParameter("s", submissionId).getResultList();
    }

    @Override
    public List<SubmissionEntity> byUser(Collection<String> questionIds, String platformUserId) {
        return byUser(questionIds, platformUserId, null);
    }

    @Override
    public List<SubmissionEntity> byUser(Collection<String> questionIds, String platformUserId, String gradebookTarget) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        return withWhere(em.createQuery("select s from SubmissionEntity s, UserEntity u where s.userId = u.id "
                        + "and s.questionId in :q and u.platformUserId = :p" + where(null, gradebookTarget) + " order by s.id",
                        SubmissionEntity.class), null, gradebookTarget)
                .setParameter("q", List.copyOf(questionIds)).setParameter("p", platformUserId).getResultList();
    }

    @Override
    public List<PluginGrade> pluginGradesNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget,
                                                        long afterId, int limit) {
        if (currentConfigByQuestion.isEmpty()) {
            return List.of();
        }
        return needingRegrade("s.id, s.questionId, g.configId, g.status", " order by s.id", currentConfigByQuestion,
                gradebookTarget, afterId, Object[].class).setMaxResults(limit).getResultList().stream()
                .map(r -> new PluginGrade(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                        (Grade.Status) r[3])).toList();
    }

    @Override
    public Optional<Long> nthNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId, int n) {
        if (currentConfigByQuestion.isEmpty()) {
            return Optional.empty();
        }
        return needingRegrade("s.id", " order by s.id", currentConfigByQuestion, gradebookTarget, afterId, Long.class)
                .setFirstResult(n - 1).setMaxResults(1).getResultList().stream().findFirst();
    }

    @Override
    public long countNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId) {
        if (currentConfigByQuestion.isEmpty()) {
            return 0;
        }
        return needingRegrade("count(s)", "", currentConfigByQuestion, gradebookTarget, afterId, Long.class).getSingleResult();
    }

    /**
     * Submissions after {@code afterId} whose latest plugin grade was not given with their question's current
     * configuration, or is an ERROR. A configuration id names one question's version (question_config's key), and a
     * submission's grades are given with its own question's versions: so "not one of the current ids" is "not its
     * question's current one".
     */
    private <T> TypedQuery<T> needingRegrade(String select, String order, Map<String, Long> currentConfigByQuestion,
                                             String gradebookTarget, long afterId, Class<T> type) {
        TypedQuery<T> query = em.createQuery("select " + select + " from SubmissionEntity s, GradeEntity g "
                        + "where g.id = s.pluginGradeId and s.questionId in :q and s.id > :after"
                        + (gradebookTarget == null ? "" : " and s.gradebookTarget = :t")
                        + " and (g.configId not in :current or g.status = :error)" + order, type)
                .setParameter("q", List.copyOf(currentConfigByQuestion.keySet()))
                .setParameter("current", List.copyOf(currentConfigByQuestion.values()))
                .setParameter("error", Grade.Status.ERROR)
                .setParameter("after", afterId);
        if (gradebookTarget != null) {
            query.setParameter("t", gradebookTarget);
        }
        return query;
    }

    @Override
    public List<SubmissionEntity> waitingForReview(String packId, String gradebookTarget, int limit) {
        var q = em.createQuery("select s from SubmissionEntity s, GradeEntity g where g.id = s.gradeInForceId and g.needsReview = true"
                + where(packId, gradebookTarget) + " order by s.id", SubmissionEntity.class);
        return withWhere(q, packId, gradebookTarget).setMaxResults(limit).getResultList();
    }

    /**
     * JPQL over a submission {@code s}, its grade in force {@code r} and its latest plugin grade {@code p}: an
     * instructor's grade in force, and a plugin grade given after it.
     */
    private static final String REGRADED_AFTER_REVIEW = "r.id = s.gradeInForceId and p.id = s.pluginGradeId and p.id > r.id";

    @Override
    public List<ReviewedThenRegraded> reviewedThenRegraded(String packId, String gradebookTarget, long afterId, int limit) {
        return reviewedThenRegraded(withWhere(em.createQuery("select s, r.score, p.score from SubmissionEntity s, GradeEntity r, "
                        + "GradeEntity p where " + REGRADED_AFTER_REVIEW + " and s.id > :after" + where(packId, gradebookTarget)
                        + " order by s.id", Object[].class), packId, gradebookTarget)
                .setParameter("after", afterId).setMaxResults(limit));
    }

    @Override
    public List<ReviewedThenRegraded> reviewedThenRegradedBy(String gradebookTarget, long regradeId) {
        return reviewedThenRegraded(withWhere(em.createQuery("select s, r.score, p.score from SubmissionEntity s, GradeEntity r, "
                        + "GradeEntity p where " + REGRADED_AFTER_REVIEW + " and p.regradeId = :regrade" + where(null, gradebookTarget)
                        + " order by s.id", Object[].class), null, gradebookTarget).setParameter("regrade", regradeId));
    }

    private static List<ReviewedThenRegraded> reviewedThenRegraded(TypedQuery<Object[]> query) {
        return query.getResultList().stream().map(r -> new ReviewedThenRegraded((SubmissionEntity) r[0],
                ((Number) r[1]).doubleValue(), ((Number) r[2]).doubleValue())).toList();
    }

    @Override
    public List<InForce> gradesInForce(long userId, String gradebookTarget) {
        return em.createQuery("select s.questionId, g.score, g.status, g.reviewComment from SubmissionEntity s, "
                        + "GradeEntity g where g.id = s.gradeInForceId and s.userId = :u and s.gradebookTarget = :t "
                        // Newest by time, not by id: each node takes ids in blocks of 50, so across nodes a later answer
                        // can carry a smaller id (the cluster test saw the older answer's score sent as the newest).
                        + "order by s.createdAt desc, s.id desc",
                        Object[].class)
                .setParameter("u", userId).setParameter("t", gradebookTarget).getResultList().stream()
                .map(r -> new InForce((String) r[0], ((Number) r[1]).doubleValue(), (Grade.Status) r[2], (String) r[3])).toList();
    }

    @Override
    public Optional<SubmissionEntity> latest(long userId, String gradebookTarget) {
        return em.createQuery("select s from SubmissionEntity s where s.userId = :u and s.gradebookTarget = :t "
                        + "order by s.createdAt desc, s.id desc",
                        SubmissionEntity.class)
                .setParameter("u", userId).setParameter("t", gradebookTarget).setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * JPQL: {@code s} is its user's latest submission to its question, among those through the gradebook target when the
     * query keeps to one ({@code :target}; a student of two activities has a latest in each), else among all.
     */
    private static String latest(String gradebookTarget) {
        // Latest by time, the id breaking ties: across nodes ids come in blocks per node, not in time order.
        return "and not exists (select l from SubmissionEntity l where l.questionId = s.questionId and l.userId = s.userId"
                + (gradebookTarget == null ? "" : " and l.gradebookTarget = :target")
                + " and (l.createdAt > s.createdAt or (l.createdAt = s.createdAt and l.id > s.id)))";
    }

    private static String where(String packId, String gradebookTarget) {
        return (packId == null ? "" : " and s.questionId like :pack")
                + (gradebookTarget == null ? "" : " and s.gradebookTarget = :target");
    }

    private static <T> TypedQuery<T> withWhere(TypedQuery<T> q, String packId, String gradebookTarget) {
        if (packId != null) {
            q.setParameter("pack", packId.replace("%", "").replace("_", "\\_") + "/%");
        }
        if (gradebookTarget != null) {
            q.setParameter("target", gradebookTarget);
        }
        return q;
    }

    // Analytics: aggregates in SQL, so that a question's ten thousand submissions are counted, not loaded. Native SQL
    // where JPQL cannot group by an expression: grouped over a derived table, which H2 and PostgreSQL both take.

    @Override
    public List<GradesAlike> gradesAlike(String questionId, String gradebookTarget, String emptyEcho) {
        var query = em.createNativeQuery("SELECT echo_json, answer, score, notes_json, COUNT(*), MIN(id) FROM ("
                        + "SELECT g.echo_json AS echo_json, CASE WHEN g.echo_json = ?1 THEN s.answer_text END AS answer, "
                        + "g.score AS score, g.notes_json AS notes_json, s.id AS id FROM submission s "
                        + "JOIN grade g ON g.id = s.grade_in_force_id WHERE s.question_id = ?2"
                        + (gradebookTarget == null ? "" : " AND s.gradebook_target = ?3") + ") alike "
                        + "GROUP BY echo_json, answer, score, notes_json")
                .setParameter(1, emptyEcho).setParameter(2, questionId);
        if (gradebookTarget != null) {
            query.setParameter(3, gradebookTarget);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new GradesAlike((String) r[0], (String) r[1], ((Number) r[2]).doubleValue(), (String) r[3],
                ((Number) r[4]).longValue(), ((Number) r[5]).longValue())).toList();
    }

    @Override
    public Answered answered(String questionId, String gradebookTarget) {
        Object[] r = withWhere(em.createQuery("select count(s), count(distinct s.userId) from SubmissionEntity s where s.questionId = :q"
                + where(null, gradebookTarget), Object[].class), null, gradebookTarget).setParameter("q", questionId).getSingleResult();
        return new Answered(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    @Override
    public List<QuestionMean> means(Collection<String> questionIds, String gradebookTarget) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> counts = new java.util.HashMap<>();
        withWhere(em.createQuery("select s.questionId, count(s), count(distinct s.userId) from SubmissionEntity s "
                        + "where s.questionId in :q" + where(null, gradebookTarget) + " group by s.questionId", Object[].class),
                null, gradebookTarget)
                .setParameter("q", List.copyOf(questionIds)).getResultList()
                .forEach(r -> counts.put((String) r[0], new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()}));
        List<QuestionMean> means = new java.util.ArrayList<>();
        withWhere(em.createQuery("select s.questionId, avg(case when g.score >= 0 and g.score <= 1 then g.score else 0 end) "
                        + "from SubmissionEntity s, GradeEntity g where g.id = s.gradeInForceId and s.questionId in :q "
                        + latest(gradebookTarget) + where(null, gradebookTarget) + " group by s.questionId", Object[].class), null, gradebookTarget)
                .setParameter("q", List.copyOf(questionIds)).getResultList()
                .forEach(r -> {
                    long[] c = counts.getOrDefault((String) r[0], new long[2]);
                    means.add(new QuestionMean((String) r[0], c[0], c[1], r[1] == null ? 0 : ((Number) r[1]).doubleValue()));
                });
        return means;
    }

    @Override
    public Map<Long, String> answerTexts(Collection<Long> submissionIds, int maxChars) {
        Map<Long, String> texts = new java.util.HashMap<>();
        if (!submissionIds.isEmpty()) {
            em.createQuery("select s.id, substring(s.answerText, 1, :n) from SubmissionEntity s where s.id in :ids", Object[].class)
                    .setParameter("n", maxChars).setParameter("ids", List.copyOf(submissionIds)).getResultList()
                    .forEach(r -> texts.put(((Number) r[0]).longValue(), (String) r[1]));
        }
        return texts;
    }

    @Override
    public List<LatestInForce> latestInForce(Collection<String> questionIds, String gradebookTarget) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        return withWhere(em.createQuery("select s.userId, u.platformUserId, s.questionId, s.id, g.score, g.status, g.notesJson, "
                        + "g.reviewComment, s.gradeInForceId, s.pluginGradeId, g.configId from SubmissionEntity s, GradeEntity g, UserEntity u "
                        + "where g.id = s.gradeInForceId and u.id = s.userId and s.questionId in :q "
                        + latest(gradebookTarget) + where(null, gradebookTarget)
                        + " order by u.platformUserId, s.questionId", Object[].class), null, gradebookTarget)
                .setParameter("q", List.copyOf(questionIds)).getResultList().stream()
                .map(r -> new LatestInForce(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                        ((Number) r[4]).doubleValue(), (Grade.Status) r[5], (String) r[6], (String) r[7], !r[8].equals(r[9]),
                        r[10] == null ? null : ((Number) r[10]).longValue()))
                .toList();
    }

    @Override
    public List<Long> inForceAlike(String questionId, String gradebookTarget, String echoJson, String answerText) {
        TypedQuery<Long> query = withWhere(em.createQuery("select s.id from SubmissionEntity s, GradeEntity g where g.id = s.gradeInForceId "
                + "and s.questionId = :q and g.echoJson = :e" + (answerText == null ? "" : " and s.answerText = :a")
                + where(null, gradebookTarget) + " order by s.id", Long.class), null, gradebookTarget)
                .setParameter("q", questionId).setParameter("e", echoJson);
        if (answerText != null) {
            query.setParameter("a", answerText);
        }
        return query.getResultList();
    }

    @Override
    public List<String> usersWithSubmissions(String gradebookTarget) {
        return em.createQuery("select distinct u.platformUserId from SubmissionEntity s, UserEntity u where u.id = s.userId "
                + "and s.gradebookTarget = :t", String.class).setParameter("t", gradebookTarget).getResultList();
    }
}
