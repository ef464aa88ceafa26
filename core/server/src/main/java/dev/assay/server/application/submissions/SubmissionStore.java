package dev.assay.server.application.submissions;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.json.Json;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.application.Users;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.gradebook.Gradebook;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.SubmissionFileEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submissions, their files and their grades, stored together in one transaction, with the user's new score for the
 * gradebook. Each submission points at its grade in force (an instructor's if there is one, else its plugin's latest):
 * every reader goes through it.
 */
@ApplicationScoped
public class SubmissionStore {
    @Inject
    SubmissionRepository submissions;

    @Inject
    Gradebook gradebook;

    @Inject
    AuditLog audit;

    @Inject
    Users users;

    @Inject
    QuestionCatalog catalog;

    /**
     * What was stored, with the grade as given, the user as the platform names them and the files: what the caller
     * shows needs nothing read back.
     */
    public record Stored(SubmissionEntity submission, GradeEntity grade, Grade given, String platformUserId,
                         List<SubmissionFileEntity> files) {
    }

    /** Stores the submission and its grade and, with a gradebook target, the user's new score in the outbox: one transaction. */
    @Transactional
    public Stored store(String questionId, String platformUserId, long configId, Answer answer, GradeOutcome outcome,
                        String gradebookTarget) {
        // First, before this transaction touches the database: the user's row, committed on its own.
        long userId = users.idFor(platformUserId);
        SubmissionEntity s = new SubmissionEntity(questionId, userId, configId, answer.text(), AuditLog.now(), gradebookTarget);
        submissions.add(s);
        List<SubmissionFileEntity> files = new ArrayList<>();
        for (Attachment a : answer.attachments()) {
            SubmissionFileEntity f = new SubmissionFileEntity(s.getId(), a.name(), a.mediaType(), a.content());
            submissions.addFile(f);
            files.add(f);
        }
        GradeEntity g = gradeRow(s.getId(), configId, outcome);
        submissions.addGrade(g);
        s.gradeAdded(g);
        scoreToGradebook(s, platformUserId, g.getGradedAt());
        return new Stored(s, g, outcome.grade(), platformUserId, List.copyOf(files));
    }

    /**
     * A new plugin grade of a stored submission (a regrade), given by the batch regrade {@code regradeId} (null: by
     * none), which the grade then names: added to the history. It comes into force unless an instructor's grade is in
     * force, which stands; the gradebook hears of it only when the grade in force changed.
     */
    @Transactional
    public GradeEntity addGrade(long submissionId, long configId, GradeOutcome outcome, Long regradeId) {
        SubmissionEntity s = locked(submissionId);
        GradeEntity g = gradeRow(submissionId, configId, outcome);
        if (regradeId != null) {
            g.givenByRegrade(regradeId);
        }
        submissions.addGrade(g);
        if (s.gradeAdded(g)) {
            scoreToGradebook(s, null, g.getGradedAt());
        }
        return g;
    }

    /** A stored answer and its question. */
    public record StoredAnswer(String questionId, Answer answer) {
    }

    /** A regrade's new plugin grade of a stored submission, not yet stored. */
    public record NewGrade(long submissionId, long configId, GradeOutcome outcome) {
    }

    /**
     * New plugin grades of a regrade's chunk, stored as {@link #addGrade} stores one, together: the submissions' rows
     * locked in one query (in id order), the grades inserted at one flush, the submissions' pointers written at the
     * commit (before: a lock query, an insert and a flush per answer).
     */
    @Transactional
    public void addGrades(List<NewGrade> grades, long regradeId) {
        if (grades.isEmpty()) {
            return;
        }
        Map<Long, SubmissionEntity> locked = submissions.lock(grades.stream().map(NewGrade::submissionId).toList());
        List<GradeEntity> rows = new ArrayList<>(grades.size());
        for (NewGrade n : grades) {
            if (!locked.containsKey(n.submissionId())) {
                throw AssayException.notFound("No submission " + n.submissionId() + ".");
            }
            GradeEntity g = gradeRow(n.submissionId(), n.configId(), n.outcome());
            g.givenByRegrade(regradeId);
            submissions.addGradeUnflushed(g);
            rows.add(g);
        }
        submissions.flush(); // the grades' ids, for the submissions' pointers
        for (GradeEntity g : rows) {
            SubmissionEntity s = locked.get(g.getSubmissionId());
            if (s.gradeAdded(g)) {
                scoreToGradebook(s, null, g.getGradedAt());
            }
        }
    }

