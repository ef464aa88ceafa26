package dev.assay.api;

import java.util.List;
import java.util.Objects;

/**
 * How an answer was understood, before grading: valid or not, the echo, and for an invalid
 * answer what to fix.
 *
 * @param messages for the student: what was read, or what to fix
 * @param notes    stable codes, e.g. {@code PARSE_ERROR}
 */
public record Validation(boolean valid, Echo echo, List<String> messages, List<String> notes) {
    public Validation {
        Objects.requireNonNull(echo, "echo");
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
    }

    public static Validation valid(Echo echo) {
        return new Validation(true, echo, List.of(), List.of());
    }

    public static Validation invalid(String note, String message, Echo echo) {
        return new Validation(false, echo, List.of(message), List.of(note));
    }
}
