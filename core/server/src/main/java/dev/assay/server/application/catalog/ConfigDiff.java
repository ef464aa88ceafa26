package dev.assay.server.application.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed from one configuration version to another, field by field: each configuration field (nested objects by
 * their path, {@code config.limits.rows}; lists as one value), the expected approach, and each test by its place.
 */
public final class ConfigDiff {
    private ConfigDiff() {
    }

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One field that differs: its path, how, its old value (null when added) and its new one (null when removed). */
    public record Change(String field, Kind change, JsonNode oldValue, JsonNode newValue) {
    }

    /** The fields of one version that a diff compares. */
    public record Side(String title, String prompt, double points, JsonNode config, String expectedApproach,
                       List<QuestionTest> tests) {
        /** A side without title, prompt and points (they then never differ). */
        public Side(JsonNode config, String expectedApproach, List<QuestionTest> tests) {
            this("", "", 1, config, expectedApproach, tests);
        }
    }

    /**
     * The changes from {@code a} to {@code b}: the question's title, prompt and points, then its configuration, then the
     * approach, then the tests.
     */
    public static List<Change> between(Side a, Side b) {
        List<Change> changes = new ArrayList<>();
        if (!Objects.equals(a.title(), b.title())) {
            changes.add(change("title", text(a.title()), text(b.title())));
        }
        if (!Objects.equals(a.prompt(), b.prompt())) {
            changes.add(change("prompt", text(a.prompt()), text(b.prompt())));
        }
        if (Double.compare(a.points(), b.points()) != 0) {
            changes.add(change("points", JsonNodeFactory.instance.numberNode(a.points()),
                    JsonNodeFactory.instance.numberNode(b.points())));
        }
        fields("config", a.config(), b.config(), changes);
        if (!Objects.equals(a.expectedApproach(), b.expectedApproach())) {
            changes.add(change("expectedApproach", text(a.expectedApproach()), text(b.expectedApproach())));
        }
        int n = Math.max(a.tests().size(), b.tests().size());
        for (int i = 0; i < n; i++) {
            JsonNode old = i < a.tests().size() ? Json.json().valueToTree(a.tests().get(i)) : null;
            JsonNode now = i < b.tests().size() ? Json.json().valueToTree(b.tests().get(i)) : null;
            if (!Objects.equals(old, now)) {
                changes.add(change("tests[" + i + "]", old, now));
            }
        }
        return changes;
    }

    private static void fields(String path, JsonNode a, JsonNode b, List<Change> changes) {
        if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
            TreeSet<String> names = new TreeSet<>();
            oa.fieldNames().forEachRemaining(names::add);
            ob.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                fields(path + "." + name, oa.get(name), ob.get(name), changes);
            }
        } else if (!Objects.equals(a, b)) {
            changes.add(change(path, a, b));
        }
    }

    private static Change change(String field, JsonNode old, JsonNode now) {
        Kind kind = old == null ? Kind.ADDED : now == null ? Kind.REMOVED : Kind.CHANGED;
        return new Change(field, kind, old, now);
    }

    private static JsonNode text(String s) {
        return s == null ? null : JsonNodeFactory.instance.textNode(s);
    }
}