    /**
     * The answers of these submissions as submitted, files included, by id (two queries, where a regrade read each
     * answer with two of its own); with each one's question.
     */
    @Transactional
    public Map<Long, StoredAnswer> answers(List<Long> submissionIds) {
        Map<Long, SubmissionEntity> found = submissions.find(submissionIds);
        Map<Long, List<SubmissionFileEntity>> files = submissions.files(found.keySet());
        Map<Long, StoredAnswer> out = new LinkedHashMap<>();
        for (SubmissionEntity s : found.values()) {
            List<Attachment> attachments = new ArrayList<>();
            for (SubmissionFileEntity f : files.getOrDefault(s.getId(), List.of())) {
                attachments.add(new Attachment(f.getName(), f.getMediaType(), f.getContent()));
            }
            out.put(s.getId(), new StoredAnswer(s.getQuestionId(), new Answer(s.getAnswerText(), attachments)));
        }
        return out;
    }

    /**
     * An instructor's grade after review, in points out of the question's: a new grade, in force from now on (the
     * plugin's grades stay in the history), with the plugin's latest feedback and echo, and the instructor's comment
     * on top. Its gradebook score follows, with the comment. REST and the LTI page both come here, through the
     * application API's reviews; the points are checked by {@link ReviewRule#score}.
     *
     * @throws AssayException (INVALID) when the points are not a number from 0 to the question's points
     */
    @Transactional
    public GradeEntity review(long submissionId, double points, String comment, String reviewer) {
        SubmissionEntity s = locked(submissionId);
        double max = catalog.question(s.getQuestionId()).map(QuestionCatalog.Entry::points)
                .orElseThrow(() -> AssayException.notFound("The question " + s.getQuestionId() + " is no longer on this server."));
        double score = ReviewRule.score(points, max);
        GradeEntity basis = submissions.grade(s.getPluginGradeId()).orElseThrow();
        Grade plugin = StoredGrades.toGrade(basis);
        boolean readable = !StoredGrades.isUnreadable(plugin);
        List<String> notes = new ArrayList<>(readable ? plugin.notes() : List.of());
        // The plugin's note that repeats its status, which the review settles.
        notes.remove(Grade.Status.NEEDS_REVIEW.name());
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
        submissions.addGrade(g);
        s.gradeAdded(g);
        audit.record(reviewer, "REVIEW", "submission", String.valueOf(submissionId), points + " of "
                + ReviewRule.pointsText(max) + " points");
        scoreToGradebook(s, null, g.getGradedAt());
        return g;
    }

    /** The submission, its row locked until the transaction ends: new grades of one submission take turns. */
    private SubmissionEntity locked(long submissionId) {
        return submissions.lock(submissionId).orElseThrow(() -> AssayException.notFound("No submission " + submissionId + "."));
    }

    /** A new grade in force of a submission with a gradebook target: the user's new score to the outbox, in this transaction. */
    private void scoreToGradebook(SubmissionEntity s, String platformUserId, OffsetDateTime gradedAt) {
        if (s.getGradebookTarget() != null) {
            gradebook.enqueue(s, platformUserId != null ? platformUserId : users.platformUserId(s.getUserId()), gradedAt);
        }
    }

    private static GradeEntity gradeRow(long submissionId, long configId, GradeOutcome o) {
        Grade grade = o.grade();
        return new GradeEntity(submissionId, configId, grade.status(), grade.score(), Json.write(grade.notes()),
                Json.write(grade.feedback()), Json.write(grade.echo()), o.pluginId(), o.pluginVersion(),
                o.duration().toNanos() / 1000, o.seed(), grade.status() == Grade.Status.NEEDS_REVIEW, AuditLog.now());
    }

    /** The answer as it was submitted, files included: what a regrade grades. */
    @Transactional
    public Answer answer(SubmissionEntity s) {
        List<Attachment> attachments = new ArrayList<>();
        for (SubmissionFileEntity f : submissions.files(s.getId())) {
            attachments.add(new Attachment(f.getName(), f.getMediaType(), f.getContent()));
        }
        return new Answer(s.getAnswerText(), attachments);
    }
}
