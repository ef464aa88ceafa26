package dev.assay.api;

import java.util.Arrays;
import java.util.Objects;

/** A file that comes with an answer or that a question hands out. Immutable. */
public record Attachment(String name, String mediaType, byte[] content) {
    public Attachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a name");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && name.equals(a.name) && mediaType.equals(a.mediaType)
                && Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + name + ", " + mediaType + ", " + content.length + " bytes]";
    }
}
