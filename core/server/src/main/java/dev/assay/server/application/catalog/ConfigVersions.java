package dev.assay.server.application.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.application.engine.GradingRuntime;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Versions of questions' grading configurations: each change is a new version, checked against its plugin first; the
 * versions before stay, and every grade names the version it was given with.
 */
@ApplicationScoped
public class ConfigVersions {
    @Inject
    QuestionRepository questions;

    @Inject
    QuestionCatalog catalog;

    @Inject
    CatalogLoader loader;

    @Inject
    PackConflicts conflicts;

    @Inject
    AuditLog audit;

    @Inject
    GradingRuntime runtime;

    @Transactional
    public List<QuestionConfigEntity> versions(String questionId) {
        return questions.versions(questionId);
    }

    @Transactional
    public Optional<QuestionConfigEntity> byId(long id) {
        return questions.config(id);
    }

    /** The version number of a configuration (0 for one no longer stored). */
    @Transactional
    public int versionOf(long configId) {
        return questions.config(configId).map(QuestionConfigEntity::getVersion).orElse(0);
    }

    /**
     * Makes a new configuration version of a question, after validating it against its plugin's type.
     * An unchanged configuration makes no version.
     */
    @Transactional
    public QuestionConfigEntity change(String questionId, ObjectNode config, String expectedApproach, String reason,
                                       String actor) {
        return change(questionId, config, expectedApproach, reason, actor, Optional.empty());
    }

    /**
     * Makes a new configuration version as {@link #change(String, ObjectNode, String, String, String)} does, after the
     * question's tests pass with it: {@code newTests} when given (then stored with the version), else the tests as they
     * stand. Refused when a test fails ({@link QuestionTests.Failed}, each failing test listed) or a given test is wrong
     * (INVALID); nothing is stored then. A question without tests saves as before.
     */
    @Transactional
    public QuestionConfigEntity change(String questionId, ObjectNode config, String expectedApproach, String reason,
                                       String actor, Optional<List<QuestionTest>> newTests) {
        QuestionDef def = question(questionId).question().def();
        String approach = expectedApproach == null ? def.expectedApproach() : expectedApproach;
        CoursePack pack = packOf(questionId);
        newTests.ifPresent(t -> QuestionTests.check(t, pack));
        List<QuestionTest> tests = newTests.orElse(def.tests());
        CatalogQuestion prepared = checked(questionId, config, approach, tests, "the current version stays in force");
        QuestionConfigEntity current = questions.currentConfig(questionId).orElseThrow();
        if (sameConfig(current, def.plugin(), config, approach) && tests.equals(def.tests())) {
            return current;
        }
        List<QuestionTests.Failure> failures = QuestionTests.failures(run(pack, prepared));
        if (!failures.isEmpty()) {
            throw new QuestionTests.Failed(questionId, failures);
        }
        String testsJson = newTests.isPresent() ? QuestionTests.toJson(tests) : current.getTestsJson();
        QuestionConfigEntity next = new QuestionConfigEntity(questionId, current.getVersion() + 1, def.plugin(),
                Json.write(config), approach, AuditLog.now(), actor, reason == null || reason.isBlank() ? "edited" : reason,
                testsJson);
        questions.addConfig(next);
        QuestionEntity row = questions.find(questionId).orElseThrow();
        row.useVersion(next.getVersion(), def.plugin());
        conflicts.settle(questionId, QuestionFields.inForce(row, next));
        audit.record(actor, "question.config", "question", questionId, "version " + next.getVersion() + ": " + next.getReason());
        catalog.put(new QuestionCatalog.Entry(prepared, next.getId(), next.getVersion()));
        return next;
    }

    /**
     * A new version equal to version {@code version} (its configuration, approach and tests), through the same checks and
     * tests as any change; the versions between stay. Not found when there is no such version; CONFLICT when it was for
     * another plugin than the question's now.
     */
    @Transactional
    public QuestionConfigEntity restore(String questionId, int version, String reason, String actor) {
        QuestionDef def = question(questionId).question().def();
        QuestionConfigEntity old = version(questionId, version);
        if (!old.getPluginId().equals(def.plugin())) {
            throw new AssayException(AssayException.Kind.CONFLICT, "Version " + version + " was for the plugin '"
                    + old.getPluginId() + "', and the question is now graded by '" + def.plugin() + "'; it cannot be restored.");
        }
        return change(questionId, QuestionFields.configObject(old.getConfigJson()), old.getExpectedApproach(),
                reason == null || reason.isBlank() ? "restored version " + version : reason, actor,
                Optional.of(testsOf(old)));
    }

