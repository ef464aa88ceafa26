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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Submissions, their files and their grades, stored together in one transaction. Each submission points at its
 * grade in force (an instructor's if there is one, else its plugin's latest): every reader goes through it.
 */
@ApplicationScoped
public class SubmissionStore {
    private static final Logger LOG = Logger.getLogger(SubmissionStore.class.getName());

    /** The note of a stored grade that cannot be read back (see {@link #toGrade}). */
    public static final String UNREADABLE = "UNREADABLE_GRADE";

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    Gradebook gradebook;

    @Inject
    AuditLog audit;

    @Inject
    Users users;

    @Inject
    QuestionCatalog catalog;

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
        // First, before this transaction touches the database: the user's row, committed on its own.
        long userId = users.idFor(platformUserId);
        SubmissionEntity s = new SubmissionEntity(questionId, userId, configId, answer.text(), AuditLog.now(), gradebookTarget);
        em.persist(s);
        em.flush();
        for (Attachment a : answer.attachments()) {
            em.persist(new SubmissionFileEntity(s.getId(), a.name(), a.mediaType(), a.content()));
        }
        GradeEntity g = gradeRow(s.getId(), configId, outcome);
        em.persist(g);
        em.flush();
        s.gradeAdded(g);
        scoreToGradebook(s, platformUserId, g.getGradedAt());
        return new Stored(s, g, outcome.grade());
    }

    /**
     * A new plugin grade of a stored submission (a regrade): added to the history. It comes into force unless an
     * instructor's grade is in force, which stands; the gradebook hears of it only when the grade in force changed.
     */
    @Transactional
    public GradeEntity addGrade(long submissionId, long configId, GradeOutcome outcome) {
        return addGrade(submissionId, configId, outcome, null);
    }

    /** The same, given by the batch regrade {@code regradeId} (null: by none), which the grade then names. */
    @Transactional
    public GradeEntity addGrade(long submissionId, long configId, GradeOutcome outcome, Long regradeId) {
        SubmissionEntity s = locked(submissionId);
        GradeEntity g = gradeRow(submissionId, configId, outcome);
        if (regradeId != null) {
            g.givenByRegrade(regradeId);
        }
        em.persist(g);
        em.flush();
        if (s.gradeAdded(g)) {
            scoreToGradebook(s, null, g.getGradedAt());
        }
        return g;
    }

    /** The submission, its row locked until the transaction ends: new grades of one submission take turns. */
    private SubmissionEntity locked(long submissionId) {
        SubmissionEntity s = em.find(SubmissionEntity.class, submissionId, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw AssayException.notFound("No submission " + submissionId + ".");
        }
        return s;
    }

    /** A new grade in force of a submission with a gradebook target: the user's new score to the outbox, in this transaction. */
    private void scoreToGradebook(SubmissionEntity s, String platformUserId, OffsetDateTime gradedAt) {
        if (s.getGradebookTarget() != null) {
            gradebook.enqueue(s, platformUserId != null ? platformUserId
                    : em.find(UserEntity.class, s.getUserId()).getPlatformUserId(), gradedAt);
        }
    }

    private static GradeEntity gradeRow(long submissionId, long configId, GradeOutcome o) {
        Grade grade = o.grade();
        return new GradeEntity(submissionId, configId, grade.status().name(), grade.score(), Json.write(grade.notes()),
                Json.write(grade.feedback()), Json.write(grade.echo()), o.pluginId(), o.pluginVersion(),
                o.duration().toNanos() / 1000, o.seed(), grade.status() == Grade.Status.NEEDS_REVIEW, AuditLog.now());
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

    /** The grade that counts for the submission: the latest instructor grade if there is one, else its plugin's latest. */
    @Transactional
    public GradeEntity gradeInForce(SubmissionEntity s) {
        GradeEntity g = s.getGradeInForceId() == null ? null : em.find(GradeEntity.class, s.getGradeInForceId());
        if (g == null) {
            throw new IllegalStateException("submission " + s.getId() + " has no grade in force");
        }
        return g;
    }

    /**
     * For a reviewed submission: its plugin's grade given after the review, when it differs from the instructor's
     * (a regrade under a changed configuration) so the instructor can look again; otherwise empty.
     */
    public static Optional<GradeEntity> newerPluginGrade(SubmissionEntity s, List<GradeEntity> history) {
        if (!s.isReviewed()) {
            return Optional.empty();
        }
        GradeEntity inForce = null;
        GradeEntity plugin = null;
        for (GradeEntity g : history) {
            if (g.getId().equals(s.getGradeInForceId())) {
                inForce = g;
            } else if (g.getId().equals(s.getPluginGradeId())) {
                plugin = g;
            }
        }
        if (inForce == null || plugin == null || plugin.getId() < inForce.getId()
                || !pluginDiffers(plugin.getScore(), inForce.getScore())) {
            return Optional.empty();
        }
        return Optional.of(plugin);
    }

    /**
     * The one rule for "the plugin's grade is not the instructor's": the scores differ, or the plugin's cannot be read
     * (it cannot be said to agree). The panel, the review queue's {@code changed} list and a regrade's report all use it.
     */
    static boolean pluginDiffers(double pluginScore, double reviewScore) {
        return !GradeEntity.isReadableScore(pluginScore) || Math.abs(pluginScore - reviewScore) >= SAME_SCORE;
    }

    /** Scores closer than this are the same grade (points are typed by people, fractions are computed). */
    private static final double SAME_SCORE = 1e-9;

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
    public List<SubmissionEntity> submissions(Collection<String> questionIds, String platformUserId) {
        if (questionIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from SubmissionEntity s, UserEntity u where s.userId = u.id "
                        + "and s.questionId in :q and u.platformUserId = :p order by s.id", SubmissionEntity.class)
                .setParameter("q", List.copyOf(questionIds)).setParameter("p", platformUserId).getResultList();
    }

    /**
     * Submissions to these questions whose latest plugin grade was not given with the question's current
     * configuration, or is an ERROR (a plugin that failed or timed out), after {@code afterId}, in id order: what a
     * regrade still has to do (so a restarted regrade resumes). Instructors' grades do not count here: a reviewed
     * answer is regraded once per configuration change (its review stays in force), not again and again.
     */
    @Transactional
    public List<Long> needingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId, int limit) {
        if (currentConfigByQuestion.isEmpty()) {
            return List.of();
        }
        var query = em.createQuery("select s.id, s.questionId, g.configId, g.status from SubmissionEntity s, GradeEntity g "
                        + "where g.submissionId = s.id and s.questionId in :q and s.id > :after"
                        + (gradebookTarget == null ? "" : " and s.gradebookTarget = :t") + " and g.id = s.pluginGradeId order by s.id",
                Object[].class)
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
     * The review queue: submissions whose grade in force asks for an instructor (NEEDS_REVIEW), oldest first,
     * optionally of one pack's questions.
     */
    @Transactional
    public List<SubmissionEntity> needingReview(String packId, int limit) {
        return needingReview(packId, null, limit);
    }

    /** The review queue of one gradebook target (an LTI link's answers, for its instructor), or of a pack. */
    @Transactional
    public List<SubmissionEntity> needingReview(String packId, String gradebookTarget, int limit) {
        var q = em.createQuery("select s from SubmissionEntity s, GradeEntity g where g.id = s.gradeInForceId and g.needsReview = true"
                + where(packId, gradebookTarget) + " order by s.id", SubmissionEntity.class);
        return withWhere(q, packId, gradebookTarget).setMaxResults(limit).getResultList();
    }

    /**
     * Reviewed submissions whose plugin has since given a different grade (a regrade under a changed configuration),
     * oldest first: the instructor's grade stands, and this list is where they look again. Reviewing again takes a
     * submission off it.
     */
    @Transactional
    public List<SubmissionEntity> changedSinceReview(String packId, String gradebookTarget, int limit) {
        List<SubmissionEntity> changed = new ArrayList<>();
        long after = 0;
        while (changed.size() < limit) {
            // Reviewed and regraded since, a page at a time; whether the grades differ is pluginDiffers's to say.
            List<Object[]> page = withWhere(em.createQuery("select s, r.score, p.score from SubmissionEntity s, GradeEntity r, "
                            + "GradeEntity p where " + REGRADED_AFTER_REVIEW + " and s.id > :after" + where(packId, gradebookTarget)
                            + " order by s.id", Object[].class), packId, gradebookTarget)
                    .setParameter("after", after).setMaxResults(PAGE).getResultList();
            for (Object[] row : page) {
                SubmissionEntity s = (SubmissionEntity) row[0];
                after = s.getId();
                if (changed.size() < limit && pluginDiffers(((Number) row[2]).doubleValue(), ((Number) row[1]).doubleValue())) {
                    changed.add(s);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return changed;
    }

    private static final int PAGE = 500;

    /**
     * JPQL over a submission {@code s}, its grade in force {@code r} and its latest plugin grade {@code p}: an
     * instructor's grade in force, and a plugin grade given after it.
     */
    private static final String REGRADED_AFTER_REVIEW = "r.id = s.gradeInForceId and p.id = s.pluginGradeId and p.id > r.id";

    /** What a regrade did to reviewed answers: how many kept their instructor's grade, and how many of those it now differs from. */
    public record ReviewsKept(long kept, long differ) {
    }

    /**
     * Of one gradebook target's reviewed submissions, those the regrade {@code regradeId} graded again after the review,
     * as they stand now: the instructor's grade stood through it for each; {@code differ} counts those where the
     * plugin's new grade is not the instructor's (they are on {@link #changedSinceReview}).
     */
    @Transactional
    public ReviewsKept reviewsKept(String gradebookTarget, long regradeId) {
        List<Object[]> scores = withWhere(em.createQuery("select r.score, p.score from SubmissionEntity s, GradeEntity r, "
                        + "GradeEntity p where " + REGRADED_AFTER_REVIEW + " and p.regradeId = :regrade" + where(null, gradebookTarget),
                        Object[].class), null, gradebookTarget).setParameter("regrade", regradeId).getResultList();
        long differ = scores.stream()
                .filter(r -> pluginDiffers(((Number) r[1]).doubleValue(), ((Number) r[0]).doubleValue())).count();
        return new ReviewsKept(scores.size(), differ);
    }

    private static String where(String packId, String gradebookTarget) {
        return (packId == null ? "" : " and s.questionId like :pack")
                + (gradebookTarget == null ? "" : " and s.gradebookTarget = :target");
    }

    private static <T> jakarta.persistence.TypedQuery<T> withWhere(jakarta.persistence.TypedQuery<T> q, String packId,
                                                                   String gradebookTarget) {
        if (packId != null) {
            q.setParameter("pack", packId.replace("%", "").replace("_", "\\_") + "/%");
        }
        if (gradebookTarget != null) {
            q.setParameter("target", gradebookTarget);
        }
        return q;
    }

    /**
     * An instructor's grade after review, in points out of the question's: a new grade, in force from now on (the
     * plugin's grades stay in the history), with the plugin's latest feedback and echo, and the instructor's comment
     * on top. Its gradebook score follows, with the comment. The one place the rule for a review's points lives:
     * REST and the LTI page both come here.
     *
     * @throws AssayException (INVALID) when the points are not a number from 0 to the question's points
     */
    @Transactional
    public GradeEntity review(long submissionId, double points, String comment, String reviewer) {
        SubmissionEntity s = locked(submissionId);
        double max = catalog.question(s.getQuestionId()).map(e -> e.question().def().points())
                .orElseThrow(() -> AssayException.notFound("The question " + s.getQuestionId() + " is no longer on this server."));
        double score = reviewScore(points, max);
        GradeEntity basis = em.find(GradeEntity.class, s.getPluginGradeId());
        Grade plugin = toGrade(basis);
        boolean readable = !plugin.hasNote(UNREADABLE);
        List<String> notes = new ArrayList<>(readable ? plugin.notes() : List.of());
        notes.remove("NEEDS_REVIEW");
        notes.add("REVIEWED");
        List<FeedbackBlock> feedback = new ArrayList<>();
        if (comment != null && !comment.isBlank()) {
            feedback.add(new FeedbackBlock(FeedbackBlock.Kind.DIAGNOSIS, "From your instructor", comment, null));
        }
        if (readable) {
            feedback.addAll(plugin.feedback());
        }
        GradeEntity g = GradeEntity.review(submissionId, basis.getConfigId(), score, Json.write(notes), Json.write(feedback),
                Json.write(plugin.echo()), reviewer, basis.getSeed(), comment, AuditLog.now());
        em.persist(g);
        em.flush();
        s.gradeAdded(g);
        audit.record(reviewer, "REVIEW", "submission", String.valueOf(submissionId), points + " of " + pointsText(max) + " points");
        scoreToGradebook(s, null, g.getGradedAt());
        return g;
    }

    /**
     * A review's points as a fraction of the question's: a finite number from 0 to the question's points, else a
     * refusal that says the range (a NaN once stored this way broke every later read of the submission).
     */
    public static double reviewScore(double points, double questionPoints) {
        if (!Double.isFinite(points) || points < 0 || points > questionPoints) {
            String range = "a number from 0 to " + pointsText(questionPoints);
            throw new AssayException(AssayException.Kind.INVALID, "Give the points as " + range + " (the question is worth "
                    + pointsText(questionPoints) + "); " + (Double.isFinite(points) ? pointsText(points) : String.valueOf(points))
                    + " is not.", List.of(new AssayException.Problem("points", "must be " + range)));
        }
        return questionPoints == 0 ? 0 : Math.min(1, points / questionPoints);
    }

    /** Points as people write them: 4, 2.5. */
    static String pointsText(double points) {
        return java.math.BigDecimal.valueOf(points).stripTrailingZeros().toPlainString();
    }

    /** Stored grades already reported as unreadable (each is logged once, not at every read). */
    private static final Set<Long> REPORTED_UNREADABLE = ConcurrentHashMap.newKeySet();

    /**
     * A stored grade read back as the SPI's value. Reading stored data never fails: a row whose score is not a
     * fraction in [0, 1] (a NaN stored before such points were refused) or whose JSON does not read comes back as an
     * ERROR grade with score 0, the note {@value #UNREADABLE} and a note that says so, and is logged once.
     */
    public static Grade toGrade(GradeEntity g) {
        String problem;
        try {
            List<String> notes = Json.json().readValue(g.getNotesJson(), new TypeReference<List<String>>() { });
            List<FeedbackBlock> feedback = Json.json().readValue(g.getFeedbackJson(), new TypeReference<List<FeedbackBlock>>() { });
            Echo echo = Json.json().readValue(g.getEchoJson(), Echo.class);
            if (g.hasReadableScore()) {
                return new Grade(Grade.Status.valueOf(g.getStatus()), g.getScore(), notes, feedback, echo);
            }
            problem = "its score " + g.getScore() + " is not a fraction from 0 to 1";
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            problem = "it does not read: " + e.getMessage();
        }
        if (REPORTED_UNREADABLE.size() < 10_000 && REPORTED_UNREADABLE.add(g.getId())) {
            String why = problem;
            LOG.warning(() -> "Stored grade " + g.getId() + " of submission " + g.getSubmissionId() + " is shown as unreadable: " + why);
        }
        return Grade.builder(Grade.Status.ERROR).note(UNREADABLE)
                .feedback(FeedbackBlock.of(FeedbackBlock.Kind.INFO, "This grade could not be read back from storage, so it "
                        + "counts as 0 for now. Nothing you submitted is lost: your instructor can regrade or review this answer."))
                .build();
    }
}
