package dev.assay.server.application.engine;

import dev.assay.api.Grade;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.plugin.LoadedPlugin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Grades per plugin and status ({@code assay_grades_total}), and grading time per plugin
 * ({@code assay_grading_time_seconds}), at /metrics?scope=application. Both are registered for every loaded plugin
 * at start, at zero, so the endpoint answers (and a dashboard finds its series) before the first grade.
 */
@ApplicationScoped
public class GradingMetrics {
    static final String GRADES = "assay.grades";
    static final String GRADING_TIME = "assay.grading.time";
    /**
     * The timer's unit, declared: Payara's exporter scales a timer's mean and max by it (without it they went out in
     * nanoseconds under a name ending in _seconds). Its quantiles it never scales, so the WAR's configuration turns
     * them off for this timer and asks for buckets, which it writes in seconds (microprofile-config.properties).
     */
    private static final Metadata TIME = Metadata.builder().withName(GRADING_TIME)
            .withDescription("Time to grade one answer, by plugin").withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata COUNT = Metadata.builder().withName(GRADES)
            .withDescription("Grades given, by plugin and status").build();

    @Inject
    MetricRegistry registry;

    @Inject
    GradingRuntime runtime;

    public void record(GradeOutcome outcome) {
        Tag plugin = new Tag("plugin", outcome.pluginId());
        registry.counter(COUNT, plugin, new Tag("status", outcome.grade().status().name())).inc();
        timer(plugin).update(outcome.duration());
    }

    /** Every loaded plugin's counters (one per status) and timer, at zero. */
    public void registerAtStart() {
        for (LoadedPlugin p : runtime.engines().registry().plugins()) {
            Tag plugin = new Tag("plugin", p.id());
            for (Grade.Status status : Grade.Status.values()) {
                registry.counter(COUNT, plugin, new Tag("status", status.name()));
            }
            timer(plugin);
        }
    }

    private Timer timer(Tag plugin) {
        return registry.timer(TIME, plugin);
    }
}
