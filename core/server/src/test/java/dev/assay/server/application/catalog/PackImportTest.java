package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.AssignmentDef;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackManifest;
import dev.assay.engine.pack.PackProblem;
import dev.assay.engine.pack.PackWriter;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.fakes.FakeAuditRepository;
import dev.assay.server.fakes.FakeCatalogRepositories;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pack import's decisions, without a container: what is new, what is unchanged, what the packs folder may change
 * and where Assay's own change stands, and what an upload takes.
 */
class PackImportTest {
    FakeCatalogRepositories stored;
    FakeAuditRepository audit;
    List<PackProblem> problems;
    PackImport imports;

    @BeforeEach
    void importer() {
        stored = new FakeCatalogRepositories();
        audit = new FakeAuditRepository();
        problems = List.of();
        PackConflicts conflicts = new PackConflicts();
        conflicts.packs = stored.packs;
        conflicts.questions = stored.questions;
        CatalogLoader loader = new CatalogLoader() {
            @Override
            public List<PackProblem> problems(CoursePack pack) {
                return problems;
            }
        };
        AuditLog log = new AuditLog(audit);
        imports = new PackImport();
        imports.packs = stored.packs;
        imports.questions = stored.questions;
        imports.assignments = stored.assignments;
        imports.conflicts = conflicts;
        imports.loader = loader;
        imports.audit = log;
    }

    static ObjectNode config(int threshold) {
        return Json.json().createObjectNode().put("threshold", threshold);
    }

    static CoursePack pack(String title, String prompt, int threshold) {
        return new CoursePack(new PackManifest("p", "P", "1", "", List.of(new AssignmentDef("hw", "Homework", List.of("p/q")))),
                List.of(new QuestionDef("p/q", title, prompt, 4, "it-exact", config(threshold), "", List.of())), new TreeMap<>());
    }

    PackImport.ImportResult fromFolder(CoursePack pack) {
        return imports.importPack(pack, PackImport.FOLDER, PacksFolder.SYSTEM);
    }

    /** As an instructor uploads it: a zip over the API. */
    PackImport.ImportResult upload(CoursePack pack) {
        return imports.importUpload(PackWriter.zip(pack), "prof");
    }

    QuestionEntity question() {
        return stored.questions.find("p/q").orElseThrow();
    }

    @Test
    void aNewPackGetsVersionOneOfEachQuestionItsAssignmentsAndItsSource() {
        PackImport.ImportResult r = fromFolder(pack("Q", "Say it.", 1));
        assertThat(r.unchanged()).isFalse();
        assertThat(r.newVersions()).containsExactly("p/q v1");
        assertThat(question().getTitle()).isEqualTo("Q");
        assertThat(stored.questions.currentConfig("p/q").orElseThrow().getConfigJson()).isEqualTo("{\"threshold\":1}");
        assertThat(stored.assignments.byKey("p", "hw").orElseThrow().questionIdList()).containsExactly("p/q");
        assertThat(stored.packs.sources("p")).singleElement().satisfies(s -> assertThat(s.source()).isEqualTo("folder"));
        assertThat(audit.entries).singleElement().satisfies(e -> assertThat(e.getAction()).isEqualTo("pack.import"));
    }

    static CoursePack packWithTests(QuestionTest... tests) {
        CoursePack plain = pack("Q", "Say it.", 1);
        QuestionDef q = plain.questions().get(0);
        return new CoursePack(plain.manifest(), List.of(new QuestionDef(q.id(), q.title(), q.prompt(), q.points(), q.plugin(),
                q.config(), q.expectedApproach(), List.of(tests))), new TreeMap<>());
    }

    @Test
    void anUploadTakesThePacksTestsOverTestsSavedInAssay() {
        QuestionTest right = new QuestionTest("", "42", Map.of(), 1, List.of("EXACT"));
        QuestionTest edited = new QuestionTest("", "43", Map.of(), 1, List.of("EXACT"));
        upload(packWithTests(right));
        // A save in Assay with the tests updated (ConfigVersions.change): same configuration, its own tests.
        stored.questions.addConfig(new QuestionConfigEntity("p/q", 2, "it-exact", "{\"threshold\":1}", "", AuditLog.now(),
                "prof", "edited", QuestionTests.toJson(List.of(edited))));
        question().useVersion(2, "it-exact");

        PackImport.ImportResult again = upload(packWithTests(right));

        assertThat(again.unchanged()).as("the pack stored, but not its tests in force").isFalse();
        assertThat(again.newVersions()).containsExactly("p/q v3");
        assertThat(stored.questions.currentConfig("p/q").orElseThrow().getTestsJson()).as("the pack's tests").isNull();
        assertThat(upload(packWithTests(right)).unchanged()).isTrue();
    }

