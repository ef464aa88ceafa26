package dev.assay.api;

import java.util.Objects;

/**
 * One piece of feedback: Markdown with LaTeX, optionally with a figure.
 *
 * @param kind     what the block is for
 * @param title    a short heading, may be empty
 * @param markdown the text, Markdown with {@code $…$} / {@code $$…$$} LaTeX
 * @param figure   a picture, or null
 */
public record FeedbackBlock(Kind kind, String title, String markdown, Figure figure) {

    public enum Kind {
        /** What went wrong (or right) in this answer. */
        DIAGNOSIS,
        /** The route a correct solution takes. */
        EXPECTED_APPROACH,
        /** What in the answer earned or lost credit: quoted spans, metrics, tables. */
        EVIDENCE,
        /** Anything else worth saying. */
        INFO
    }

    public FeedbackBlock {
        Objects.requireNonNull(kind, "kind");
        title = title == null ? "" : title;
        markdown = markdown == null ? "" : markdown;
    }

    public static FeedbackBlock of(Kind kind, String markdown) {
        return new FeedbackBlock(kind, "", markdown, null);
    }

    public static FeedbackBlock diagnosis(String markdown) {
        return of(Kind.DIAGNOSIS, markdown);
    }

    public static FeedbackBlock expectedApproach(String markdown) {
        return new FeedbackBlock(Kind.EXPECTED_APPROACH, "Expected approach", markdown, null);
    }
}
