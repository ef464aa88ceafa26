package dev.assay.engine.grading;

/**
 * How a plugin has behaved in this engine, and its bulkhead now.
 *
 * @param timeouts  calls stopped at their time limit
 * @param abandoned calls that ignored the interrupt and were left running on a thread of their own
 * @param failures  calls that threw
 * @param healthy   false once {@code abandoned} reached the threshold: the plugin gets no more work
 * @param share     the most workers its grades and previews hold at once, together
 * @param gradingShare the most of those that grade at once: its share, or fewer where the plugin says it can use no
 *                  more at once ({@link dev.assay.api.GraderPlugin#concurrency()}); the rest of the share serves previews
 * @param running   its calls running now (grades and previews)
 * @param waiting   its calls waiting for its share or for a worker now
 */
public record PluginHealth(String pluginId, long calls, long timeouts, long abandoned, long failures, boolean healthy,
                           int share, int gradingShare, int running, int waiting) {
}
