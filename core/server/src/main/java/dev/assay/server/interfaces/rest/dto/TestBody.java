package dev.assay.server.interfaces.rest.dto;

import dev.assay.engine.pack.QuestionTest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A question test as a pack's YAML has it: a sample answer, the score it must get (a fraction of the points), the answer
 * notes its grade must carry and phrases its feedback must contain.
 *
 * @param files answer files: name → path of a file in the pack
 */
public record TestBody(@Size(max = 200) String name, @NotNull String answer, Map<String, String> files,
                       @NotNull @DecimalMin("0") @DecimalMax("1") Double score, List<@NotNull String> notes,
                       List<@NotNull String> feedback) {
    public QuestionTest toTest() {
        return new QuestionTest(name, answer, files, score, notes, feedback);
    }
}
