package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.pack.QuestionTest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new configuration for a question: checked against its plugin and run through the question's tests, then stored as a
 * new version.
 *
 * @param tests the question's whole new list of tests, run instead of those standing and stored with the version; null:
 *              the tests as they stand
 */
public record ConfigBody(@NotNull @Schema(type = SchemaType.OBJECT, description = CONFIG) ObjectNode config,
                         @Size(max = 100_000) String expectedApproach,
                         @Size(max = 500) String reason,
                         @Valid @Size(max = 500) List<@NotNull TestBody> tests) {
    /** The configuration's description in the OpenAPI document. */
    static final String CONFIG = "The plugin's configuration: the fields of its configuration type (GET /api/plugins).";

    public Optional<List<QuestionTest>> newTests() {
        return Optional.ofNullable(tests).map(ts -> ts.stream().map(TestBody::toTest).toList());
    }
}