    /** One version of a question's configuration; not found when there is none. */
    @Transactional
    public QuestionConfigEntity version(String questionId, int version) {
        return questions.versions(questionId).stream().filter(v -> v.getVersion() == version).findFirst()
                .orElseThrow(() -> AssayException.notFound("The question '" + questionId + "' has no configuration version "
                        + version + "; GET …/config/versions lists them."));
    }

    /** The question's tests with a version: those saved with it, or (for a version saved without) the stored pack's. */
    @Transactional
    public List<QuestionTest> testsOf(QuestionConfigEntity version) {
        return testsOf(List.of(version)).get(0);
    }

    /** The tests with each of a question's versions, in their order; the stored pack is read once at most. */
    @Transactional
    public List<List<QuestionTest>> testsOf(List<QuestionConfigEntity> versions) {
        List<QuestionTest> packTests = versions.stream().anyMatch(v -> v.getTestsJson() == null)
                ? loader.packTests(versions.get(0).getQuestionId()) : List.of();
        return versions.stream().map(v -> v.getTestsJson() != null ? QuestionTests.fromJson(v.getTestsJson()) : packTests)
                .toList();
    }

    private List<QuestionTestRunner.Result> run(CoursePack pack, CatalogQuestion prepared) {
        QuestionTestRunner runner = new QuestionTestRunner(runtime.engines().engine());
        List<QuestionTest> tests = prepared.def().tests();
        List<QuestionTestRunner.Result> results = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            results.add(runner.run(pack, prepared, i, tests.get(i)));
        }
        return results;
    }

    private CoursePack packOf(String questionId) {
        return catalog.pack(questionId.substring(0, questionId.indexOf('/'))).orElseThrow();
    }

    /**
     * The question prepared with a draft configuration, checked against its plugin's type as a change is, and neither
     * stored nor put in the catalog: what a preview grades with. INVALID naming each field that does not fit
     * ({@code config.<field>}); CONFLICT when the plugin is not installed.
     */
    public CatalogQuestion draft(String questionId, ObjectNode config) {
        QuestionDef def = question(questionId).question().def();
        return checked(questionId, config, def.expectedApproach(), def.tests(), "nothing was graded");
    }

    private QuestionCatalog.Entry question(String questionId) {
        return catalog.question(questionId)
                .orElseThrow(() -> AssayException.notFound("No question '" + questionId + "' on this server."));
    }

    /** The question with this configuration, prepared for its plugin; refused (saying {@code outcome}) when it does not fit. */
    private CatalogQuestion checked(String questionId, ObjectNode config, String approach, List<QuestionTest> tests,
                                    String outcome) {
        QuestionDef def = question(questionId).question().def();
        QuestionDef changed = new QuestionDef(def.id(), def.title(), def.prompt(), def.points(), def.plugin(), config,
                approach, tests);
        CoursePack pack = packOf(questionId);
        CatalogQuestion prepared = loader.prepare(changed, pack);
        if (prepared.state() == QuestionState.PLUGIN_NOT_INSTALLED) {
            throw new AssayException(AssayException.Kind.CONFLICT, "The plugin '" + def.plugin()
                    + "' is not installed, so this configuration cannot be checked. Install the plugin first.");
        }
        if (prepared.state() == QuestionState.INVALID_CONFIG) {
            List<AssayException.Problem> problems = prepared.problems().stream()
                    .map(p -> new AssayException.Problem(p.path(), p.message())).toList();
            throw new AssayException(AssayException.Kind.INVALID, "The configuration does not fit the plugin '"
                    + def.plugin() + "'; " + outcome + ".", problems);
        }
        return prepared;
    }

    private static boolean sameConfig(QuestionConfigEntity c, String plugin, JsonNode config, String approach) {
        try {
            return c.getPluginId().equals(plugin) && Json.json().readTree(c.getConfigJson()).equals(config)
                    && Objects.equals(c.getExpectedApproach(), approach);
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
