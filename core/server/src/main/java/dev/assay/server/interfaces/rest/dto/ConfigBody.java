package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new configuration for a question: checked against its plugin, then stored as a new version. */
public record ConfigBody(@NotNull @Schema(type = SchemaType.OBJECT, description = CONFIG) ObjectNode config,
                         @Size(max = 100_000) String expectedApproach,
                         @Size(max = 500) String reason) {
    /** The configuration's description in the OpenAPI document. */
    static final String CONFIG = "The plugin's configuration: the fields of its configuration type (GET /api/plugins).";
}
