package dev.assay.engine.pack;

import java.util.Locale;

/**
 * Generic media types from file names: the kinds of files any pack or answer may carry. A plugin names the types of
 * its own kinds of files ({@link dev.assay.api.AnswerFile#mediaTypes}, {@link dev.assay.api.HandoutInfo#mediaType}),
 * and {@link dev.assay.engine.grading.QuestionFiles#mediaTypeOf} asks it first.
 */
public final class MediaTypes {
    /** What a file of a kind nobody named is. */
    public static final String UNKNOWN = "application/octet-stream";

    private MediaTypes() {
    }

    public static String guess(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "text/csv";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return "application/yaml";
        }
        if (n.endsWith(".txt") || n.endsWith(".md")) {
            return "text/plain";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".zip")) {
            return "application/zip";
        }
        return UNKNOWN;
    }
}
