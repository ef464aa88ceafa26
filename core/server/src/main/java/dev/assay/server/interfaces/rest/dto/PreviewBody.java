package dev.assay.server.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.server.interfaces.web.AnswerBody;
import dev.assay.server.interfaces.web.FileBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sample answer to grade as a student's would be, without storing anything.
 *
 * @param config a draft configuration of the question's plugin to grade with; null: the configuration in force
 */
public record PreviewBody(@NotNull String answer, @Valid @Size(max = 20) List<@NotNull FileBody> files,
                          @Schema(type = SchemaType.OBJECT, description = ConfigBody.CONFIG) ObjectNode config) {
    public Answer toAnswer() {
        return new AnswerBody(answer, files).toAnswer();
    }

    public Optional<ObjectNode> draftConfig() {
        return Optional.ofNullable(config);
    }
}
