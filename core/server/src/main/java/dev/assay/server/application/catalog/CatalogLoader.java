package dev.assay.server.application.catalog;

import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackException;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackProblem;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.engine.GradingRuntime;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.PackRepository;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Loading packs as they stand: each stored pack with its questions' fields and configurations in force, prepared for
 * the engine and put in the {@link QuestionCatalog} (at start, and after an import); the same pack is what an export
 * gives. Checking a pack or a configuration against the installed plugins is the engine's loader's.
 */
@ApplicationScoped
public class CatalogLoader {
    private static final Logger LOG = Logger.getLogger(CatalogLoader.class.getName());

    @Inject
    PackRepository packs;

    @Inject
    QuestionRepository questions;

    @Inject
    QuestionCatalog catalog;

    @Inject
    GradingRuntime runtime;

    /** What is wrong with a pack's configurations, for the plugins installed; empty when nothing is. */
    public List<PackProblem> problems(CoursePack pack) {
        PackLoader loader = runtime.engines().loader();
        return loader.configProblems(loader.load(pack));
    }

    /** A question definition prepared for its plugin (or saying why it cannot be). */
    CatalogQuestion prepare(QuestionDef q, CoursePack pack) {
        return runtime.engines().loader().prepare(q, pack::file);
    }

    /** Rebuilds the catalog entries of one pack from the database (after an import or at start). */
    @Transactional
    public void reload(String packId) {
        // Read first: a change committed while this loads makes the next poll load the pack again (never the reverse).
        long version = packs.catalogVersion(packId);
        CoursePack pack = asNow(packId);
        catalog.put(pack);
        for (QuestionDef q : pack.questions()) {
            QuestionConfigEntity c = questions.currentConfig(q.id()).orElseThrow();
            CatalogQuestion prepared = prepare(q, pack);
            catalog.put(new QuestionCatalog.Entry(prepared, c.getId(), c.getVersion()));
            if (prepared.state() != QuestionState.READY) {
                LOG.warning(() -> q.id() + ": " + String.join("; ", prepared.problemLines()));
            }
        }
        catalog.loaded(packId, version);
    }

    /** The stored pack with each question's fields and configuration in force: what an export gives. */
    @Transactional
    public CoursePack storedPackAsNow(String packId) {
        return asNow(packId);
    }

    /** A question's tests as the stored pack has them (what a version saved without tests of its own runs). */
    @Transactional
    public List<QuestionTest> packTests(String questionId) {
        String packId = QuestionIds.packOf(questionId);
        packs.find(packId).orElseThrow(() -> AssayException.notFound("No pack '" + packId + "' on this server."));
        return packQuestion(questionId).map(QuestionDef::tests).orElse(List.of());
    }

    /** A question as the stored pack has it (title, prompt, points, tests); empty when the pack or question is gone. */
    @Transactional
    public Optional<QuestionDef> packQuestion(String questionId) {
        String packId = QuestionIds.packOf(questionId);
        return packs.find(packId).flatMap(stored -> readStored(packId, stored.getArchive()).questions().stream()
                .filter(q -> q.id().equals(questionId)).findFirst());
    }

    private CoursePack asNow(String packId) {
        CoursePackEntity stored = packs.find(packId)
                .orElseThrow(() -> AssayException.notFound("No pack '" + packId + "' on this server."));
        CoursePack archived = readStored(packId, stored.getArchive());
        List<QuestionDef> now = new ArrayList<>();
        for (QuestionDef q : archived.questions()) {
            // Title, prompt and points in force may differ from the archive's (kept over a packs folder's change).
            QuestionEntity row = questions.find(q.id()).orElseThrow();
            QuestionConfigEntity c = questions.currentConfig(q.id()).orElseThrow();
            now.add(new QuestionDef(q.id(), row.getTitle(), row.getPrompt(), row.getPoints(), c.getPluginId(),
                    QuestionFields.configObject(c.getConfigJson()), c.getExpectedApproach(),
                    c.getTestsJson() == null ? q.tests() : QuestionTests.fromJson(c.getTestsJson())));
        }
        return new CoursePack(archived.manifest(), now, archived.files());
    }

    static CoursePack readStored(String packId, byte[] archive) {
        try {
            return PackReader.readZip(archive);
        } catch (PackException e) {
            throw new IllegalStateException("stored pack " + packId + " no longer reads: " + e.getMessage(), e);
        }
    }
}
