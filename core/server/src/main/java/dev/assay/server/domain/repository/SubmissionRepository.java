package dev.assay.server.domain.repository;

import dev.assay.api.Grade;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.SubmissionFileEntity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Submissions, their files and their grades. Writes join the caller's transaction. */
public interface SubmissionRepository {
    Optional<SubmissionEntity> find(long id);

    /** The submission, its row locked until the transaction ends: new grades of one submission take turns. */
    Optional<SubmissionEntity> lock(long id);

    /** These submissions (those that exist), by id: one query (a regrade reads a chunk's answers so). */
    Map<Long, SubmissionEntity> find(Collection<Long> ids);

    /**
     * These submissions (those that exist), by id, their rows locked until the transaction ends, in id order (so two
     * transactions locking overlapping chunks do not deadlock): one query, where a regrade's chunk locked each before.
     */
    Map<Long, SubmissionEntity> lock(Collection<Long> ids);

    /** Adds a grade; it is written at the next flush or the commit (its id is given at once). */
    void addGradeUnflushed(GradeEntity grade);

    /** Writes what the transaction added and changed so far. */
    void flush();

    /** Stores a new submission; it has its id on return. */
    void add(SubmissionEntity submission);

    void addFile(SubmissionFileEntity file);

    /** A submission's files, in the order they were given. */
    List<SubmissionFileEntity> files(long submissionId);

    /** The files of several submissions, by submission (those without files are absent). */
    Map<Long, List<SubmissionFileEntity>> files(Collection<Long> submissionIds);

    /** Stores a new grade; it has its id on return. */
    void addGrade(GradeEntity grade);

    Optional<GradeEntity> grade(long id);

    /** Grades by id (ids not found are absent). */
    Map<Long, GradeEntity> grades(Collection<Long> ids);

    /** A submission's grades, oldest first: its history. */
    List<GradeEntity> history(long submissionId);

    /** A user's submissions to any of these questions, oldest first. */
    List<SubmissionEntity> byUser(Collection<String> questionIds, String platformUserId);

    /** The same, of those given through one gradebook target (any, with null). */
    List<SubmissionEntity> byUser(Collection<String> questionIds, String platformUserId, String gradebookTarget);

    /** The latest plugin grade of a submission, as a regrade looks at it. */
    record PluginGrade(long submissionId, String questionId, long configId, Grade.Status status) {
    }

