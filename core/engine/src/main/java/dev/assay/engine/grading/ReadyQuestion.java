package dev.assay.engine.grading;

import dev.assay.api.QuestionResources;
import dev.assay.engine.plugin.LoadedPlugin;
import java.util.Objects;

/**
 * A question whose plugin is installed and whose configuration is bound and valid: ready to grade.
 *
 * @param points what the question is worth (the plugin's feedback speaks in these)
 */
public record ReadyQuestion(String id, LoadedPlugin plugin, Record config, String expectedApproach,
                            QuestionResources resources, double points) {
    public ReadyQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(config, "config");
        expectedApproach = expectedApproach == null ? "" : expectedApproach;
        resources = resources == null ? QuestionResources.NONE : resources;
        if (!Double.isFinite(points) || points <= 0) {
            throw new IllegalArgumentException(id + ": points must be a positive finite number, not " + points);
        }
    }

    /** A question worth one point. */
    public ReadyQuestion(String id, LoadedPlugin plugin, Record config, String expectedApproach, QuestionResources resources) {
        this(id, plugin, config, expectedApproach, resources, 1);
    }
}
