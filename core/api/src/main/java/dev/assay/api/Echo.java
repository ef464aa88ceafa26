package dev.assay.api;

import java.util.Objects;

/**
 * How the answer was understood, shown back to the student before and with the grade.
 *
 * @param text  plain text (canonical form, the tokens read, …)
 * @param latex the same as LaTeX where that reads better, else empty
 */
public record Echo(String text, String latex) {
    public static final Echo NONE = new Echo("", "");

    public Echo {
        Objects.requireNonNull(text, "text");
        latex = latex == null ? "" : latex;
    }

    public static Echo text(String text) {
        return new Echo(text, "");
    }
}
