package dev.assay.api;

import java.util.List;

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
}
