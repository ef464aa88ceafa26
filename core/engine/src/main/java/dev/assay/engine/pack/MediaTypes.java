package dev.assay.engine.pack;

import java.util.Locale;

/** Media types from file names, for the few kinds of files answers and packs carry. */
public final class MediaTypes {
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
        if (n.endsWith(".npy")) {
            return "application/x-npy";
        }
        if (n.endsWith(".zip")) {
            return "application/zip";
        }
        return "application/octet-stream";
    }
}
