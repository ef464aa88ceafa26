package dev.assay.api;

import java.util.Objects;

/**
 * A problem with a question's plugin configuration.
 *
 * @param path    the field, as a path into the configuration: {@code symbols[2].shape}
 * @param message what is wrong and what to write instead
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
