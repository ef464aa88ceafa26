package dev.assay.server.application.api;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.analytics.GradesCsv;
import dev.assay.server.application.analytics.QuestionAnalysis;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.repository.QuestionRepository;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What students answered, for instructors: per question (score histogram, answer notes, answer groups) and per
 * assignment (each question's mean). Counted in the database over each submission's grade in force, never by loading
 * every submission. Each read takes a gradebook target: an LMS activity's instructor sees only the answers given through
 * it (one assignment may be used by several courses); empty, every answer (the admin's view).
 */
@ApplicationScoped
public class Analytics {
    /** The most answer groups one call gives. */
    public static final int MAX_GROUPS = 500;

    @Inject
    SubmissionRepository submissions;

    @Inject
    QuestionRepository questionRows;

    @Inject
    QuestionCatalog catalog;

    @Inject
    Assignments assignments;

    /**
     * A question's analytics, with its {@code groups} largest answer groups (1 to {@value #MAX_GROUPS}); not found when
     * there is no such question.
     */
    @Transactional
    public QuestionAnalytics question(String questionId, int groups, Optional<String> target) {
        QuestionCatalog.Entry q = catalog.question(questionId)
                .orElseThrow(() -> AssayException.notFound("No question '" + questionId + "' on this server."));
        if (groups < 1 || groups > MAX_GROUPS) {
            throw new AssayException(AssayException.Kind.INVALID, "Ask for 1 to " + MAX_GROUPS + " answer groups.",
                    List.of(new AssayException.Problem("groups", "must be from 1 to " + MAX_GROUPS)));
        }
        List<SubmissionRepository.GradesAlike> rows = submissions.gradesAlike(questionId, target.orElse(null),
                QuestionAnalysis.EMPTY_ECHO);
        Map<Long, String> examples = submissions.answerTexts(QuestionAnalysis.exampleSubmissions(rows, groups),
                QuestionAnalysis.EXAMPLE_CHARS);
        return QuestionAnalysis.of(questionId, q.points(), submissions.answered(questionId, target.orElse(null)), rows, groups, examples::get);
    }

    /** Each question of the assignment (in its order; one no longer on the server left out) with its mean; not found when there is none. */
    @Transactional
    public AssignmentAnalytics assignment(long assignmentId, Optional<String> target) {
        Assignment a = assignments.get(assignmentId);
        List<QuestionCatalog.Entry> questions = a.questions().stream().map(catalog::question).flatMap(java.util.Optional::stream).toList();
        Map<String, SubmissionRepository.QuestionMean> means = submissions.means(questions.stream().map(QuestionCatalog.Entry::id).toList(),
                        target.orElse(null))
                .stream().collect(Collectors.toMap(SubmissionRepository.QuestionMean::questionId, Function.identity()));
        return new AssignmentAnalytics(a.id(), a.title(), questions.stream().map(q -> {
            SubmissionRepository.QuestionMean m = means.get(q.id());
            String plugin = q.question().def().plugin();
            String state = q.question().state().name();
            String tests = testsStatus(q);
            return m == null ? new AssignmentAnalytics.QuestionMean(q.id(), q.title(), q.points(), 0, 0, 0, plugin, state,
                    q.version(), tests)
                    : new AssignmentAnalytics.QuestionMean(q.id(), q.title(), q.points(), m.submissions(), m.students(),
                    Math.round(m.meanOfLatest() * q.points() * 1e6) / 1e6, plugin, state, q.version(), tests);
        }).toList());
    }

    /** How the question tests of the version in force went when it was saved (stored with it; nothing is run here). */
    private String testsStatus(QuestionCatalog.Entry q) {
        if (q.question().def().tests().isEmpty()) {
            return AssignmentAnalytics.NO_TESTS;
        }
        return questionRows.config(q.configId()).map(QuestionConfigEntity::getTestsStatus)
                .filter(QuestionConfigEntity.TestsStatus.PASSING.name()::equals)
                .map(passing -> AssignmentAnalytics.PASSING).orElse(AssignmentAnalytics.NOT_RUN);
    }

    /**
     * The assignment's grades as CSV, one row per student who answered: each question's points (the grade in force of
     * their latest answer), the total as the gradebook counts it, and each question's answer notes; not found when
     * there is no such assignment.
     */
    @Transactional
    public String gradesCsv(long assignmentId, Optional<String> target) {
        Assignment a = assignments.get(assignmentId);
        return GradesCsv.of(AssignmentScore.Question.of(a.questions(), catalog), submissions.latestInForce(a.questions(), target.orElse(null)));
    }
}
