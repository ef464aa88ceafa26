package dev.assay.api;

import java.util.Objects;

/** A file a question hands out, as listed for download. */
public record HandoutInfo(String name, String mediaType, String description) {
    public HandoutInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        description = description == null ? "" : description;
    }
}
