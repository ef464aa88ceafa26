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
import dev.assay.server.application.api.QuestionEdit;
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
    GradingRuntime runtime;

    @Inject
    ConfigVersionStore store;

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
    public QuestionConfigEntity change(String questionId, ObjectNode config, String expectedApproach, String reason,
                                       String actor) {
        return change(questionId, QuestionEdit.ofConfig(config, expectedApproach, reason, Optional.empty()), actor);
    }

    /** As {@link #change(String, QuestionEdit, String)}, for the configuration, approach and tests alone. */
    public QuestionConfigEntity change(String questionId, ObjectNode config, String expectedApproach, String reason,
                                       String actor, Optional<List<QuestionTest>> newTests) {
        return change(questionId, QuestionEdit.ofConfig(config, expectedApproach, reason, newTests), actor);
    }

    /**
     * Makes a new configuration version (with the question's title, prompt and points) after the question's tests pass
     * with it: the edit's tests when given (then stored with the version), else the tests as they stand. Refused when a
     * test fails ({@link QuestionTests.Failed}, each failing test listed), a given test is wrong (INVALID), or another
     * version came into force since the edit's base version (CONFLICT); nothing is stored then. An unchanged question
     * makes no version.
     *
     * <p>Deliberately not transactional: the tests run first, through the engine and under its time limits (hw7 8.b
     * trains models for seconds), with no connection or lock held; only then {@link ConfigVersionStore} stores the
     * version in a short transaction that checks again which version is in force.
     */
    public QuestionConfigEntity change(String questionId, QuestionEdit edit, String actor) {
        ConfigDraft draft = draft(questionId, edit);
        if (draft.unchanged()) {
            return draft.current();
        }
        List<QuestionTests.Failure> failures = QuestionTests.failures(run(draft.pack(), draft.prepared()));
        if (!failures.isEmpty()) {
            throw new QuestionTests.Failed(questionId, failures);
        }
        return store.store(draft, actor);
    }

    /** The edit checked and prepared against the version in force now, read outside any transaction; nothing stored. */
    ConfigDraft draft(String questionId, QuestionEdit edit) {
        QuestionDef def = question(questionId).question().def();
        QuestionConfigEntity current = questions.currentConfig(questionId).orElseThrow();
        if (edit.baseVersion() != null && edit.baseVersion() != current.getVersion()) {
            throw ConfigVersionStore.savedMeanwhile(questionId, edit.baseVersion(), current);
        }
        String approach = edit.expectedApproach() == null ? def.expectedApproach() : edit.expectedApproach();
        String title = edit.title() == null ? def.title() : edit.title().strip();
        String prompt = edit.prompt() == null ? def.prompt() : edit.prompt();
        double points = edit.points() == null ? def.points() : edit.points();
        List<AssayException.Problem> problems = new ArrayList<>();
        if (title.isEmpty()) {
            problems.add(new AssayException.Problem("title", "must not be blank"));
        }
        if (!Double.isFinite(points) || points <= 0 || points > QuestionEdit.MAX_POINTS) {
            problems.add(new AssayException.Problem("points", "must be a number above 0 and at most "
                    + (long) QuestionEdit.MAX_POINTS + ", not " + points));
        }
        if (!problems.isEmpty()) {
            throw new AssayException(AssayException.Kind.INVALID, "The question's " + problems.get(0).field()
                    + " is not valid; the current version stays in force.", problems);
        }
        CoursePack pack = packOf(questionId);
        edit.tests().ifPresent(t -> QuestionTests.check(t, pack));
        List<QuestionTest> tests = edit.tests().orElse(def.tests());
        QuestionDef changed = new QuestionDef(def.id(), title, prompt, points, def.plugin(), edit.config(), approach, tests);
        CatalogQuestion prepared = checked(changed, "the current version stays in force");
        boolean unchanged = sameConfig(current, def.plugin(), edit.config(), approach) && tests.equals(def.tests())
                && title.equals(def.title()) && Objects.equals(prompt, def.prompt()) && points == def.points();
        String reason = edit.reason() == null || edit.reason().isBlank() ? "edited" : edit.reason();
        return new ConfigDraft(questionId, current, pack, prepared, edit.tests().isPresent(), reason, unchanged);
    }

    /**
     * A new version equal to version {@code version} (its configuration, approach, tests, title, prompt and points),
     * through the same checks and tests as any change; the versions between stay. Not found when there is no such
     * version; CONFLICT when it was for another plugin than the question's now. Not transactional, as a change.
     */
    public QuestionConfigEntity restore(String questionId, int version, String reason, String actor) {
        QuestionDef def = question(questionId).question().def();
        QuestionConfigEntity old = version(questionId, version);
        if (!old.getPluginId().equals(def.plugin())) {
            throw new AssayException(AssayException.Kind.CONFLICT, "Version " + version + " was for the plugin '"
                    + old.getPluginId() + "', and the question is now graded by '" + def.plugin() + "'; it cannot be restored.");
        }
        Shown shown = shownWith(List.of(old)).get(0);
        return change(questionId, new QuestionEdit(QuestionFields.configObject(old.getConfigJson()), old.getExpectedApproach(),
                reason == null || reason.isBlank() ? "restored version " + version : reason, Optional.of(testsOf(old)),
                shown.title(), shown.prompt(), shown.points(), null), actor);
    }

    /** A question's title, prompt and points as a version shows them. */
    public record Shown(String title, String prompt, double points) {
    }

    /**
     * The title, prompt and points with each of a question's versions: those saved with it, or for a version saved
     * without (before schema V11, or by a pack import), the question as it then stood: the stored pack's (read once at
     * most), else the question's now. Never fails for stored data.
     */
    @Transactional
    public List<Shown> shownWith(List<QuestionConfigEntity> versions) {
        Optional<QuestionDef> fromPack = Optional.empty();
        Shown now = null;
        List<Shown> shown = new ArrayList<>();
        for (QuestionConfigEntity v : versions) {
            if (v.getTitle() != null && v.getPrompt() != null && v.getPoints() != null) {
                shown.add(new Shown(v.getTitle(), v.getPrompt(), v.getPoints()));
                continue;
            }
            if (now == null) {
                fromPack = loader.packQuestion(v.getQuestionId());
                QuestionEntity row = questions.find(v.getQuestionId()).orElse(null);
                now = fromPack.map(d -> new Shown(d.title(), d.prompt(), d.points()))
                        .orElse(row == null ? new Shown(v.getQuestionId(), "", 1) : new Shown(row.getTitle(), row.getPrompt(), row.getPoints()));
            }
            shown.add(new Shown(v.getTitle() != null ? v.getTitle() : now.title(),
                    v.getPrompt() != null ? v.getPrompt() : now.prompt(), v.getPoints() != null ? v.getPoints() : now.points()));
        }
        return shown;
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

    /** The question's tests with the draft, through the engine (under its time limits). */
    List<QuestionTestRunner.Result> run(CoursePack pack, CatalogQuestion prepared) {
        QuestionTestRunner runner = new QuestionTestRunner(runtime.engines().engine());
        List<QuestionTest> tests = prepared.def().tests();
        List<QuestionTestRunner.Result> results = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            results.add(runner.run(pack, prepared, i, tests.get(i)));
        }
        return results;
    }

    private CoursePack packOf(String questionId) {
        return catalog.pack(QuestionIds.packOf(questionId)).orElseThrow();
    }

    /**
     * The question prepared with a draft configuration, checked against its plugin's type as a change is, and neither
     * stored nor put in the catalog: what a preview grades with. INVALID naming each field that does not fit
     * ({@code config.<field>}); CONFLICT when the plugin is not installed.
     */
    public CatalogQuestion draft(String questionId, ObjectNode config) {
        QuestionDef def = question(questionId).question().def();
        return checked(new QuestionDef(def.id(), def.title(), def.prompt(), def.points(), def.plugin(), config,
                def.expectedApproach(), def.tests()), "nothing was graded");
    }

    private QuestionCatalog.Entry question(String questionId) {
        return catalog.question(questionId)
                .orElseThrow(() -> AssayException.notFound("No question '" + questionId + "' on this server."));
    }

    /** The question as {@code changed} says, prepared for its plugin; refused (saying {@code outcome}) when it does not fit. */
    private CatalogQuestion checked(QuestionDef changed, String outcome) {
        CoursePack pack = packOf(changed.id());
        CatalogQuestion prepared = loader.prepare(changed, pack);
        if (prepared.state() == QuestionState.PLUGIN_NOT_INSTALLED) {
            throw new AssayException(AssayException.Kind.CONFLICT, "The plugin '" + changed.plugin()
                    + "' is not installed, so this configuration cannot be checked. Install the plugin first.");
        }
        if (prepared.state() == QuestionState.INVALID_CONFIG) {
            List<AssayException.Problem> problems = prepared.problems().stream()
                    .map(p -> new AssayException.Problem(p.path(), p.message())).toList();
            throw new AssayException(AssayException.Kind.INVALID, "The configuration does not fit the plugin '"
                    + changed.plugin() + "'; " + outcome + ".", problems);
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
