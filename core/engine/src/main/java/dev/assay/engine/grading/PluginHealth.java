package dev.assay.engine.grading;

/**
 * How a plugin has behaved in this engine, and its bulkhead now.
 *
 * @param timeouts  calls stopped at their time limit
 * @param abandoned calls that ignored the interrupt and were left running on a thread of their own
 * @param failures  calls that threw
 * @param healthy   false once {@code abandoned} reached the threshold: the plugin gets no more work
 * @param share     the most workers its grading may hold at once (previews have as many again)
 * @param running   its calls running now (grades and previews)
 * @param waiting   its calls waiting for its share or for a worker now
 */
public record PluginHealth(String pluginId, long calls, long timeouts, long abandoned, long failures, boolean healthy,
                           int share, int running, int waiting) {
}
