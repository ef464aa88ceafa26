package dev.assay.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A file an answer may carry, as the student page offers it: its base name (the plugin finds it by that,
 * whatever the extension), the extensions accepted (".csv,.npy"), and what it should hold.
 *
 * @param mediaTypes the media type of each accepted extension the plugin gives its own type
 *                   ({@code ".npy" → "application/x-npy"}); the engine knows only generic ones (CSV, JSON, YAML, text,
 *                   PNG, zip), and stores an upload of any other extension under the type named here
 */
public record AnswerFile(String name, String accept, String description, Map<String, String> mediaTypes) {
    public AnswerFile {
        Objects.requireNonNull(name, "name");
        accept = accept == null ? "" : accept;
        description = description == null ? "" : description;
        Map<String, String> types = new TreeMap<>();
        (mediaTypes == null ? Map.<String, String>of() : mediaTypes).forEach((extension, type) -> {
            if (extension == null || !extension.startsWith(".") || type == null || type.isBlank()) {
                throw new IllegalArgumentException(name + ": a media type is declared for an extension, such as "
                        + "\".npy\" → \"application/x-npy\", not " + extension + " → " + type);
            }
            types.put(extension.toLowerCase(Locale.ROOT), type);
        });
        mediaTypes = Map.copyOf(types);
    }

    /** A file whose accepted extensions all have generic media types. */
    public AnswerFile(String name, String accept, String description) {
        this(name, accept, description, Map.of());
    }

    /** The media type this declaration gives a file of this name, by its extension; empty when it gives none. */
    public Optional<String> mediaTypeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(mediaTypes.get(fileName.substring(dot).toLowerCase(Locale.ROOT)));
    }
}
