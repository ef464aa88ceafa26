package dev.assay.server.application.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A three-way merge of the fields of one question an instructor may change in Assay, for a pack source that is
 * imported again (the packs folder at start-up). Base: what that source gave last time; current: what is in force;
 * incoming: what the source gives now. A field the source changed is taken only where Assay did not change it
 * since; where both changed it differently, Assay's stays and the pair is a {@link Conflict}.
 */
public final class PackMerge {
    public static final String TITLE = "title";
    public static final String PROMPT = "prompt";
    public static final String POINTS = "points";
    /** The grading configuration: plugin, its config and the expected approach, which change together. */
    public static final String CONFIG = "config";

    /** A question's mergeable fields, by name, each as JSON (how they are compared, stored and shown). */
    public record Fields(Map<String, JsonNode> values) {
        public Fields {
            values = Map.copyOf(values);
        }

        public static Fields of(String title, String prompt, double points, String plugin, JsonNode config,
                                String expectedApproach) {
            Map<String, JsonNode> v = new LinkedHashMap<>();
            v.put(TITLE, TextNode.valueOf(title == null ? "" : title));
            v.put(PROMPT, TextNode.valueOf(prompt == null ? "" : prompt));
            v.put(POINTS, DoubleNode.valueOf(points));
            ObjectNode grading = JsonNodeFactory.instance.objectNode();
            grading.put("plugin", plugin);
            grading.set("config", config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy());
            grading.put("expectedApproach", expectedApproach == null ? "" : expectedApproach);
            v.put(CONFIG, grading);
            return new Fields(v);
        }

        public JsonNode get(String field) {
            return values.get(field);
        }

        public String title() {
            return values.get(TITLE).asText();
        }

        public String prompt() {
            return values.get(PROMPT).asText();
        }

        public double points() {
            return values.get(POINTS).asDouble();
        }
    }

    /** A field both sides changed: {@code kept} stays in force, {@code incoming} is what the source has now. */
    public record Conflict(String field, JsonNode kept, JsonNode incoming) {
    }

    /** The fields to put in force, what changed, and the conflicts. */
    public record Result(Fields merged, List<String> taken, List<Conflict> conflicts) {
        public boolean takes(String field) {
            return taken.contains(field);
        }
    }

    private static final List<String> FIELDS = List.of(TITLE, PROMPT, POINTS, CONFIG);

    private PackMerge() {
    }

    /**
     * Merges field by field. Without a base (the source was never imported, or did not have this question), every
     * field where the source differs from what is in force is a conflict: nothing says the source changed last.
     */
    public static Result merge(Fields base, Fields current, Fields incoming) {
        return merge(base, current, incoming, Set.of());
    }

    /**
     * The same, for a question whose fields {@code stillConflicted} have a conflict recorded at an earlier import and
     * not settled since (what is in force still differs from the source's value). Such a conflict stays while the
     * source keeps that field as it was: the source's base then holds the conflicting value, so without this the
     * field would look changed only in Assay, and the conflict would vanish at the next unrelated change of the
     * folder. A source that changes the field again has it merged afresh.
     */
    public static Result merge(Fields base, Fields current, Fields incoming, Set<String> stillConflicted) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(current.values());
        List<String> taken = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (String f : FIELDS) {
            JsonNode now = current.get(f);
            JsonNode in = incoming.get(f);
            JsonNode was = base == null ? null : base.get(f);
            if (same(now, in)) {
                continue;
            }
            if (was != null && same(now, was)) {
                merged.put(f, in);
                taken.add(f);
            } else if (was == null || !same(in, was) || stillConflicted.contains(f)) {
                conflicts.add(new Conflict(f, now, in));
            }
            // else: only Assay changed it since; the source still has what it had, so Assay's stands quietly.
        }
        return new Result(new Fields(merged), taken, conflicts);
    }

    /** An upload is the instructor's own act: whatever it says is taken. */
    public static Result takeAll(Fields current, Fields incoming) {
        List<String> taken = FIELDS.stream().filter(f -> !same(current.get(f), incoming.get(f))).toList();
        return new Result(incoming, taken, List.of());
    }

    /** Equal as values: numbers by value (4 and 4.0 are the same points), everything else as JSON trees. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return Objects.equals(a, b);
    }
}
