package dev.assay.server.application.api;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.domain.model.AssignmentEntity;
import dev.assay.server.domain.repository.AssignmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Assignments and their questions. */
@ApplicationScoped
public class Assignments {
    @Inject
    AssignmentRepository assignments;

    @Inject
    QuestionCatalog catalog;

    @Inject
    Questions questions;

    /** A pack's assignments, or every pack's with none given. */
    @Transactional
    public List<Assignment> list(Optional<String> packId) {
        return assignments.all(packId.orElse(null)).stream().map(Assignments::of).toList();
    }

    /** The assignment; not found when there is none. */
    @Transactional
    public Assignment get(long id) {
        return assignments.find(id).map(Assignments::of).orElseThrow(() -> AssayException.notFound("No assignment " + id + "."));
    }

    /**
     * An assignment by the name an LMS link gives it: {@code pack/key}, or a key (or a pack id) that names exactly one
     * assignment on this server.
     */
    @Transactional
    public Optional<Assignment> byName(String name) {
        return byName(list(Optional.empty()), name);
    }

    /** The same, among these assignments (a client that keeps the list a while asks without reading it again). */
    public static Optional<Assignment> byName(List<Assignment> all, String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            String pack = name.substring(0, slash);
            String key = name.substring(slash + 1);
            return all.stream().filter(a -> a.pack().equals(pack) && a.key().equals(key)).findFirst();
        }
        List<Assignment> byKey = all.stream().filter(a -> a.key().equals(name)).toList();
        if (byKey.size() == 1) {
            return Optional.of(byKey.get(0));
        }
        List<Assignment> byPack = all.stream().filter(a -> a.pack().equals(name)).toList();
        return byPack.size() == 1 ? Optional.of(byPack.get(0)) : Optional.empty();
    }

    /** The assignment's questions on this server, in order (one no longer here is left out). */
    public List<Question> questions(Assignment a) {
        return a.questions().stream().filter(q -> catalog.question(q).isPresent()).map(questions::get).toList();
    }

    /** What the assignment is worth: its questions' points (0 for one no longer on the server). */
    public double points(Assignment a) {
        return a.questions().stream().mapToDouble(q -> catalog.question(q).map(QuestionCatalog.Entry::points).orElse(0.0)).sum();
    }

    static Assignment of(AssignmentEntity a) {
        return new Assignment(a.getId(), a.getPackId(), a.getKey(), a.getTitle(), a.questionIdList());
    }
}
