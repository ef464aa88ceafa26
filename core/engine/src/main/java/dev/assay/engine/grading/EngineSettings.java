package dev.assay.engine.grading;

import dev.assay.api.Limits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs graders.
 *
 * @param workers          graders running at once
 * @param limits           default time and size limits per answer
 * @param maxTimeLimit     the most time a plugin may ask for
 * @param interruptGrace   how long a grader gets to stop after it is interrupted before it is abandoned
 * @param queueWait        how long an answer waits for a free worker before it is refused
 * @param hangsUntilUnhealthy abandoned graders after which a plugin is taken out of service
 */
public record EngineSettings(int workers, Limits limits, Duration maxTimeLimit, Duration interruptGrace,
                             Duration queueWait, int hangsUntilUnhealthy) {
    public EngineSettings {
        Objects.requireNonNull(limits, "limits");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (hangsUntilUnhealthy < 1) {
            throw new IllegalArgumentException("hangsUntilUnhealthy must be at least 1");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Math.max(2, Runtime.getRuntime().availableProcessors()), Limits.DEFAULT,
                Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30), 3);
    }

    public EngineSettings withLimits(Limits l) {
        return new EngineSettings(workers, l, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy);
    }

    public EngineSettings withWorkers(int w) {
        return new EngineSettings(w, limits, maxTimeLimit, interruptGrace, queueWait, hangsUntilUnhealthy);
    }

    public EngineSettings withInterruptGrace(Duration grace) {
        return new EngineSettings(workers, limits, maxTimeLimit, grace, queueWait, hangsUntilUnhealthy);
    }

    public EngineSettings withHangsUntilUnhealthy(int n) {
        return new EngineSettings(workers, limits, maxTimeLimit, interruptGrace, queueWait, n);
    }
}
