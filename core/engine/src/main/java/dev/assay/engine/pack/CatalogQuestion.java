package dev.assay.engine.pack;

import dev.assay.api.ConfigProblem;
import dev.assay.api.Grade;
import dev.assay.engine.grading.ReadyQuestion;
import java.util.List;

/**
 * A question of a loaded pack, with its state and, when ready, what the engine grades it with.
 *
 * @param problems why it is not ready: each with the path of the field ({@code config.expected}), or
 *                 the path {@code plugin} when the plugin is missing
 */
public record CatalogQuestion(QuestionDef def, QuestionState state, ReadyQuestion ready, List<ConfigProblem> problems) {
    public static final String NOTE_NOT_INSTALLED = "PLUGIN_NOT_INSTALLED";
    public static final String NOTE_INVALID_CONFIG = "INVALID_CONFIG";

    public CatalogQuestion {
        problems = List.copyOf(problems);
    }

    /** The problems as lines for people: {@code config.expected: must not be blank}. */
    public List<String> problemLines() {
        return problems.stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    /** The grade a question that is not ready gives: an error that says why, so nothing is silently dropped. */
    public Grade notReadyGrade() {
        return switch (state) {
            case READY -> throw new IllegalStateException(def.id() + " is ready");
            case PLUGIN_NOT_INSTALLED -> Grade.error(NOTE_NOT_INSTALLED, "This question needs the grader plugin '"
                    + def.plugin() + "', which is not installed on this server. Your answer is kept and will be "
                    + "graded once the plugin is installed.");
            case INVALID_CONFIG -> Grade.error(NOTE_INVALID_CONFIG, "This question's configuration has problems ("
                    + String.join("; ", problemLines()) + "). Your answer is kept; an instructor needs to fix the question.");
        };
    }
}