    /**
     * Where a regrade's work item ends: the id of the {@code n}th submission after {@code afterId} that needs the regrade
     * (the rule of {@link #pluginGradesNeedingRegrade}), in id order; empty when fewer than {@code n} do. The database
     * skips the first n - 1 (one row comes back, where planning read every answer's row before).
     */
    java.util.Optional<Long> nthNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId, int n);

    /** How many submissions after {@code afterId} need the regrade (the rule of {@link #pluginGradesNeedingRegrade}). */
    long countNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget, long afterId);

    /**
     * The next page of a regrade: the latest plugin grade of at most {@code limit} submissions to these questions with an
     * id above {@code afterId} (through one gradebook target, or any with null), in submission id order, of those whose
     * latest plugin grade was given with another configuration than its question's current one
     * ({@code currentConfigByQuestion}) or is an ERROR (the rule of {@code RegradeSelection}). The database selects and
     * limits the page (keyset on the submission id), so a page costs the same wherever the regrade has got to.
     */
    List<PluginGrade> pluginGradesNeedingRegrade(Map<String, Long> currentConfigByQuestion, String gradebookTarget,
                                                 long afterId, int limit);

    /**
     * Submissions whose grade in force asks for an instructor (needs review), oldest first; of one pack's questions
     * and/or one gradebook target's, each when not null.
     */
    List<SubmissionEntity> waitingForReview(String packId, String gradebookTarget, int limit);

    /** A reviewed submission whose plugin gave a grade after the review, with both scores. */
    record ReviewedThenRegraded(SubmissionEntity submission, double reviewScore, double pluginScore) {
    }

    /** Reviewed submissions with a plugin grade given after the review, above {@code afterId}, oldest first. */
    List<ReviewedThenRegraded> reviewedThenRegraded(String packId, String gradebookTarget, long afterId, int limit);

    /** Those of one gradebook target whose plugin grade after the review was given by the regrade {@code regradeId}. */
    List<ReviewedThenRegraded> reviewedThenRegradedBy(String gradebookTarget, long regradeId);

    /** The grade in force of one of a user's submissions through a gradebook target. */
    record InForce(String questionId, double score, Grade.Status status, String reviewComment) {
    }

    /** The grades in force of a user's submissions through a gradebook target, newest submission first. */
    List<InForce> gradesInForce(long userId, String gradebookTarget);

    /** A user's latest submission through a gradebook target. */
    Optional<SubmissionEntity> latest(long userId, String gradebookTarget);

    /**
     * Grades in force of a question's submissions that read alike, counted: those with the same echo, score and notes
     * (and, where the plugin echoed nothing, the same answer text) make one row.
     *
     * @param answerText    the answer text shared by the row's submissions when their echo is {@code emptyEcho}, else null
     * @param score         the score stored (a fraction of the question's points; an unreadable one as stored)
     * @param firstSubmission the id of the row's first submission (its answer is the row's example)
     */
    record GradesAlike(String echoJson, String answerText, double score, String notesJson, long count,
                       long firstSubmission) {
    }

    /**
     * Every question's grades in force in rows of those alike, in one aggregate query; {@code emptyEcho} as stored. Of
     * the answers given through one gradebook target, or of all with null (so in every method below that takes one).
     */
    List<GradesAlike> gradesAlike(String questionId, String gradebookTarget, String emptyEcho);

    /** How many submissions a question has, and from how many students. */
    record Answered(long submissions, long students) {
    }

    Answered answered(String questionId, String gradebookTarget);

    /** Per question (those without submissions are absent): its submissions, students, and the mean score of each student's latest. */
    record QuestionMean(String questionId, long submissions, long students, double meanOfLatest) {
    }

    /**
     * For each of these questions: how many submissions and students, and the mean score (a fraction; one that cannot be
     * read counts 0) of the grade in force of each student's latest submission, as the assignment score counts it.
     */
    List<QuestionMean> means(Collection<String> questionIds, String gradebookTarget);

    /** The answer texts of these submissions, each cut to at most {@code maxChars} characters, by submission id. */
    Map<Long, String> answerTexts(Collection<Long> submissionIds, int maxChars);

    /**
     * The grade in force of a user's latest submission to a question: what the assignment score counts.
     *
     * @param reviewed an instructor's grade is in force (a regrade does not change it)
     * @param configId the configuration version the grade in force was given with (its points are those the gradebook
     *                 holds until a regrade); null where not known
     */
    record LatestInForce(long userId, String platformUserId, String questionId, long submissionId, double score,
                         Grade.Status status, String notesJson, String reviewComment, boolean reviewed, Long configId) {
        public LatestInForce(long userId, String platformUserId, String questionId, long submissionId, double score,
                             Grade.Status status, String notesJson, String reviewComment, boolean reviewed) {
            this(userId, platformUserId, questionId, submissionId, score, status, notesJson, reviewComment, reviewed, null);
        }
    }

    /**
     * Each user's latest submission to each of these questions, with its grade in force, by user then question; of
     * those through one gradebook target (latest among that target's), or of all with null.
     */
    List<LatestInForce> latestInForce(Collection<String> questionIds, String gradebookTarget);

    /**
     * The submissions to a question whose grade in force has this echo (as stored) and, when {@code answerText} is not
     * null, this answer text: one answer group as the analytics count it. In id order.
     */
    List<Long> inForceAlike(String questionId, String gradebookTarget, String echoJson, String answerText);

    /** The users (their platform user ids) with at least one submission through a gradebook target. */
    List<String> usersWithSubmissions(String gradebookTarget);
}
