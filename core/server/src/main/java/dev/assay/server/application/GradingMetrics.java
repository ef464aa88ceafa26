package dev.assay.server.application;

import dev.assay.engine.grading.GradeOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Grades per plugin and status, and grading time per plugin, at /metrics?scope=application. */
@ApplicationScoped
public class GradingMetrics {
    @Inject
    MetricRegistry registry;

    public void record(GradeOutcome outcome) {
        Tag plugin = new Tag("plugin", outcome.pluginId());
        registry.counter("assay.grades", plugin, new Tag("status", outcome.grade().status().name())).inc();
        registry.timer("assay.grading.time", plugin).update(outcome.duration());
    }
}
