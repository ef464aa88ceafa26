package dev.assay.engine.pack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pack whose questions have been matched with the installed plugins. */
public record LoadedPack(CoursePack pack, Map<String, CatalogQuestion> questions) {
    public LoadedPack {
        questions = Map.copyOf(questions);
    }

    public Optional<CatalogQuestion> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    /** Questions in the pack's order. */
    public List<CatalogQuestion> ordered() {
        return pack.questions().stream().map(q -> questions.get(q.id())).toList();
    }
}
