package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new configuration for a question: checked against its plugin, then stored as a new version. */
public record ConfigBody(@NotNull ObjectNode config, @Size(max = 100_000) String expectedApproach,
                         @Size(max = 500) String reason) {
}
