package dev.assay.api;

import java.util.Arrays;
import java.util.Objects;

/** A picture in feedback, a PNG plot say, with a text alternative for screen readers. */
public record Figure(String mediaType, byte[] data, String altText) {
    public Figure {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(altText, "altText");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && mediaType.equals(f.mediaType) && Arrays.equals(data, f.data)
                && altText.equals(f.altText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, Arrays.hashCode(data), altText);
    }

    @Override
    public String toString() {
        return "Figure[" + mediaType + ", " + data.length + " bytes, " + altText + "]";
    }
}
