package dev.assay.server.application.api;

import java.util.List;

/** The grader plugins this server loaded, with their health, and those that failed to load. */
public record PluginList(List<Plugin> plugins, List<Failure> failures) {
    /**
     * A loaded plugin. {@code share}: the most workers its grading may hold; {@code running}, {@code waiting}: its calls
     * now; {@code healthy} false once it is out of service after repeated hangs.
     */
    public record Plugin(String id, String version, String origin, boolean healthy, long calls, long timeouts,
                         long abandoned, long failures, int share, int running, int waiting) {
    }

    /** A plugin folder that did not load, and why. */
    public record Failure(String origin, String reason) {
    }
}
