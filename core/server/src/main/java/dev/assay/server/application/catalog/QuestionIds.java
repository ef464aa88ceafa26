package dev.assay.server.application.catalog;

import dev.assay.server.application.AssayException;

/** Question ids are {@code pack/question}: the pack's id, a slash, the question's key within the pack. */
public final class QuestionIds {
    private QuestionIds() {
    }

    /** The pack a question id names; an id without a pack part is not found (it names no question on any server). */
    public static String packOf(String questionId) {
        int slash = questionId == null ? -1 : questionId.indexOf('/');
        if (slash <= 0) {
            throw AssayException.notFound("No question '" + questionId + "': question ids are pack/question, such as hw7/4a.");
        }
        return questionId.substring(0, slash);
    }
}
