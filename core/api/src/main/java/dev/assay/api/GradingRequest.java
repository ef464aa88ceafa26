package dev.assay.api;

import java.util.Objects;

/**
 * One answer to one question, handed to a plugin.
 *
 * @param questionId        the question's id in its course pack, e.g. {@code hw7/3bi-grad-w2}
 * @param config            the question's plugin configuration, already validated
 * @param expectedApproach  the instructor's explanation of the expected approach (Markdown), may be empty
 */
public record GradingRequest<C>(String questionId, C config, String expectedApproach, Answer answer,
                                GradingContext context) {
    public GradingRequest {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(context, "context");
        expectedApproach = expectedApproach == null ? "" : expectedApproach;
    }
}
