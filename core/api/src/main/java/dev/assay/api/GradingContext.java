package dev.assay.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Everything about a grading call that is not the question or the answer.
 *
 * @param seed      deterministic per question and answer: a regrade draws the same random numbers
 * @param limits    time and size limits the engine enforces
 * @param locale    the student's locale, for feedback
 * @param resources the files of the question's course pack
 */
public record GradingContext(long seed, Limits limits, Locale locale, QuestionResources resources) {
    public GradingContext {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(resources, "resources");
    }
}
