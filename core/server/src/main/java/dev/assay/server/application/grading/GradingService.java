package dev.assay.server.application.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.AnswerFile;
import dev.assay.api.Attachment;
import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.HandoutInfo;
import dev.assay.api.Validation;
import dev.assay.engine.grading.AnswerSizeCheck;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.grading.PluginResult;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.ConfigVersions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

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

    @Inject
    ConfigVersions configs;

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
        return runtime.engines().engine().validate(cq.ready(), runtime.engines().files().withMediaTypes(cq.ready(), answer));
    }

    private GradeOutcome grade(QuestionCatalog.Entry q, Answer answer) {
        CatalogQuestion cq = q.question();
        if (cq.state() != QuestionState.READY) {
            return notReady(cq);
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
        Answer typed = q.question().state() == QuestionState.READY
                ? runtime.engines().files().withMediaTypes(q.question().ready(), answer) : answer;
        GradeOutcome outcome = grade(q, typed);
        return store.store(questionId, platformUserId, q.configId(), typed, outcome, gradebookTarget);
    }

    /**
     * Grades an answer as a student's would be, with a draft configuration (checked against the plugin first: INVALID
     * naming each field that does not fit) or, with none, the configuration in force; stores nothing. It runs through
     * the engine under the question's time limit, in the previews' part of the plugin's share.
     */
    public GradeOutcome preview(String questionId, Answer answer, Optional<ObjectNode> draftConfig) {
        QuestionCatalog.Entry q = question(questionId);
        checkSize(answer);
        CatalogQuestion cq = draftConfig.isPresent() ? configs.draft(questionId, draftConfig.get()) : q.question();
        if (cq.state() != QuestionState.READY) {
            return notReady(cq);
        }
        return runtime.engines().engine().preview(cq.ready(), runtime.engines().files().withMediaTypes(cq.ready(), answer));
    }

    /** A regrade's result, not yet stored: the batch job grades in its processor and stores in its writer. */
    public record Regraded(long submissionId, long configId, GradeOutcome outcome) {
    }

    /**
     * Grades stored submissions again with their questions' current configurations, without storing them, in the order
     * given: their answers read together (one query for the submissions, one for their files), then graded one by one.
     */
    public List<Regraded> regradeOnly(List<Long> submissionIds) {
        Map<Long, SubmissionStore.StoredAnswer> answers = store.answers(submissionIds);
        List<Regraded> out = new ArrayList<>(submissionIds.size());
        for (long id : submissionIds) {
            SubmissionStore.StoredAnswer a = answers.get(id);
            if (a == null) {
                throw AssayException.notFound("No submission " + id + ".");
            }
            QuestionCatalog.Entry q = question(a.questionId());
            out.add(new Regraded(id, q.configId(), grade(q, a.answer())));
        }
        return out;
    }

    /**
     * A regrade's dry run of one stored submission: graded with its question's current configuration as a preview
     * (the grade a regrade would give, under the same time limits, waiting only for room in the plugin's share and
     * taking no student's place), stored nowhere and not counted among the grades given.
     */
    public GradeOutcome regradePreview(long submissionId) {
        SubmissionEntity s = submission(submissionId);
        CatalogQuestion cq = question(s.getQuestionId()).question();
        if (cq.state() != QuestionState.READY) {
            return notReady(cq);
        }
        return runtime.engines().engine().preview(cq.ready(), store.answer(s));
    }

    /** Stores the grades of a batch regrade's chunk together, each naming the regrade, with their gradebook scores. */
    @Transactional
    public void store(List<Regraded> regrades, long regradeId) {
        store.addGrades(regrades.stream().map(r -> new SubmissionStore.NewGrade(r.submissionId(), r.configId(), r.outcome())).toList(),
                regradeId);
    }

    /** Grades a stored submission again with its question's current configuration; the history grows. */
    public GradeEntity regrade(long submissionId) {
        SubmissionEntity s = submission(submissionId);
        QuestionCatalog.Entry q = question(s.getQuestionId());
        GradeOutcome outcome = grade(q, store.answer(s));
        return store.addGrade(submissionId, q.configId(), outcome, null);
    }

    /** The outcome for a question whose plugin is not installed: its not-ready grade, graded by no plugin. */
    private static GradeOutcome notReady(CatalogQuestion cq) {
        return new GradeOutcome(cq.notReadyGrade(), cq.def().plugin(), "not installed", Duration.ZERO, 0);
    }

    private SubmissionEntity submission(long id) {
        return submissions.find(id).orElseThrow(() -> AssayException.notFound("No submission " + id + "."));
    }

    /** The question ready for its plugin; empty when the plugin is missing. */
    private Optional<ReadyQuestion> ready(String questionId) {
        CatalogQuestion cq = question(questionId).question();
        return cq.state() == QuestionState.READY ? Optional.of(cq.ready()) : Optional.empty();
    }

    /** The files a question hands out (none when its plugin is missing, or fails to say: that is logged). */
    public List<HandoutInfo> handouts(String questionId) {
        return ready(questionId).map(q -> logged(runtime.engines().files().handouts(q)).orElse(List.of()))
                .orElse(List.of());
    }

    /** The files an answer to the question may carry (none when its plugin is missing, or fails to say). */
    public List<AnswerFile> answerFiles(String questionId) {
        return ready(questionId).map(q -> logged(runtime.engines().files().answerFiles(q)).orElse(List.of()))
                .orElse(List.of());
    }

    /** One handed-out file with its content; empty when the question hands out none of that name. */
    public Optional<Attachment> handout(String questionId, String name) {
        Optional<ReadyQuestion> q = ready(questionId);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        PluginResult<Optional<Attachment>> file = runtime.engines().files().handout(q.get(), name);
        if (!file.ok()) {
            throw new AssayException(AssayException.Kind.UNAVAILABLE, file.message() + " Please try again later; "
                    + "if it keeps failing, tell your instructor.");
        }
        return file.value();
    }

    private static <T> PluginResult<T> logged(PluginResult<T> r) {
        if (!r.ok()) {
            Logger.getLogger(GradingService.class.getName()).warning(r.message());
        }
        return r;
    }
}
