package dev.assay.server.interfaces.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An answer to validate (nothing is stored). */
public record AnswerBody(@NotNull String answer, @Valid @Size(max = 20) List<@NotNull FileBody> files) {
}
