package dev.assay.server.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.AssignmentDef;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackException;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackProblem;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.PackWriter;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.PackSourceEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Course packs and question configurations: importing packs (from the packs folder at start-up, or
 * uploaded), versioning configurations, exporting packs as they stand now. The database is the
 * record; {@link QuestionCatalog} mirrors the current versions for the engine.
 */
@ApplicationScoped
public class CatalogService {
    private static final Logger LOG = Logger.getLogger(CatalogService.class.getName());
    public static final String SYSTEM = "system";

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Inject
    GradingRuntime runtime;

    @Inject
    QuestionCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    CatalogService self;

    @Inject
    @ConfigProperty(name = "assay.packs.dir", defaultValue = "")
    String packsDir;

    /** Where a pack came from: the packs folder at start-up, or an upload over the API. */
    public static final String FOLDER = "folder";
    public static final String UPLOAD = "upload";

    /** What an import did; {@code conflicts} names the fields where Assay's version was kept ("q field"). */
    public record ImportResult(String packId, boolean unchanged, List<String> newVersions, List<String> conflicts) {
    }

    /**
     * Imports every pack in the packs folder whose content changed since it was last imported, then
     * loads every stored pack into the catalog. A pack that fails is logged and skipped; the others load.
     */
    public void importConfiguredPacks() {
        if (!packsDir.isBlank() && Files.isDirectory(Path.of(packsDir))) {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(Path.of(packsDir))) {
                dirs = s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".zip")).sorted().toList();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot list the packs folder " + packsDir + ": " + e.getMessage(), e);
            }
            for (Path dir : dirs) {
                try {
                    ImportResult r = self.importPack(PackReader.read(dir), FOLDER, SYSTEM);
                    LOG.info(() -> "Pack " + r.packId() + " from " + dir + (r.unchanged()
                            ? ": unchanged since it was last imported from the packs folder"
                            : ": imported, new configuration versions for " + r.newVersions()));
                } catch (PackException | AssayException e) {
                    LOG.severe(() -> "Pack in " + dir + " not imported: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Pack in " + dir + " not imported", e);
                }
            }
        } else if (!packsDir.isBlank()) {
            LOG.warning(() -> "assay.packs.dir " + packsDir + " is not a folder; no packs imported from it");
        }
        for (String id : self.packIds()) {
            try {
                self.reload(id);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Pack " + id + " could not be loaded", e);
            }
        }
        for (Conflict c : self.conflicts(null)) {
            LOG.warning(() -> "Pack " + c.pack() + " conflict, " + c.describe() + ". To take the folder's version: "
                    + (c.field().equals(PackMerge.CONFIG) ? "PUT /api/questions/" + c.question() + "/config, or " : "")
                    + "upload the pack (POST /api/packs).");
        }
    }

    @Transactional
    public List<String> packIds() {
        return em.createQuery("select p.id from CoursePackEntity p order by p.id", String.class).getResultList();
    }

    /** Parses an uploaded zip and imports it. */
    public ImportResult importUpload(byte[] zip, String actor) {
        CoursePack pack;
        try {
            pack = PackReader.readZip(zip);
        } catch (PackException e) {
            throw invalid(e.problems());
        }
        ImportResult result = self.importPack(pack, UPLOAD, actor);
        self.reload(result.packId());
        return result;
    }

    private static AssayException invalid(List<PackProblem> problems) {
        List<AssayException.Problem> list = problems.stream()
                .map(p -> new AssayException.Problem(p.file() + (p.field().isEmpty() ? "" : ": " + p.field()), p.message()))
                .toList();
        return new AssayException(AssayException.Kind.INVALID, "The pack was not imported: " + problems.size()
                + " problem" + (problems.size() == 1 ? "" : "s") + " to fix; nothing was changed.", list);
    }

    /**
     * Stores a pack. Questions new to the server get version 1; a question whose configuration differs from its
     * current version gets a new version. From an upload (the instructor's own act) every field is taken, and it is a
     * no-op only when it is the pack stored and every field in force already says what it says (uploading the folder's
     * own pack is how an instructor takes the folder's version after a conflict). From the packs folder, the pack is
     * imported only when the folder changed since it was last imported from there, and then merged against what the
     * folder gave last time: a field the folder changed is taken where Assay did not change it since; where both
     * changed it, Assay's stays in force and the conflict is recorded ({@link #conflicts}) until what is in force
     * equals the folder's value, or the folder changes that field again.
     */
    @Transactional
    public ImportResult importPack(CoursePack pack, String source, String actor) {
        PackLoader loader = runtime.engines().loader();
        List<PackProblem> problems = loader.configProblems(loader.load(pack));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        byte[] archive = PackWriter.zip(pack);
        String sha = sha256(archive);
        CoursePackEntity stored = em.find(CoursePackEntity.class, pack.id());
        PackSourceEntity last = em.find(PackSourceEntity.class, new PackSourceEntity.Key(pack.id(), source));
        boolean keepEdits = FOLDER.equals(source);
        boolean unchanged = keepEdits ? last != null && sha.equals(last.getArchiveSha256())
                : stored != null && sha.equals(stored.getArchiveSha256()) && everyFieldInForce(pack);
        if (unchanged) {
            return new ImportResult(pack.id(), true, List.of(), List.of());
        }
        Map<String, QuestionDef> base = keepEdits && last != null && last.getArchive() != null
                ? readStored(pack.id(), last.getArchive()).questionsById() : Map.of();
        // The conflicts this source's earlier imports recorded, by question and field: kept, updated or ended below.
        Map<String, Map<String, PackConflictEntity>> recorded = keepEdits ? conflictRows(pack.id(), source) : new HashMap<>();
        OffsetDateTime now = AuditLog.now();
        if (stored == null) {
            stored = new CoursePackEntity(pack.id());
        }
        stored.update(pack.manifest().title(), pack.manifest().version(), pack.manifest().description(), archive, sha,
                source, now);
        // No mapped relationships: EclipseLink orders inserts by class, so parents are flushed first.
        em.persist(stored);
        em.flush();
        List<String> newVersions = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (QuestionDef q : pack.questions()) {
            PackMerge.Fields incoming = fields(q);
            QuestionEntity row = em.find(QuestionEntity.class, q.id());
            if (row == null) {
                row = new QuestionEntity(q.id(), pack.id());
                row.describe(q.title(), q.prompt(), q.points());
                row.useVersion(1, q.plugin());
                em.persist(row);
                em.flush();
                em.persist(newVersion(q, 1, pack, source, actor, now));
                newVersions.add(q.id() + " v1");
                continue;
            }
            if (!row.getPackId().equals(pack.id())) {
                throw new AssayException(AssayException.Kind.CONFLICT, "Question " + q.id() + " belongs to pack "
                        + row.getPackId() + "; a question id cannot move between packs.");
            }
            QuestionConfigEntity current = currentConfig(q.id()).orElseThrow();
            PackMerge.Fields inForce = fields(row, current);
            Map<String, PackConflictEntity> open = recorded.getOrDefault(q.id(), Map.of());
            PackMerge.Result merged = keepEdits
                    ? PackMerge.merge(base.containsKey(q.id()) ? fields(base.get(q.id())) : null, inForce, incoming,
                            unsettled(open.values(), inForce))
                    : PackMerge.takeAll(inForce, incoming);
            row.describe(merged.merged().title(), merged.merged().prompt(), merged.merged().points());
            if (merged.takes(PackMerge.CONFIG)) {
                int version = current.getVersion() + 1;
                row.useVersion(version, q.plugin());
                em.persist(newVersion(q, version, pack, source, actor, now));
                newVersions.add(q.id() + " v" + version);
            }
            Map<String, PackConflictEntity> ended = new HashMap<>(open);
            for (PackMerge.Conflict c : merged.conflicts()) {
                PackConflictEntity existing = ended.remove(c.field());
                if (existing == null) {
                    em.persist(new PackConflictEntity(pack.id(), q.id(), c.field(), source, Json.write(c.kept()),
                            Json.write(c.incoming()), now));
                } else {
                    existing.detectedAgain(Json.write(c.kept()), Json.write(c.incoming()), now);
                }
                conflicts.add(q.id() + " " + c.field());
            }
            ended.values().forEach(em::remove);
            recorded.remove(q.id());
            if (!keepEdits) {
                settleConflicts(q.id(), merged.merged());
            }
        }
        // Conflicts of questions the folder no longer has: nothing left to compare with.
        recorded.values().forEach(byField -> byField.values().forEach(em::remove));
        for (AssignmentDef a : pack.manifest().assignments()) {
            List<AssignmentEntity> found = em.createQuery(
                            "select a from AssignmentEntity a where a.packId = :p and a.key = :k", AssignmentEntity.class)
                    .setParameter("p", pack.id()).setParameter("k", a.id()).getResultList();
            AssignmentEntity row = found.isEmpty() ? new AssignmentEntity(pack.id(), a.id()) : found.get(0);
            row.update(a.title() == null ? a.id() : a.title(), Json.write(a.questions()));
            if (found.isEmpty()) {
                em.persist(row);
            }
        }
        // The folder's archive is the base of its next merge; an upload's is never read again (the pack's own archive,
        // course_pack, holds what is stored), so only its hash and time are kept.
        byte[] kept = keepEdits ? archive : null;
        if (last == null) {
            last = new PackSourceEntity(pack.id(), source);
            last.imported(kept, sha, now);
            em.persist(last);
        } else {
            last.imported(kept, sha, now);
        }
        audit.record(actor, "pack.import", "pack", pack.id(), "version " + pack.manifest().version() + " from "
                + source + "; new configuration versions: " + newVersions
                + (conflicts.isEmpty() ? "" : "; kept Assay's version where both changed: " + conflicts));
        return new ImportResult(pack.id(), false, newVersions, conflicts);
    }

    /** Whether every question of the pack is on the server with every field in force as the pack has it. */
    private boolean everyFieldInForce(CoursePack pack) {
        for (QuestionDef q : pack.questions()) {
            QuestionEntity row = em.find(QuestionEntity.class, q.id());
            Optional<QuestionConfigEntity> current = currentConfig(q.id());
            if (row == null || !row.getPackId().equals(pack.id()) || current.isEmpty()
                    || !PackMerge.takeAll(fields(row, current.get()), fields(q)).taken().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The conflict rows one source of a pack recorded, by question and field. */
    private Map<String, Map<String, PackConflictEntity>> conflictRows(String packId, String source) {
        Map<String, Map<String, PackConflictEntity>> rows = new HashMap<>();
        for (PackConflictEntity c : em.createQuery("select c from PackConflictEntity c where c.packId = :p and c.source = :s",
                PackConflictEntity.class).setParameter("p", packId).setParameter("s", source).getResultList()) {
            rows.computeIfAbsent(c.getQuestionId(), q -> new HashMap<>()).put(c.getField(), c);
        }
        return rows;
    }

    /** The fields of those conflicts where what is in force still differs from the source's value. */
    private static Set<String> unsettled(Collection<PackConflictEntity> rows, PackMerge.Fields inForce) {
        Set<String> fields = new HashSet<>();
        for (PackConflictEntity c : rows) {
            if (!settled(c, inForce)) {
                fields.add(c.getField());
            }
        }
        return fields;
    }

    private static boolean settled(PackConflictEntity c, PackMerge.Fields inForce) {
        return PackMerge.same(inForce.get(c.getField()), parseTree(c.getSourceValue()));
    }

    /**
     * Ends the question's conflicts whose source value is now in force (taken by an upload or an edit): the
     * instructor chose, and a later change in Assay is then theirs alone, not the old conflict again.
     */
    private void settleConflicts(String questionId, PackMerge.Fields inForce) {
        em.createQuery("select c from PackConflictEntity c where c.questionId = :q", PackConflictEntity.class)
                .setParameter("q", questionId).getResultList().stream().filter(c -> settled(c, inForce)).forEach(em::remove);
    }

    private static QuestionConfigEntity newVersion(QuestionDef q, int version, CoursePack pack, String source,
                                                   String actor, OffsetDateTime at) {
        return new QuestionConfigEntity(q.id(), version, q.plugin(), Json.write(q.config()), q.expectedApproach(), at,
                actor, "pack " + pack.id() + " " + pack.manifest().version() + " imported (" + source + ")");
    }

    private static PackMerge.Fields fields(QuestionDef q) {
        return PackMerge.Fields.of(q.title(), q.prompt(), q.points(), q.plugin(), q.config(), q.expectedApproach());
    }

    private static PackMerge.Fields fields(QuestionEntity row, QuestionConfigEntity config) {
        return PackMerge.Fields.of(row.getTitle(), row.getPrompt(), row.getPoints(), config.getPluginId(),
                parseObject(config.getConfigJson()), config.getExpectedApproach());
    }

    private static CoursePack readStored(String packId, byte[] archive) {
        try {
            return PackReader.readZip(archive);
        } catch (PackException e) {
            throw new IllegalStateException("stored pack " + packId + " no longer reads: " + e.getMessage(), e);
        }
    }

    /** A conflict still open: the source's value differs from what is in force now. */
    public record Conflict(long id, String pack, String question, String field, String source, JsonNode inForce,
                           JsonNode sourceValue, OffsetDateTime detectedAt) {
        /** One line for a log or a health check. */
        public String describe() {
            return question + " " + field + ": Assay's " + (field.equals(PackMerge.CONFIG) ? "configuration" : field)
                    + " stays in force; the packs " + source + " has " + abbreviate(Json.write(sourceValue));
        }

        private static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "…";
        }
    }

    /**
     * Conflicts still open (of one pack, or of all with {@code packId} null): fields a pack source changed while
     * they were also changed in Assay, and where what is in force still differs from the source.
     */
    @Transactional
    public List<Conflict> conflicts(String packId) {
        var query = em.createQuery("select c from PackConflictEntity c" + (packId == null ? "" : " where c.packId = :p")
                + " order by c.questionId, c.field", PackConflictEntity.class);
        if (packId != null) {
            query.setParameter("p", packId);
        }
        List<PackConflictEntity> rows = query.getResultList();
        List<Conflict> open = new ArrayList<>();
        for (PackConflictEntity c : rows) {
            QuestionEntity row = em.find(QuestionEntity.class, c.getQuestionId());
            Optional<QuestionConfigEntity> config = currentConfig(c.getQuestionId());
            if (row == null || config.isEmpty()) {
                continue;
            }
            JsonNode inForce = fields(row, config.get()).get(c.getField());
            JsonNode theirs = parseTree(c.getSourceValue());
            if (inForce != null && !PackMerge.same(inForce, theirs)) {
                open.add(new Conflict(c.getId(), c.getPackId(), c.getQuestionId(), c.getField(), c.getSource(), inForce,
                        theirs, c.getDetectedAt()));
            }
        }
        return open;
    }

    /** What a source of a pack last gave (its archive's SHA-256), and when. */
    public record Source(String source, String sha256, OffsetDateTime importedAt) {
    }

    @Transactional
    public List<Source> sources(String packId) {
        return em.createQuery("select s.source, s.archiveSha256, s.importedAt from PackSourceEntity s where s.packId = :p"
                        + " order by s.source", Object[].class)
                .setParameter("p", packId).getResultList().stream()
                .map(r -> new Source((String) r[0], (String) r[1], (OffsetDateTime) r[2])).toList();
    }

    private static JsonNode parseTree(String json) {
        try {
            return Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conflict value is not JSON: " + e.getMessage(), e);
        }
    }

    private static boolean sameConfig(QuestionConfigEntity c, String plugin, JsonNode config, String approach) {
        try {
            return c.getPluginId().equals(plugin) && Json.json().readTree(c.getConfigJson()).equals(config)
                    && Objects.equals(c.getExpectedApproach(), approach);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    Optional<QuestionConfigEntity> currentConfig(String questionId) {
        return em.createQuery("select c from QuestionConfigEntity c where c.questionId = :q order by c.version desc",
                        QuestionConfigEntity.class)
                .setParameter("q", questionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Rebuilds the catalog entries of one pack from the database (after an import or at start). */
    @Transactional
    public void reload(String packId) {
        CoursePack pack = storedPackAsNow(packId);
        catalog.put(pack);
        PackLoader loader = runtime.engines().loader();
        for (QuestionDef q : pack.questions()) {
            QuestionConfigEntity c = currentConfig(q.id()).orElseThrow();
            CatalogQuestion prepared = loader.prepare(q, pack::file);
            catalog.put(new QuestionCatalog.Entry(prepared, c.getId(), c.getVersion()));
            if (prepared.state() != QuestionState.READY) {
                LOG.warning(() -> q.id() + ": " + String.join("; ", prepared.problemLines()));
            }
        }
    }

    /** The stored pack with each question's current configuration: what an export gives. */
    @Transactional
    public CoursePack storedPackAsNow(String packId) {
        CoursePackEntity stored = em.find(CoursePackEntity.class, packId);
        if (stored == null) {
            throw AssayException.notFound("No pack '" + packId + "' on this server.");
        }
        CoursePack archived = readStored(packId, stored.getArchive());
        List<QuestionDef> now = new ArrayList<>();
        for (QuestionDef q : archived.questions()) {
            // Title, prompt and points in force may differ from the archive's (kept over a packs folder's change).
            QuestionEntity row = em.find(QuestionEntity.class, q.id());
            QuestionConfigEntity c = currentConfig(q.id()).orElseThrow();
            now.add(new QuestionDef(q.id(), row.getTitle(), row.getPrompt(), row.getPoints(), c.getPluginId(),
                    parseObject(c.getConfigJson()), c.getExpectedApproach(), q.tests()));
        }
        return new CoursePack(archived.manifest(), now, archived.files());
    }

    public byte[] export(String packId) {
        return PackWriter.zip(self.storedPackAsNow(packId));
    }

    static ObjectNode parseObject(String json) {
        try {
            return (ObjectNode) Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON: " + e.getMessage(), e);
        }
    }

    @Transactional
    public List<CoursePackEntity> packs() {
        return em.createQuery("select p from CoursePackEntity p order by p.id", CoursePackEntity.class).getResultList();
    }

    @Transactional
    public Optional<CoursePackEntity> pack(String id) {
        return Optional.ofNullable(em.find(CoursePackEntity.class, id));
    }

    @Transactional
    public List<AssignmentEntity> assignments(String packId) {
        if (packId == null) {
            return em.createQuery("select a from AssignmentEntity a order by a.packId, a.key", AssignmentEntity.class)
                    .getResultList();
        }
        return em.createQuery("select a from AssignmentEntity a where a.packId = :p order by a.key", AssignmentEntity.class)
                .setParameter("p", packId).getResultList();
    }

    @Transactional
    public Optional<AssignmentEntity> assignment(long id) {
        return Optional.ofNullable(em.find(AssignmentEntity.class, id));
    }

    @Transactional
    public List<QuestionConfigEntity> versions(String questionId) {
        return em.createQuery("select c from QuestionConfigEntity c where c.questionId = :q order by c.version",
                QuestionConfigEntity.class).setParameter("q", questionId).getResultList();
    }

    @Transactional
    public Optional<QuestionConfigEntity> configById(long id) {
        return Optional.ofNullable(em.find(QuestionConfigEntity.class, id));
    }

    /**
     * Makes a new configuration version of a question, after validating it against its plugin's type.
     * An unchanged configuration makes no version.
     */
    @Transactional
    public QuestionConfigEntity changeConfig(String questionId, ObjectNode config, String expectedApproach,
                                             String reason, String actor) {
        QuestionCatalog.Entry entry = catalog.question(questionId)
                .orElseThrow(() -> AssayException.notFound("No question '" + questionId + "' on this server."));
        QuestionDef def = entry.question().def();
        String approach = expectedApproach == null ? def.expectedApproach() : expectedApproach;
        QuestionDef changed = def.withConfig(config, approach);
        CoursePack pack = catalog.pack(questionId.substring(0, questionId.indexOf('/'))).orElseThrow();
        CatalogQuestion prepared = runtime.engines().loader().prepare(changed, pack::file);
        if (prepared.state() == QuestionState.PLUGIN_NOT_INSTALLED) {
            throw new AssayException(AssayException.Kind.CONFLICT, "The plugin '" + def.plugin()
                    + "' is not installed, so this configuration cannot be checked. Install the plugin first.");
        }
        if (prepared.state() == QuestionState.INVALID_CONFIG) {
            List<AssayException.Problem> problems = prepared.problems().stream()
                    .map(p -> new AssayException.Problem(p.path(), p.message())).toList();
            throw new AssayException(AssayException.Kind.INVALID, "The configuration does not fit the plugin '"
                    + def.plugin() + "'; the current version stays in force.", problems);
        }
        QuestionConfigEntity current = currentConfig(questionId).orElseThrow();
        if (sameConfig(current, def.plugin(), config, approach)) {
            return current;
        }
        QuestionConfigEntity next = new QuestionConfigEntity(questionId, current.getVersion() + 1, def.plugin(),
                Json.write(config), approach, AuditLog.now(), actor, reason == null || reason.isBlank() ? "edited" : reason);
        em.persist(next);
        QuestionEntity row = em.find(QuestionEntity.class, questionId);
        row.useVersion(next.getVersion(), def.plugin());
        settleConflicts(questionId, fields(row, next));
        audit.record(actor, "question.config", "question", questionId, "version " + next.getVersion() + ": " + next.getReason());
        em.flush();
        catalog.put(new QuestionCatalog.Entry(prepared, next.getId(), next.getVersion()));
        return next;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Question ids of an assignment row, in order. */
    public static List<String> questionIds(AssignmentEntity a) {
        try {
            return List.of(Json.json().readValue(a.getQuestionIds(), String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
