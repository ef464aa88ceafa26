package dev.assay.server.application.grading;

import dev.assay.api.Answer;
import dev.assay.api.AnswerFile;
import dev.assay.api.Attachment;
import dev.assay.api.Echo;
import dev.assay.api.GraderPlugin;
import dev.assay.api.Grade;
import dev.assay.api.HandoutInfo;
import dev.assay.api.Validation;
import dev.assay.engine.grading.AnswerSizeCheck;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.engine.GradingMetrics;
import dev.assay.server.application.engine.GradingRuntime;
import dev.assay.server.application.submissions.SubmissionStore;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Validating, submitting and regrading answers, and what a question's plugin hands out. Grading runs outside any
 * transaction (it may take seconds); the submission and its grade are then stored together in one.
 */
@ApplicationScoped
public class GradingService {
    @Inject
    GradingRuntime runtime;

    @Inject
    QuestionCatalog catalog;

    @Inject
    SubmissionStore store;

    @Inject
    SubmissionRepository submissions;

    @Inject
    GradingMetrics metrics;

    public QuestionCatalog.Entry question(String id) {
        return catalog.question(id).orElseThrow(() -> AssayException.notFound("No question '" + id + "' on this server."));
    }

    private void checkSize(Answer answer) {
        Optional<String> tooLarge = AnswerSizeCheck.problem(answer, runtime.engines().engine().settings().limits());
        if (tooLarge.isPresent()) {
            throw new AssayException(AssayException.Kind.TOO_LARGE, tooLarge.get());
        }
    }

    public Validation validate(String questionId, Answer answer) {
        QuestionCatalog.Entry q = question(questionId);
        checkSize(answer);
        CatalogQuestion cq = q.question();
        if (cq.state() != QuestionState.READY) {
            Grade g = cq.notReadyGrade();
            return new Validation(false, Echo.NONE, List.of(g.feedback().get(0).markdown()), g.notes());
        }
        return runtime.engines().engine().validate(cq.ready(), answer);
    }

    private GradeOutcome grade(QuestionCatalog.Entry q, Answer answer) {
        CatalogQuestion cq = q.question();
        if (cq.state() != QuestionState.READY) {
            return new GradeOutcome(cq.notReadyGrade(), cq.def().plugin(), "not installed", Duration.ZERO, 0);
        }
        GradeOutcome outcome = runtime.engines().engine().grade(cq.ready(), answer);
        metrics.record(outcome);
        return outcome;
    }

    /**
     * Grades and stores; with a gradebook target (null: none) the user's assignment score goes to the outbox with the
     * grade. An over-size answer is refused before anything is stored.
     */
    public SubmissionStore.Stored submit(String questionId, String platformUserId, Answer answer, String gradebookTarget) {
        QuestionCatalog.Entry q = question(questionId);
        checkSize(answer);
        GradeOutcome outcome = grade(q, answer);
        return store.store(questionId, platformUserId, q.configId(), answer, outcome, gradebookTarget);
    }

    /** A regrade's result, not yet stored: the batch job grades in its processor and stores in its writer. */
    public record Regraded(long submissionId, long configId, GradeOutcome outcome) {
    }

    /** Grades a stored submission again with its question's current configuration, without storing it. */
    public Regraded regradeOnly(long submissionId) {
        SubmissionEntity s = submission(submissionId);
        QuestionCatalog.Entry q = question(s.getQuestionId());
        return new Regraded(submissionId, q.configId(), grade(q, store.answer(s)));
    }

    /** Stores the grades of a batch regrade's chunk together, each naming the regrade, with their gradebook scores. */
    @Transactional
    public void store(List<Regraded> regrades, long regradeId) {
        for (Regraded r : regrades) {
            store.addGrade(r.submissionId(), r.configId(), r.outcome(), regradeId);
        }
    }

    /** Grades a stored submission again with its question's current configuration; the history grows. */
    public GradeEntity regrade(long submissionId) {
        SubmissionEntity s = submission(submissionId);
        QuestionCatalog.Entry q = question(s.getQuestionId());
        GradeOutcome outcome = grade(q, store.answer(s));
        return store.addGrade(submissionId, q.configId(), outcome, null);
    }

    private SubmissionEntity submission(long id) {
        return submissions.find(id).orElseThrow(() -> AssayException.notFound("No submission " + id + "."));
    }

    /** The question ready for its plugin; empty when the plugin is missing. */
    private Optional<ReadyQuestion> ready(String questionId) {
        CatalogQuestion cq = question(questionId).question();
        return cq.state() == QuestionState.READY ? Optional.of(cq.ready()) : Optional.empty();
    }

    /** Its plugin, typed for its configuration. */
    @SuppressWarnings("unchecked")
    private static GraderPlugin<Record> plugin(ReadyQuestion q) {
        return (GraderPlugin<Record>) q.plugin().plugin();
    }

    /** The files a question hands out (empty when its plugin is missing). */
    public List<HandoutInfo> handouts(String questionId) {
        return ready(questionId).map(q -> plugin(q).handouts(q.config())).orElse(List.of());
    }

    /** The files an answer to the question may carry. */
    public List<AnswerFile> answerFiles(String questionId) {
        return ready(questionId).map(q -> plugin(q).answerFiles(q.config())).orElse(List.of());
    }

    /** One handed-out file with its content. */
    public Optional<Attachment> handout(String questionId, String name) {
        return ready(questionId).flatMap(q -> plugin(q).handout(q.config(), name, q.resources()));
    }
}
