package dev.assay.server.application.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.catalog.QuestionIds;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.ConfigDiff;
import dev.assay.server.application.catalog.ConfigVersions;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.domain.model.QuestionConfigEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Questions as they stand (each bound to its current configuration version), the files they hand out, and their
 * configurations: read, every version, a new one.
 */
@ApplicationScoped
public class Questions {
    @Inject
    QuestionCatalog catalog;

    @Inject
    GradingService grading;

    @Inject
    ConfigVersions configs;

    /** The questions of one pack, or of all with none given, by id. */
    public List<QuestionSummary> list(Optional<String> packId) {
        return catalog.questions().stream().filter(e -> packId.isEmpty() || e.id().startsWith(packId.get() + "/"))
                .map(Questions::summary).toList();
    }

    /** A question in brief (its title and points, say), if it is on this server. */
    public Optional<QuestionSummary> summary(String id) {
        return catalog.question(id).map(Questions::summary);
    }

    private static QuestionSummary summary(QuestionCatalog.Entry e) {
        return new QuestionSummary(e.id(), e.title(), e.points(), e.question().def().plugin(), e.question().state().name(),
                e.version());
    }

    /** The question; not found when there is none. */
    public Question get(String id) {
        QuestionCatalog.Entry e = grading.question(id);
        QuestionDef d = e.question().def();
        return new Question(d.id(), QuestionIds.packOf(id), d.title(), d.prompt(), d.points(), d.plugin(),
                e.question().state().name(), e.question().problemLines(), e.version(), grading.handouts(id),
                grading.answerFiles(id));
    }

    /** One file the question hands out, with its content; not found when it hands out no such file. */
    public Attachment handout(String questionId, String name) {
        return grading.handout(questionId, name)
                .orElseThrow(() -> AssayException.notFound("This question hands out no file '" + name + "'."));
    }

    /** The configuration in force. */
    public ConfigVersion config(String questionId) {
        return of(configs.byId(grading.question(questionId).configId()).orElseThrow());
    }

    /** Every configuration version, oldest first. */
    public List<ConfigVersion> versions(String questionId) {
        grading.question(questionId);
        List<QuestionConfigEntity> versions = configs.versions(questionId);
        List<List<QuestionTest>> tests = configs.testsOf(versions);
        List<ConfigVersions.Shown> shown = configs.shownWith(versions);
        List<ConfigVersion> all = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            all.add(of(versions.get(i), tests.get(i), shown.get(i)));
        }
        return all;
    }

    /** The question's tests as they stand (those a save runs). */
    public List<QuestionTest> tests(String questionId) {
        return grading.question(questionId).question().def().tests();
    }

    /** What changed from version {@code a} to version {@code b}, field by field; not found when either is not there. */
    public VersionDiff diff(String questionId, int a, int b) {
        grading.question(questionId);
        return new VersionDiff(questionId, a, b, ConfigDiff.between(side(configs.version(questionId, a)),
                side(configs.version(questionId, b))));
    }

    private ConfigDiff.Side side(QuestionConfigEntity c) {
        ConfigVersions.Shown shown = configs.shownWith(List.of(c)).get(0);
        return new ConfigDiff.Side(shown.title(), shown.prompt(), shown.points(), config(c), c.getExpectedApproach(),
                configs.testsOf(c));
    }

    /** A new version equal to version {@code version}, through the question's tests as any save; history stays. */
    public ConfigVersion restore(String questionId, int version, String reason, String actor) {
        return of(configs.restore(questionId, version, reason, actor));
    }

    /**
     * Keeps a preview as a test: the answer graded with the configuration in force (as a preview, nothing stored for a
     * student), then appended to the question's tests with its score and notes as the expectation, in a new version
     * ("test added"). UNPROCESSABLE when the grader failed on it (an error is no expectation).
     */
    public ConfigVersion addTest(String questionId, String name, String answer, String actor) {
        Grade grade = grading.preview(questionId, new Answer(answer, List.of()), Optional.empty()).grade();
        if (grade.status() == Grade.Status.ERROR) {
            throw new AssayException(AssayException.Kind.UNPROCESSABLE, "The grader failed on this answer ("
                    + grade.feedback().stream().map(b -> b.markdown()).findFirst().orElse("no detail")
                    + "), so it cannot be kept as a test; nothing was saved.");
        }
        QuestionConfigEntity current = configs.byId(grading.question(questionId).configId()).orElseThrow();
        List<QuestionTest> tests = new ArrayList<>(tests(questionId));
        tests.add(new QuestionTest(name, answer, Map.of(), grade.score(), grade.notes()));
        return of(configs.change(questionId, (ObjectNode) config(current), current.getExpectedApproach(), "test added",
                actor, Optional.of(tests)));
    }

    /**
     * A new configuration version, checked against the question's plugin first (INVALID naming the fields when it does
     * not fit; CONFLICT when the plugin is not installed); an unchanged configuration makes no version.
     */
    public ConfigVersion changeConfig(String questionId, ObjectNode config, String expectedApproach, String reason, String actor) {
        return of(configs.change(questionId, config, expectedApproach, reason, actor));
    }

    /**
     * As {@link #changeConfig(String, ObjectNode, String, String, String)}, after the question's tests pass with the new
     * configuration: {@code tests} when given (the whole new list, stored with the version), else those standing.
     * Refused with each failing test listed (UNPROCESSABLE) and nothing stored when one fails.
     */
    public ConfigVersion changeConfig(String questionId, ObjectNode config, String expectedApproach, String reason, String actor,
                                      Optional<List<QuestionTest>> tests) {
        return of(configs.change(questionId, config, expectedApproach, reason, actor, tests));
    }

    /**
     * An instructor's save of a question (configuration, approach, tests, title, prompt, points) as a new version, after
     * the question's tests pass with it; see {@link QuestionEdit} for each part, and
     * {@link #changeConfig(String, ObjectNode, String, String, String, Optional)} for the refusals. CONFLICT, naming who
     * saved which version when, when the edit's base version is no longer in force. The tests run outside any
     * transaction; the version is then stored in a short one.
     */
    public ConfigVersion edit(String questionId, QuestionEdit edit, String actor) {
        return of(configs.change(questionId, edit, actor));
    }

    private ConfigVersion of(QuestionConfigEntity c) {
        return of(c, configs.testsOf(c), configs.shownWith(List.of(c)).get(0));
    }

    private static ConfigVersion of(QuestionConfigEntity c, List<QuestionTest> tests, ConfigVersions.Shown shown) {
        return new ConfigVersion(c.getQuestionId(), c.getVersion(), c.getPluginId(), config(c), c.getExpectedApproach(),
                c.getCreatedAt(), c.getCreatedBy(), c.getReason(), tests, shown.title(), shown.prompt(), shown.points());
    }

    private static JsonNode config(QuestionConfigEntity c) {
        try {
            return Json.json().readTree(c.getConfigJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
