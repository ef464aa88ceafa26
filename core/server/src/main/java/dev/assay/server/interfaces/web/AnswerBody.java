package dev.assay.server.interfaces.web;

import dev.assay.api.Answer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An answer in a JSON body, as /api and /lti take it: its text and its files. */
public record AnswerBody(@NotNull String answer, @Valid @Size(max = 20) List<@NotNull FileBody> files) {
    /** The answer the body carries (INVALID naming the file when a file's name repeats or its content is not Base64). */
    public Answer toAnswer() {
        return new Answer(answer, FileBody.attachments(files));
    }
}
