package dev.assay.server.application.catalog;

import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Stores a question edit whose tests have passed, as the next configuration version, in one short transaction: the
 * question's row is locked, the version in force checked again (another save may have come in while the tests ran), the
 * version added and put in force. Separate from {@link ConfigVersions} so that its transaction starts here, after the
 * tests, and not around them.
 */
@ApplicationScoped
public class ConfigVersionStore {
    @Inject
    QuestionRepository questions;

    @Inject
    QuestionCatalog catalog;

    @Inject
    PackConflicts conflicts;

    @Inject
    dev.assay.server.domain.repository.PackRepository packs;

    @Inject
    AuditLog audit;

    @Transactional
    public QuestionConfigEntity store(ConfigDraft draft, String actor) {
        String questionId = draft.questionId();
        QuestionEntity row = questions.findForUpdate(questionId).orElseThrow();
        QuestionConfigEntity current = questions.currentConfig(questionId).orElseThrow();
        if (current.getVersion() != draft.current().getVersion()) {
            throw savedMeanwhile(questionId, draft.current().getVersion(), current);
        }
        QuestionDef def = draft.prepared().def();
        String testsJson = draft.testsGiven() ? QuestionTests.toJson(def.tests()) : current.getTestsJson();
        QuestionConfigEntity next = new QuestionConfigEntity(questionId, current.getVersion() + 1, def.plugin(),
                Json.write(def.config()), def.expectedApproach(), AuditLog.now(), actor, draft.reason(), testsJson)
                .describing(def.title(), def.prompt(), def.points(), def.tests().isEmpty()
                        ? QuestionConfigEntity.TestsStatus.NONE : QuestionConfigEntity.TestsStatus.PASSING);
        questions.addConfig(next);
        row.describe(def.title(), def.prompt(), def.points());
        row.useVersion(next.getVersion(), def.plugin());
        conflicts.settle(questionId, QuestionFields.inForce(row, next));
        audit.record(actor, "question.config", "question", questionId, "version " + next.getVersion() + ": " + next.getReason());
        catalog.put(new QuestionCatalog.Entry(draft.prepared(), next.getId(), next.getVersion()));
        // The other nodes reload the pack when they see its catalog version move (CatalogRefresh).
        catalog.changedHere(row.getPackId(), packs.bumpCatalogVersion(row.getPackId()));
        return next;
    }

    /**
     * The refusal of a save based on version {@code base} while {@code inForce} is: who saved which version when. The
     * instructor's edit is still in their form; nothing is overwritten.
     */
    static AssayException savedMeanwhile(String questionId, int base, QuestionConfigEntity inForce) {
        return new AssayException(AssayException.Kind.CONFLICT, "Version " + inForce.getVersion() + " of '" + questionId
                + "' was saved by " + inForce.getCreatedBy() + " at " + inForce.getCreatedAt() + " (" + inForce.getReason()
                + ") after version " + base + ", which your edit started from; nothing was saved. Reload to see it; your "
                + "edit is not lost: it is still in your form.");
    }
}
