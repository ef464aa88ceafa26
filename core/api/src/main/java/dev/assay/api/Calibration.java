package dev.assay.api;

import java.util.List;
import java.util.Objects;

/**
 * An optional capability of a {@link GraderPlugin}: a configuration has settings that can be fitted to human scores
 * (similarity thresholds, say), and the plugin names the variants worth trying. The engine grades the human-scored
 * answers with each variant and keeps the one that agrees best with the humans ({@code ./assay eval --calibrate});
 * the plugin needs to know nothing about the scores or the measure of agreement. A plugin offers it by implementing
 * this interface as well, or by returning it from {@link GraderPlugin#capability}.
 *
 * @param <C> the plugin's configuration record
 */
public interface Calibration<C extends Record> {

    /**
     * Variants of this configuration that differ only in what can be fitted, each with a label that says what it sets
     * ({@code thresholds [0.30, 0.50]}); none when this configuration has nothing to fit (a rubric, say).
     */
    List<Candidate<C>> candidates(C config);

    /** One variant to try, and what it sets, as a reader of the report sees it. */
    record Candidate<C extends Record>(C config, String label) {
        public Candidate {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(label, "label");
        }
    }
}
