package dev.assay.server.application.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
        QuestionDef def = question(questionId).question().def();
        String approach = expectedApproach == null ? def.expectedApproach() : expectedApproach;
        CatalogQuestion prepared = checked(questionId, config, approach, "the current version stays in force");
        QuestionConfigEntity current = questions.currentConfig(questionId).orElseThrow();
        if (sameConfig(current, def.plugin(), config, approach)) {
            return current;
        }
        QuestionConfigEntity next = new QuestionConfigEntity(questionId, current.getVersion() + 1, def.plugin(),
                Json.write(config), approach, AuditLog.now(), actor, reason == null || reason.isBlank() ? "edited" : reason);
        questions.addConfig(next);
        QuestionEntity row = questions.find(questionId).orElseThrow();
        row.useVersion(next.getVersion(), def.plugin());
        conflicts.settle(questionId, QuestionFields.inForce(row, next));
        audit.record(actor, "question.config", "question", questionId, "version " + next.getVersion() + ": " + next.getReason());
        catalog.put(new QuestionCatalog.Entry(prepared, next.getId(), next.getVersion()));
        return next;
    }

    /**
     * The question prepared with a draft configuration, checked against its plugin's type as a change is, and neither
     * stored nor put in the catalog: what a preview grades with. INVALID naming each field that does not fit
     * ({@code config.<field>}); CONFLICT when the plugin is not installed.
     */
    public CatalogQuestion draft(String questionId, ObjectNode config) {
        QuestionDef def = question(questionId).question().def();
        return checked(questionId, config, def.expectedApproach(), "nothing was graded");
    }

    private QuestionCatalog.Entry question(String questionId) {
        return catalog.question(questionId)
                .orElseThrow(() -> AssayException.notFound("No question '" + questionId + "' on this server."));
    }

    /** The question with this configuration, prepared for its plugin; refused (saying {@code outcome}) when it does not fit. */
    private CatalogQuestion checked(String questionId, ObjectNode config, String approach, String outcome) {
        QuestionDef def = question(questionId).question().def();
        QuestionDef changed = def.withConfig(config, approach);
        CoursePack pack = catalog.pack(questionId.substring(0, questionId.indexOf('/'))).orElseThrow();
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
