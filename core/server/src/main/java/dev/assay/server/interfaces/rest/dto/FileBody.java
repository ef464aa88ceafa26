package dev.assay.server.interfaces.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An answer file in a JSON body: its name (what the question asks for, e.g. W1), type and Base64 content. */
public record FileBody(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[^/\\\\\\x00-\\x1f]+", message = "must be a plain file name") String name,
        @Size(max = 255) String mediaType,
        @NotNull @Pattern(regexp = "[A-Za-z0-9+/=\\r\\n]*", message = "must be Base64") String content) {
}
