package dev.assay.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of grading one answer, as STACK's answer tests give it: a status, a score, stable
 * answer notes for machines, feedback for people, and the echo of how the answer was read.
 *
 * @param score a fraction of the question's points, in [0, 1]
 * @param notes stable machine-readable codes ({@code EQUIVALENT}, {@code WRONG_SIGN}, …)
 */
public record Grade(Status status, double score, List<String> notes, List<FeedbackBlock> feedback, Echo echo) {

    public enum Status {
        /** Graded; the score stands. */
        GRADED,
        /** The answer could not be read (a parse error, a missing file): the student should fix it. */
        INVALID_ANSWER,
        /** Graded provisionally; an instructor should look at it. */
        NEEDS_REVIEW,
        /** The grader failed (threw, hung, exceeded a limit): not the student's fault. */
        ERROR
    }

    public Grade {
        Objects.requireNonNull(status, "status");
        if (Double.isNaN(score) || score < 0.0 || score > 1.0) {
            throw new IllegalArgumentException("score must be a fraction in [0, 1], was " + score);
        }
        notes = List.copyOf(notes);
        feedback = List.copyOf(feedback);
        echo = echo == null ? Echo.NONE : echo;
    }

    public static Builder builder(Status status) {
        return new Builder(status);
    }

    /** A grader failure: score 0, the message as feedback, note {@code code}. */
    public static Grade error(String code, String message) {
        return builder(Status.ERROR).note(code).feedback(FeedbackBlock.of(FeedbackBlock.Kind.INFO, message)).build();
    }

    /** An answer that cannot be read: score 0, what to fix as feedback. */
    public static Grade invalid(String code, String whatToFix, Echo echo) {
        return builder(Status.INVALID_ANSWER).note(code).feedback(FeedbackBlock.diagnosis(whatToFix)).echo(echo).build();
    }

    public boolean hasNote(String note) {
        return notes.contains(note);
    }

    public static final class Builder {
        private final Status status;
        private double score;
        private final List<String> notes = new ArrayList<>();
        private final List<FeedbackBlock> feedback = new ArrayList<>();
        private Echo echo = Echo.NONE;

        private Builder(Status status) {
            this.status = Objects.requireNonNull(status);
        }

        public Builder score(double score) {
            this.score = score;
            return this;
        }

        public Builder note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return this;
        }

        public Builder feedback(FeedbackBlock block) {
            feedback.add(block);
            return this;
        }

        public Builder echo(Echo echo) {
            this.echo = echo;
            return this;
        }

        public Grade build() {
            return new Grade(status, score, notes, feedback, echo);
        }
    }
}
