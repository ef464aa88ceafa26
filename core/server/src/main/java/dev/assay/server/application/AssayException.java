package dev.assay.server.application;

import java.util.List;

/** A request the application refuses, with what to fix. The REST layer maps the kind to a status code. */
public class AssayException extends RuntimeException {
    /** UNAVAILABLE: the server cannot do it now (a grader plugin failed at it); the request may succeed later. */
    public enum Kind { NOT_FOUND, INVALID, CONFLICT, TOO_LARGE, UNAVAILABLE }

    /** A problem with one field of the request: {@code config.reference}, {@code files[0].name}. */
    public record Problem(String field, String message) {
    }

    private final Kind kind;
    private final transient List<Problem> problems;

    public AssayException(Kind kind, String message, List<Problem> problems) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public AssayException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }

    public static AssayException notFound(String what) {
        return new AssayException(Kind.NOT_FOUND, what);
    }
}
