package dev.assay.engine.grading;

/**
 * How a plugin has behaved in this engine.
 *
 * @param timeouts  calls stopped at their time limit
 * @param abandoned calls that ignored the interrupt and were left running on a thread of their own
 * @param failures  calls that threw
 * @param healthy   false once {@code abandoned} reached the threshold: the plugin gets no more work
 */
public record PluginHealth(String pluginId, long calls, long timeouts, long abandoned, long failures, boolean healthy) {
}
