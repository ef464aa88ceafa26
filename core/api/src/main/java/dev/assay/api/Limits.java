package dev.assay.api;

import java.time.Duration;
import java.util.Objects;

/** The limits a grading call runs under. */
public record Limits(Duration timeLimit, int maxTextBytes, long maxAttachmentBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 64 * 1024, 16L * 1024 * 1024);

    public Limits {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
        if (maxTextBytes <= 0 || maxAttachmentBytes < 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }

    public Limits withTimeLimit(Duration limit) {
        return new Limits(limit, maxTextBytes, maxAttachmentBytes);
    }
}
