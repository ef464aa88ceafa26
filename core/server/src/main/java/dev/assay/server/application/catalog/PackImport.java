package dev.assay.server.application.catalog;

import dev.assay.engine.json.Json;
import dev.assay.engine.pack.AssignmentDef;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackException;
import dev.assay.engine.pack.PackProblem;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.PackWriter;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.AuditLog;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.PackSourceEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.AssignmentRepository;
import dev.assay.server.domain.repository.PackRepository;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports course packs, from the packs folder at start-up or uploaded: questions new to the server get version 1 of
 * their configuration, a changed configuration a new version; the database is the record ({@link CatalogLoader} then
 * loads what it holds for the engine).
 */
@ApplicationScoped
public class PackImport {
    /** Where a pack came from: the packs folder at start-up, or an upload over the API. */
    public static final String FOLDER = "folder";
    public static final String UPLOAD = "upload";

    @Inject
    PackRepository packs;

    @Inject
    QuestionRepository questions;

    @Inject
    AssignmentRepository assignments;

    @Inject
    PackConflicts conflicts;

    @Inject
    CatalogLoader loader;

    @Inject
    AuditLog audit;

    /** What an import did; {@code conflicts} names the fields where Assay's version was kept ("q field"). */
    public record ImportResult(String packId, boolean unchanged, List<String> newVersions, List<String> conflicts) {
    }

    /** Parses an uploaded zip and imports it: the instructor's own act, so every field it has is taken. */
    @Transactional
    public ImportResult importUpload(byte[] zip, String actor) {
        CoursePack pack;
        try {
            pack = PackReader.readZip(zip);
        } catch (PackException e) {
            throw invalid(e.problems());
        }
        return importInTransaction(pack, UPLOAD, actor);
    }

    /**
     * Stores a pack. Questions new to the server get version 1; a question whose configuration differs from its
     * current version gets a new version. From an upload (the instructor's own act) every field is taken, and it is a
     * no-op only when it is the pack stored and every field in force already says what it says (uploading the folder's
     * own pack is how an instructor takes the folder's version after a conflict). From the packs folder, the pack is
     * imported only when the folder changed since it was last imported from there, and then merged against what the
     * folder gave last time: a field the folder changed is taken where Assay did not change it since; where both
     * changed it, Assay's stays in force and the conflict is recorded ({@link PackConflicts}) until what is in force
     * equals the folder's value, or the folder changes that field again.
     */
    @Transactional
    public ImportResult importPack(CoursePack pack, String source, String actor) {
        return importInTransaction(pack, source, actor);
    }

