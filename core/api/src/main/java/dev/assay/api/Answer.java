package dev.assay.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a student gave: text plus optional files. Immutable. */
public record Answer(String text, List<Attachment> attachments) {
    public Answer {
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    public static Answer of(String text) {
        return new Answer(text, List.of());
    }

    public Optional<Attachment> attachment(String name) {
        return attachments.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public long attachmentBytes() {
        return attachments.stream().mapToLong(Attachment::size).sum();
    }
}
