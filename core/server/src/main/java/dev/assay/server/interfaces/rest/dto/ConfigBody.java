package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.api.QuestionEdit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
                         @Valid @Size(max = 500) List<@NotNull TestBody> tests,
                         @Schema(description = "The question's title; left out: unchanged") @Size(max = 500) String title,
                         @Schema(description = "What students read (Markdown + LaTeX); left out: unchanged") @Size(max = 100_000) String prompt,
                         @Schema(description = POINTS) @Positive @DecimalMax("10000") Double points,
                         @Schema(description = BASE_VERSION) Integer baseVersion) {
    static final String POINTS = "What the question is worth (above 0, at most 10,000); left out: unchanged. A change "
            + "alters assignment scores: the regrade dry run (POST /api/assignments/{id}/regrades/preview) shows each "
            + "student's old and new score, and a regrade delivers them.";
    static final String BASE_VERSION = "The version the form was loaded from: when another version is in force now, the "
            + "save is refused (409) naming who saved which version when, and nothing is overwritten.";

    /** The configuration's description in the OpenAPI document. */
    static final String CONFIG = "The plugin's configuration: the fields of its configuration type (GET /api/plugins).";

    /** The save as the application API takes it. */
    public QuestionEdit toEdit() {
        return new QuestionEdit(config, expectedApproach, reason, newTests(), title, prompt, points, baseVersion);
    }

    public Optional<List<QuestionTest>> newTests() {
        return Optional.ofNullable(tests).map(ts -> ts.stream().map(TestBody::toTest).toList());
    }
}
