package dev.assay.server.application.api;

import dev.assay.engine.pack.PackWriter;
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
}
