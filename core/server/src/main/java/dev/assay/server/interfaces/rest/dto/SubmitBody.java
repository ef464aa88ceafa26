package dev.assay.server.interfaces.rest.dto;

import dev.assay.api.Answer;
import dev.assay.server.interfaces.web.FileBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An answer to grade and store.
 *
 * @param user the platform's opaque id of the student (LTI's {@code sub})
 */
public record SubmitBody(@NotBlank @Size(max = 1024) String user, @NotNull String answer,
                         @Valid @Size(max = 20) List<@NotNull FileBody> files) {
    public Answer toAnswer() {
        return new Answer(answer, FileBody.attachments(files));
    }
}
