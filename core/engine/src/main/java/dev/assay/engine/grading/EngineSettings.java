package dev.assay.engine.grading;

import dev.assay.api.Limits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the engine runs graders.
 *
 * @param workers          graders running at once, all plugins together
 * @param limits           default time and size limits per answer
 * @param maxTimeLimit     the most time a plugin may ask for
 * @param interruptGrace   how long a grader gets to stop after it is interrupted before it is abandoned
 * @param queueWait        how long an answer waits for a free worker before it is refused
 * @param hangsUntilUnhealthy abandoned graders after which a plugin is taken out of service
 * @param pluginShare      the most workers one plugin may hold at once, its grades and previews together (its
 *                         bulkhead); 0: all but one ({@code workers − 1}, at least 1), so that while one plugin has all
 *                         it may take, another plugin's answer still finds a worker
 * @param pluginShares     a share per plugin id, overriding {@code pluginShare} (a training plugin held to 1, say)
 * @param pluginQueue      the most answers of one plugin that may wait for its share; more are refused at once
 */
public record EngineSettings(int workers, Limits limits, Duration maxTimeLimit, Duration interruptGrace,
                             Duration queueWait, int hangsUntilUnhealthy, int pluginShare,
                             Map<String, Integer> pluginShares, int pluginQueue) {
    /** A plugin id, '=', a share: {@code some-grader=1}. */
    private static final Pattern SHARE_ENTRY = Pattern.compile("\\s*([a-z0-9][a-z0-9-]*)\\s*=\\s*(\\d{1,6})\\s*");

    public EngineSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(maxTimeLimit, "maxTimeLimit");
        Objects.requireNonNull(interruptGrace, "interruptGrace");
        Objects.requireNonNull(queueWait, "queueWait");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (hangsUntilUnhealthy < 1) {
            throw new IllegalArgumentException("hangsUntilUnhealthy must be at least 1");
        }
        if (pluginShare < 0) {
            throw new IllegalArgumentException("a plugin's share of the workers must be at least 1 (or 0: all but one), not "
                    + pluginShare);
        }
        if (pluginQueue < 1) {
            throw new IllegalArgumentException("a plugin's queue must hold at least 1 answer, not " + pluginQueue);
        }
        pluginShares = Map.copyOf(pluginShares == null ? Map.of() : pluginShares);
        pluginShares.forEach((id, share) -> {
            if (share < 1) {
                throw new IllegalArgumentException("the share of plugin " + id + " must be at least 1, not " + share);
            }
        });
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Math.max(2, Runtime.getRuntime().availableProcessors()), Limits.DEFAULT,
                Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30), 3, 0, Map.of(), 32);
    }

    /**
     * The most workers the plugin may hold at once, grades and previews together: its own setting, else the common
     * one, never more than all.
     */
    public int shareOf(String pluginId) {
        int share = pluginShares.getOrDefault(pluginId, pluginShare == 0 ? Math.max(1, workers - 1) : pluginShare);
        return Math.min(share, workers);
    }

    /**
     * The most of the plugin's share that may grade at once: the share, or what the plugin says it can use at once
     * ({@link dev.assay.api.GraderPlugin#concurrency()}) where that is less, so its further answers wait in the
     * engine's queue holding no worker, and the rest of its share serves its previews.
     */
    public int gradingShareOf(String pluginId, OptionalInt declared) {
        int share = shareOf(pluginId);
        return declared.isPresent() && declared.getAsInt() >= 1 ? Math.min(share, declared.getAsInt()) : share;
    }

    /**
     * Reads per-plugin shares written as {@code some-grader=1, other-grader=2} (the form of the
     * {@code assay.grading.plugin-shares} setting); blank: none.
     */
    public static Map<String, Integer> parseShares(String spec) {
        Map<String, Integer> shares = new TreeMap<>();
        if (spec == null || spec.isBlank()) {
            return shares;
        }
        for (String entry : spec.split(",")) {
            Matcher m = SHARE_ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not a plugin share: write plugin-id=N "
                        + "(the id as ./assay plugins lists it), with entries separated by commas");
            }
            if (shares.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new IllegalArgumentException("the share of plugin " + m.group(1) + " is given twice");
            }
        }
        return shares;
    }

    public EngineSettings withLimits(Limits l) {
        return new EngineSettings(workers, l, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy, pluginShare,
                pluginShares, pluginQueue);
    }

    public EngineSettings withWorkers(int w) {
        return new EngineSettings(w, limits, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy, pluginShare,
                pluginShares, pluginQueue);
    }

    public EngineSettings withInterruptGrace(Duration grace) {
        return new EngineSettings(workers, limits, maxTimeLimit, grace, queueWait, hangsUntilUnhealthy, pluginShare,
                pluginShares, pluginQueue);
    }

    public EngineSettings withQueueWait(Duration wait) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, wait, hangsUntilUnhealthy, pluginShare,
                pluginShares, pluginQueue);
    }

    public EngineSettings withHangsUntilUnhealthy(int n) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, queueWait, n, pluginShare,
                pluginShares, pluginQueue);
    }

    /** The share of every plugin without one of its own; 0: all workers but one. */
    public EngineSettings withPluginShare(int share) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy, share,
                pluginShares, pluginQueue);
    }

    public EngineSettings withPluginShare(String pluginId, int share) {
        Map<String, Integer> shares = new HashMap<>(pluginShares);
        shares.put(pluginId, share);
        return withPluginShares(shares);
    }

    public EngineSettings withPluginShares(Map<String, Integer> shares) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy, pluginShare,
                shares, pluginQueue);
    }

    public EngineSettings withPluginQueue(int queue) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy, pluginShare,
                pluginShares, queue);
    }
}
