package dev.assay.server.application.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.server.domain.model.PackConflictEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;
import dev.assay.server.domain.repository.PackRepository;
import dev.assay.server.domain.repository.QuestionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conflicts between a pack source and Assay: fields of a question that the source changed while they were also changed
 * in Assay, where Assay's value stays in force. A conflict is open while what is in force differs from the source's
 * value; it ends when the instructor takes that value (an upload, an edit) or the source changes the field again.
 */
@ApplicationScoped
public class PackConflicts {
    @Inject
    PackRepository packs;

    @Inject
    QuestionRepository questions;

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

    /** Conflicts still open, of one pack or of all with {@code packId} null. */
    @Transactional
    public List<Conflict> open(String packId) {
        List<Conflict> open = new ArrayList<>();
        for (PackConflictEntity c : packs.conflicts(packId)) {
            Optional<QuestionEntity> row = questions.find(c.getQuestionId());
            Optional<QuestionConfigEntity> config = questions.currentConfig(c.getQuestionId());
            if (row.isEmpty() || config.isEmpty()) {
                continue;
            }
            JsonNode inForce = QuestionFields.inForce(row.get(), config.get()).get(c.getField());
            JsonNode theirs = QuestionFields.tree(c.getSourceValue());
            if (inForce != null && !PackMerge.same(inForce, theirs)) {
                open.add(new Conflict(c.getId(), c.getPackId(), c.getQuestionId(), c.getField(), c.getSource(), inForce,
                        theirs, c.getDetectedAt()));
            }
        }
        return open;
    }

    /** The conflict rows one source of a pack recorded, by question and field; runs in the caller's transaction. */
    Map<String, Map<String, PackConflictEntity>> recorded(String packId, String source) {
        Map<String, Map<String, PackConflictEntity>> rows = new HashMap<>();
        for (PackConflictEntity c : packs.conflicts(packId, source)) {
            rows.computeIfAbsent(c.getQuestionId(), q -> new HashMap<>()).put(c.getField(), c);
        }
        return rows;
    }

    /** The fields of those conflicts where what is in force still differs from the source's value. */
    static Set<String> unsettled(Collection<PackConflictEntity> rows, PackMerge.Fields inForce) {
        Set<String> fields = new HashSet<>();
        for (PackConflictEntity c : rows) {
            if (!settled(c, inForce)) {
                fields.add(c.getField());
            }
        }
        return fields;
    }

    private static boolean settled(PackConflictEntity c, PackMerge.Fields inForce) {
        return PackMerge.same(inForce.get(c.getField()), QuestionFields.tree(c.getSourceValue()));
    }

    /**
     * Ends the question's conflicts whose source value is now in force (taken by an upload or an edit): the
     * instructor chose, and a later change in Assay is then theirs alone, not the old conflict again. Runs in the
     * caller's transaction.
     */
    void settle(String questionId, PackMerge.Fields inForce) {
        packs.conflictsOfQuestion(questionId).stream().filter(c -> settled(c, inForce)).forEach(packs::removeConflict);
    }
}
