package dev.assay.server.application.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One version of a question's grading configuration. */
public record ConfigVersion(String question, int version, String plugin, JsonNode config, String expectedApproach,
                            OffsetDateTime createdAt, String createdBy, String reason) {
}
