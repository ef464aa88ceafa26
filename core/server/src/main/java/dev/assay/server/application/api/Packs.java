package dev.assay.server.application.api;

import dev.assay.engine.pack.AssignmentDef;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackManifest;
import dev.assay.engine.pack.PackWriter;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.CatalogLoader;
import dev.assay.server.application.catalog.PackConflicts;
import dev.assay.server.application.catalog.PackImport;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.domain.model.CoursePackEntity;
import dev.assay.server.domain.repository.AssignmentRepository;
import dev.assay.server.domain.repository.PackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Course packs: list, upload (a zip), export (a zip of the pack as it stands, current configurations included). */
@ApplicationScoped
public class Packs {
    @Inject
    PackRepository packs;

    @Inject
    AssignmentRepository assignments;

    @Inject
    QuestionCatalog catalog;

    @Inject
    PackConflicts conflicts;

    @Inject
    PackImport imports;

    @Inject
    CatalogLoader loader;

    @Transactional
    public List<Pack> list() {
        return packs.all().stream().map(this::of).toList();
    }

    /** The pack; not found when there is none. */
    @Transactional
    public Pack get(String id) {
        return packs.find(id).map(this::of).orElseThrow(() -> AssayException.notFound("No pack '" + id + "' on this server."));
    }

    private Pack of(CoursePackEntity p) {
        return new Pack(p.getId(), p.getTitle(), p.getVersion(), p.getDescription(), p.getSource(), p.getImportedAt(),
                catalog.pack(p.getId()).map(pack -> pack.questions().size()).orElse(0),
                assignments.all(p.getId()).stream().map(Assignments::of).toList(),
                packs.sources(p.getId()).stream().map(s -> new Pack.Source(s.source(), s.sha256(), s.importedAt())).toList(),
                conflicts.open(p.getId()).stream().map(c -> new Pack.Conflict(c.id(), c.question(), c.field(), c.source(),
                        c.inForce(), c.sourceValue(), c.detectedAt())).toList());
    }

    /** Imports an uploaded pack (a zip), takes every field it has, and loads it for grading. */
    public Pack.Imported upload(byte[] zip, String actor) {
        if (zip == null || zip.length == 0) {
            throw new AssayException(AssayException.Kind.INVALID, "Send the pack as a zip file in the request body.");
        }
        PackImport.ImportResult r = imports.importUpload(zip, actor);
        loader.reload(r.packId());
        return new Pack.Imported(r.packId(), r.unchanged(), r.newVersions(), r.conflicts());
    }

    /** The pack as it stands, as a zip: current configurations, titles, prompts and points included. */
    public byte[] export(String id) {
        return PackWriter.zip(loader.storedPackAsNow(id));
    }

    /**
     * A copy of a pack under a new id, for a course of its own (the demo course's copy of hw7): the pack as it stands
     * (current configurations, titles, prompts, points, tests, files), its questions renamed into the new pack
     * ({@code hw7/8a-i-layers} → {@code demo-hw7/8a-i-layers}) and its assignments naming them, imported as an upload and
     * loaded for grading. The source is only read; a copy never replaces a pack: when {@code newId} exists the copy is
     * refused (conflict), so the copy's own edits and answers are never overwritten.
     */
    public Pack.Imported copy(String sourceId, String newId, String newTitle, String actor) {
        get(sourceId);
        if (packs.find(newId).isPresent()) {
            throw new AssayException(AssayException.Kind.CONFLICT, "A pack '" + newId + "' is on this server already: "
                    + "choose another id for the copy.");
        }
        CoursePack copy = renamed(loader.storedPackAsNow(sourceId), newId, newTitle);
        PackImport.ImportResult r = imports.importPack(copy, PackImport.UPLOAD, actor);
        loader.reload(r.packId());
        return new Pack.Imported(r.packId(), r.unchanged(), r.newVersions(), r.conflicts());
    }

    /** The pack under another id and title: every question id and every assignment's list of them moved into it. */
    static CoursePack renamed(CoursePack source, String newId, String newTitle) {
        java.util.function.UnaryOperator<String> moved = q -> newId + q.substring(q.indexOf('/'));
        PackManifest m = source.manifest();
        List<AssignmentDef> assignments = m.assignments().stream()
                .map(a -> new AssignmentDef(a.id(), a.title(), a.questions().stream().map(moved).toList())).toList();
        List<QuestionDef> questions = source.questions().stream().map(q -> new QuestionDef(moved.apply(q.id()), q.title(),
                q.prompt(), q.points(), q.plugin(), q.config(), q.expectedApproach(), q.tests())).toList();
        return new CoursePack(new PackManifest(newId, newTitle == null ? m.title() : newTitle, m.version(), m.description(),
                assignments), questions, source.files());
    }
}