    private ImportResult importInTransaction(CoursePack pack, String source, String actor) {
        List<PackProblem> problems = loader.problems(pack);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        byte[] archive = PackWriter.zip(pack);
        String sha = sha256(archive);
        Optional<CoursePackEntity> stored = packs.find(pack.id());
        Optional<PackSourceEntity> last = packs.source(pack.id(), source);
        boolean keepEdits = FOLDER.equals(source);
        boolean unchanged = keepEdits ? last.isPresent() && sha.equals(last.get().getArchiveSha256())
                : stored.isPresent() && sha.equals(stored.get().getArchiveSha256()) && everyFieldInForce(pack);
        if (unchanged) {
            return new ImportResult(pack.id(), true, List.of(), List.of());
        }
        Map<String, QuestionDef> base = keepEdits && last.isPresent() && last.get().getArchive() != null
                ? CatalogLoader.readStored(pack.id(), last.get().getArchive()).questionsById() : Map.of();
        // The conflicts this source's earlier imports recorded, by question and field: kept, updated or ended below.
        Map<String, Map<String, PackConflictEntity>> recorded = keepEdits ? conflicts.recorded(pack.id(), source) : new HashMap<>();
        OffsetDateTime now = AuditLog.now();
        CoursePackEntity row = stored.orElseGet(() -> new CoursePackEntity(pack.id()));
        row.update(pack.manifest().title(), pack.manifest().version(), pack.manifest().description(), archive, sha, source, now);
        packs.save(row);
        // Every node's catalog of this pack is behind now: each reloads it when it sees the number move (CatalogRefresh).
        packs.bumpCatalogVersion(pack.id());
        List<String> newVersions = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (QuestionDef q : pack.questions()) {
            Optional<QuestionEntity> existing = questions.find(q.id());
            if (existing.isEmpty()) {
                QuestionEntity added = new QuestionEntity(q.id(), pack.id());
                added.describe(q.title(), q.prompt(), q.points());
                added.useVersion(1, q.plugin());
                questions.add(added);
                questions.addConfig(newVersion(q, 1, pack, source, actor, now));
                newVersions.add(q.id() + " v1");
                continue;
            }
            QuestionEntity question = existing.get();
            if (!question.getPackId().equals(pack.id())) {
                throw new AssayException(AssayException.Kind.CONFLICT, "Question " + q.id() + " belongs to pack "
                        + question.getPackId() + "; a question id cannot move between packs.");
            }
            QuestionConfigEntity current = questions.currentConfig(q.id()).orElseThrow();
            PackMerge.Fields inForce = QuestionFields.inForce(question, current);
            Map<String, PackConflictEntity> open = recorded.getOrDefault(q.id(), Map.of());
            PackMerge.Result merged = keepEdits
                    ? PackMerge.merge(base.containsKey(q.id()) ? QuestionFields.of(base.get(q.id())) : null, inForce,
                            QuestionFields.of(q), PackConflicts.unsettled(open.values(), inForce))
                    : PackMerge.takeAll(inForce, QuestionFields.of(q));
            question.describe(merged.merged().title(), merged.merged().prompt(), merged.merged().points());
            // Tests saved in Assay (with a configuration version) stand until a version without them: an upload takes
            // the pack's tests as it takes every field, so tests that differ make a version that runs the pack's.
            if (merged.takes(PackMerge.CONFIG) || !keepEdits && !savedTestsAre(current, q)) {
                int version = current.getVersion() + 1;
                question.useVersion(version, q.plugin());
                questions.addConfig(newVersion(q, version, pack, source, actor, now));
                newVersions.add(q.id() + " v" + version);
            }
            Map<String, PackConflictEntity> ended = new HashMap<>(open);
            for (PackMerge.Conflict c : merged.conflicts()) {
                PackConflictEntity again = ended.remove(c.field());
                if (again == null) {
                    packs.addConflict(new PackConflictEntity(pack.id(), q.id(), c.field(), source, Json.write(c.kept()),
                            Json.write(c.incoming()), now));
                } else {
                    again.detectedAgain(Json.write(c.kept()), Json.write(c.incoming()), now);
                }
                kept.add(q.id() + " " + c.field());
            }
            ended.values().forEach(packs::removeConflict);
            recorded.remove(q.id());
            if (!keepEdits) {
                conflicts.settle(q.id(), merged.merged());
            }
        }
        // Conflicts of questions the folder no longer has: nothing left to compare with.
        recorded.values().forEach(byField -> byField.values().forEach(packs::removeConflict));
        for (AssignmentDef a : pack.manifest().assignments()) {
            Optional<AssignmentEntity> found = assignments.byKey(pack.id(), a.id());
            AssignmentEntity assignment = found.orElseGet(() -> new AssignmentEntity(pack.id(), a.id()));
            assignment.update(a.title() == null ? a.id() : a.title(), a.questions());
            if (found.isEmpty()) {
                assignments.add(assignment);
            }
        }
        // The folder's archive is the base of its next merge; an upload's is never read again (the pack's own archive,
        // course_pack, holds what is stored), so only its hash and time are kept.
        byte[] sourceArchive = keepEdits ? archive : null;
        if (last.isEmpty()) {
            PackSourceEntity first = new PackSourceEntity(pack.id(), source);
            first.imported(sourceArchive, sha, now);
            packs.addSource(first);
        } else {
            last.get().imported(sourceArchive, sha, now);
        }
        audit.record(actor, "pack.import", "pack", pack.id(), "version " + pack.manifest().version() + " from "
                + source + "; new configuration versions: " + newVersions
                + (kept.isEmpty() ? "" : "; kept Assay's version where both changed: " + kept));
        return new ImportResult(pack.id(), false, newVersions, kept);
    }

    /** Whether every question of the pack is on the server with every field in force as the pack has it. */
    private boolean everyFieldInForce(CoursePack pack) {
        for (QuestionDef q : pack.questions()) {
            Optional<QuestionEntity> row = questions.find(q.id());
            Optional<QuestionConfigEntity> current = questions.currentConfig(q.id());
            if (row.isEmpty() || !row.get().getPackId().equals(pack.id()) || current.isEmpty()
                    || !PackMerge.takeAll(QuestionFields.inForce(row.get(), current.get()), QuestionFields.of(q)).taken().isEmpty()
                    || !savedTestsAre(current.get(), q)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the tests in force are the pack's: none saved with the version (the stored pack's), or equal to them. */
    private static boolean savedTestsAre(QuestionConfigEntity current, QuestionDef q) {
        return current.getTestsJson() == null || QuestionTests.fromJson(current.getTestsJson()).equals(q.tests());
    }

    private static QuestionConfigEntity newVersion(QuestionDef q, int version, CoursePack pack, String source,
                                                   String actor, OffsetDateTime at) {
        return new QuestionConfigEntity(q.id(), version, q.plugin(), Json.write(q.config()), q.expectedApproach(), at,
                actor, "pack " + pack.id() + " " + pack.manifest().version() + " imported (" + source + ")");
    }

    private static AssayException invalid(List<PackProblem> problems) {
        List<AssayException.Problem> list = problems.stream()
                .map(p -> new AssayException.Problem(p.file() + (p.field().isEmpty() ? "" : ": " + p.field()), p.message()))
                .toList();
        return new AssayException(AssayException.Kind.INVALID, "The pack was not imported: " + problems.size()
                + " problem" + (problems.size() == 1 ? "" : "s") + " to fix; nothing was changed.", list);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
