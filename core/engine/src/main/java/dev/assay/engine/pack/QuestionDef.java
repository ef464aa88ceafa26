package dev.assay.engine.pack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One question of a pack, as its file says. The plugin configuration stays a JSON tree here; it is
 * bound to the plugin's record type when the plugin is there ({@link PackLoader}).
 */
public record QuestionDef(String id, String title, String prompt, double points, String plugin, ObjectNode config,
                          String expectedApproach, List<QuestionTest> tests) {
    public QuestionDef {
        title = title == null ? "" : title;
        prompt = prompt == null ? "" : prompt;
        config = config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy();
        expectedApproach = expectedApproach == null ? "" : expectedApproach;
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** The part of the id after the pack's id: {@code 3bi-grad-w2} in {@code hw7/3bi-grad-w2}. */
    public String localName() {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    public QuestionDef withConfig(ObjectNode newConfig, String newExpectedApproach) {
        return new QuestionDef(id, title, prompt, points, plugin, newConfig, newExpectedApproach, tests);
    }
}
