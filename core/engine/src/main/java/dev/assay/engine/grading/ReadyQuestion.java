package dev.assay.engine.grading;

import dev.assay.api.QuestionResources;
import dev.assay.engine.plugin.LoadedPlugin;
import java.util.Objects;

/** A question whose plugin is installed and whose configuration is bound and valid: ready to grade. */
public record ReadyQuestion(String id, LoadedPlugin plugin, Record config, String expectedApproach,
                            QuestionResources resources) {
    public ReadyQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(config, "config");
        expectedApproach = expectedApproach == null ? "" : expectedApproach;
        resources = resources == null ? QuestionResources.NONE : resources;
    }
}
