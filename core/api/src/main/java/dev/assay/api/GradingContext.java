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
 * @param points    what the question is worth: feedback that names points speaks in these, not in a rubric's
 *                  own units (a grade's score stays a fraction of them, in [0, 1])
 */
public record GradingContext(long seed, Limits limits, Locale locale, QuestionResources resources, double points) {
    public GradingContext {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(resources, "resources");
        if (!Double.isFinite(points) || points <= 0) {
            throw new IllegalArgumentException("points must be a positive finite number, not " + points);
        }
    }

    /** A context for a question worth one point (tools and tests that grade outside a course). */
    public GradingContext(long seed, Limits limits, Locale locale, QuestionResources resources) {
        this(seed, limits, locale, resources, 1);
    }
}
