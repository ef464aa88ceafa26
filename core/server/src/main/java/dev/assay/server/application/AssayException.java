package dev.assay.server.application;

import java.util.List;

/**
 * A request the application refuses, with what to fix. Each kind of refusal has one HTTP status, whichever client
 * (REST, LTI) made the request: the web support maps it.
 */
public class AssayException extends RuntimeException {
    public enum Kind {
        /** What was asked for is not here (or not visible to the caller). */
        NOT_FOUND,
        /** The request itself is wrong: a field to fix. */
        INVALID,
        /** The caller's role may not do this (a student reviewing, say). */
        FORBIDDEN,
        /** The request is right, but the state of things refuses it now (a regrade already running, say). */
        CONFLICT,
        /**
         * The request is well formed but its content is refused by a rule (a configuration whose question tests fail);
         * distinct from CONFLICT, which a later request may pass unchanged.
         */
        UNPROCESSABLE,
        /** The request is over a size limit. */
        TOO_LARGE,
        /** The server cannot do it now (a grader plugin failed at it); the request may succeed later. */
        UNAVAILABLE
    }

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

    public static AssayException forbidden(String why) {
        return new AssayException(Kind.FORBIDDEN, why);
    }
}
