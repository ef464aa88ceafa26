package dev.assay.engine.pack;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A course pack: manifest, questions, and the other files questions use. Immutable. */
public record CoursePack(PackManifest manifest, List<QuestionDef> questions, SortedMap<String, PackFile> files) {
    public CoursePack {
        questions = List.copyOf(questions);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public String id() {
        return manifest.id();
    }

    public Optional<QuestionDef> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<byte[]> file(String path) {
        PackFile f = files.get(normalise(path));
        return f == null ? Optional.empty() : Optional.of(f.content());
    }

    static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    public Map<String, QuestionDef> questionsById() {
        Map<String, QuestionDef> m = new TreeMap<>();
        questions.forEach(q -> m.put(q.id(), q));
        return m;
    }
}