    @Test
    void theSameFolderAgainIsUnchangedAndWritesNothing() {
        fromFolder(pack("Q", "Say it.", 1));
        PackImport.ImportResult again = fromFolder(pack("Q", "Say it.", 1));
        assertThat(again.unchanged()).isTrue();
        assertThat(stored.questions.versions("p/q")).hasSize(1);
        assertThat(audit.entries).hasSize(1);
    }

    @Test
    void whatOnlyTheFolderChangedIsTakenAndAChangedConfigurationIsANewVersion() {
        fromFolder(pack("Q", "Say it.", 1));
        PackImport.ImportResult r = fromFolder(pack("Q", "Say it well.", 2));
        assertThat(r.newVersions()).containsExactly("p/q v2");
        assertThat(r.conflicts()).isEmpty();
        assertThat(question().getPrompt()).isEqualTo("Say it well.");
        assertThat(question().getCurrentVersion()).isEqualTo(2);
    }

    @Test
    void whereAssayAndTheFolderBothChangedAFieldAssaysStaysAndTheConflictIsRecordedUntilSettled() {
        fromFolder(pack("Q", "Say it.", 1));
        question().describe("Q (edited in Assay)", "Say it.", 4);
        PackImport.ImportResult r = fromFolder(pack("Q from the folder", "Say it.", 1));
        assertThat(r.conflicts()).containsExactly("p/q title");
        assertThat(question().getTitle()).isEqualTo("Q (edited in Assay)");
        assertThat(imports.conflicts.open("p")).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("title");
            assertThat(c.sourceValue().asText()).isEqualTo("Q from the folder");
        });

        PackImport.ImportResult unrelated = fromFolder(pack("Q from the folder", "Say it, now.", 1));
        assertThat(unrelated.conflicts()).as("an unrelated change of the folder keeps the conflict").containsExactly("p/q title");
        assertThat(question().getPrompt()).isEqualTo("Say it, now.");

        PackImport.ImportResult upload = upload(pack("Q from the folder", "Say it, now.", 1));
        assertThat(upload.unchanged()).isFalse();
        assertThat(question().getTitle()).as("an upload takes every field").isEqualTo("Q from the folder");
        assertThat(imports.conflicts.open("p")).as("the instructor chose: settled").isEmpty();
        assertThat(stored.packs.conflicts).isEmpty();
    }

    @Test
    void aFieldOnlyAssayChangedStaysQuietly() {
        fromFolder(pack("Q", "Say it.", 1));
        question().describe("Q (edited in Assay)", "Say it.", 4);
        PackImport.ImportResult r = fromFolder(pack("Q", "Say it, please.", 1));
        assertThat(r.conflicts()).isEmpty();
        assertThat(question().getTitle()).isEqualTo("Q (edited in Assay)");
        assertThat(question().getPrompt()).isEqualTo("Say it, please.");
    }

    @Test
    void anUploadOfThePackAsItStandsIsUnchangedButNotAfterAnEditInAssay() {
        upload(pack("Q", "Say it.", 1));
        assertThat(upload(pack("Q", "Say it.", 1)).unchanged()).isTrue();
        question().describe("Q (edited in Assay)", "Say it.", 4);
        PackImport.ImportResult again = upload(pack("Q", "Say it.", 1));
        assertThat(again.unchanged()).as("uploading the pack is how its version is taken back").isFalse();
        assertThat(question().getTitle()).isEqualTo("Q");
    }

    @Test
    void aQuestionCannotMoveBetweenPacks() {
        fromFolder(pack("Q", "Say it.", 1));
        CoursePack other = new CoursePack(new PackManifest("other", "O", "1", "", List.of()),
                List.of(new QuestionDef("p/q", "Q", "", 1, "it-exact", config(1), "", List.of())), new TreeMap<>());
        assertThatThrownBy(() -> fromFolder(other)).isInstanceOfSatisfying(AssayException.class, e -> {
            assertThat(e.kind()).isEqualTo(AssayException.Kind.CONFLICT);
            assertThat(e.getMessage()).contains("belongs to pack p");
        });
    }

    @Test
    void aPackWithProblemsIsRefusedWithEachProblemAndNothingIsStored() {
        problems = List.of(new PackProblem("questions/q.yaml", "config.threshold", "must be at most 10"));
        assertThatThrownBy(() -> fromFolder(pack("Q", "Say it.", 99))).isInstanceOfSatisfying(AssayException.class, e -> {
            assertThat(e.kind()).isEqualTo(AssayException.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo("The pack was not imported: 1 problem to fix; nothing was changed.");
            assertThat(e.problems()).singleElement()
                    .isEqualTo(new AssayException.Problem("questions/q.yaml: config.threshold", "must be at most 10"));
        });
        assertThat(stored.packs.stored).isEmpty();
        assertThat(stored.questions.rows).isEmpty();
    }
}
