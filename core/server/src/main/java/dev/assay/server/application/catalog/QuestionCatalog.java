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
