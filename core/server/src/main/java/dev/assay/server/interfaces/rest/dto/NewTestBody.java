package dev.assay.server.interfaces.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A sample answer to keep as a question test, with the grade it gets now as the expectation. */
public record NewTestBody(@NotNull String answer, @Size(max = 200) String name) {
}
