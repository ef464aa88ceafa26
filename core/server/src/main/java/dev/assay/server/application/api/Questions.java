package dev.assay.server.application.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Attachment;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.ConfigVersions;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.domain.model.QuestionConfigEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
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
        return new Question(d.id(), id.substring(0, id.indexOf('/')), d.title(), d.prompt(), d.points(), d.plugin(),
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
        return configs.versions(questionId).stream().map(Questions::of).toList();
    }

    /**
     * A new configuration version, checked against the question's plugin first (INVALID naming the fields when it does
     * not fit; CONFLICT when the plugin is not installed); an unchanged configuration makes no version.
     */
    public ConfigVersion changeConfig(String questionId, ObjectNode config, String expectedApproach, String reason, String actor) {
        return of(configs.change(questionId, config, expectedApproach, reason, actor));
    }

    static ConfigVersion of(QuestionConfigEntity c) {
        try {
            return new ConfigVersion(c.getQuestionId(), c.getVersion(), c.getPluginId(), Json.json().readTree(c.getConfigJson()),
                    c.getExpectedApproach(), c.getCreatedAt(), c.getCreatedBy(), c.getReason());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
