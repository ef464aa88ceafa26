package dev.assay.engine.grading;

import dev.assay.api.Grade;
import java.time.Duration;

/** A grade with what produced it: plugin, version, time taken and the seed it drew from. */
public record GradeOutcome(Grade grade, String pluginId, String pluginVersion, Duration duration, long seed) {
}
