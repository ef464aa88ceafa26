package dev.assay.api;

import java.util.Objects;

/**
 * A file an answer may carry, as the student page offers it: its base name (the plugin finds it by that,
 * whatever the extension), the extensions accepted (".csv,.npy"), and what it should hold.
 */
public record AnswerFile(String name, String accept, String description) {
    public AnswerFile {
        Objects.requireNonNull(name, "name");
        accept = accept == null ? "" : accept;
        description = description == null ? "" : description;
    }
}
