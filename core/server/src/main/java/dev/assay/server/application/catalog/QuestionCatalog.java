package dev.assay.server.application.catalog;

import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the engine grades with now: each question bound to its current configuration version. */
@ApplicationScoped
public class QuestionCatalog {

    /** A question ready for the engine (or saying why not), with the configuration version it reflects. */
    public record Entry(CatalogQuestion question, long configId, int version) {
        public String id() {
            return question.def().id();
        }

        public String title() {
            return question.def().title();
        }

        /** What the question is worth. */
        public double points() {
            return question.def().points();
        }
    }

    private final Map<String, Entry> questions = new ConcurrentHashMap<>();
    private final Map<String, CoursePack> packs = new ConcurrentHashMap<>();
    /** The catalog version (V15, course_pack.catalog_version) each pack was loaded at. */
    private final Map<String, Long> loadedVersions = new ConcurrentHashMap<>();

    /** The pack was loaded from the database as it stood at catalog version {@code version} (or later). */
    void loaded(String packId, long version) {
        loadedVersions.merge(packId, version, Math::max);
    }

    /**
     * This node changed the pack itself, taking its catalog version from {@code version - 1} to {@code version}: when it
     * had loaded {@code version - 1}, its catalog is now as of {@code version}; otherwise another node changed the pack
     * meanwhile, and the next poll reloads it.
     */
    void changedHere(String packId, long version) {
        loadedVersions.computeIfPresent(packId, (id, v) -> v == version - 1 ? version : v);
    }

    /** The catalog version the pack was loaded at; -1 when this node has not loaded it. */
    public long loadedVersion(String packId) {
        return loadedVersions.getOrDefault(packId, -1L);
    }

    void put(CoursePack pack) {
        packs.put(pack.id(), pack);
    }

    void put(Entry entry) {
        questions.put(entry.id(), entry);
    }

    public Optional<Entry> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    public Optional<CoursePack> pack(String id) {
        return Optional.ofNullable(packs.get(id));
    }

    public List<Entry> questions() {
        return questions.values().stream().sorted(Comparator.comparing(Entry::id)).toList();
    }
}
