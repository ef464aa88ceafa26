package dev.assay.api;

import java.util.List;
import java.util.Objects;

/**
 * An optional capability of a {@link GraderPlugin}: it can grade a question it knows only by its text, a few reference
 * answers and a scale, as public short-answer data sets give them ({@code ./assay eval --references}). A plugin offers
 * it by implementing this interface as well, or by returning it from {@link GraderPlugin#capability}.
 *
 * @param <C> the plugin's configuration record
 */
public interface ReferenceGrading<C extends Record> {

    /**
     * A question configuration that grades answers against these references.
     *
     * @param questionText the question as students read it; blank when the data set gives none
     * @param references   one or more model answers, in the order given
     * @param scale        the most points an answer can earn (human scores run from 0 to it)
     */
    C referenceConfig(String questionText, List<String> references, int scale);

    /**
     * Configurations for {@code toGrade} that have learned from answers people graded: each question's own
     * {@link Question#graded()} answers and, across questions, those of {@code toGrade} and {@code others} together
     * ({@code ./assay eval --folds}, {@code --by question}). The engine never passes an answer it will then ask the
     * configuration to grade, so what the plugin learns here is measured on answers it has not seen. One configuration
     * per question of {@code toGrade}, in its order. By default nothing is learned: {@link #referenceConfig} for each.
     */
    default List<C> learnedConfigs(List<Question> toGrade, List<Question> others) {
        return toGrade.stream().map(q -> referenceConfig(q.text(), q.references(), q.scale())).toList();
    }

    /** A question as a data set gives it, with the answers people graded (none when it is held out whole). */
    record Question(String text, List<String> references, int scale, List<Graded> graded) {
        public Question {
            text = text == null ? "" : text;
            references = List.copyOf(references);
            graded = graded == null ? List.of() : List.copyOf(graded);
        }
    }

    /** An answer and the points a person gave it, on its question's scale (0 to scale). */
    record Graded(String answer, double points) {
        public Graded {
            Objects.requireNonNull(answer, "answer");
        }
    }
}
