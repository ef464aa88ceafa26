package dev.assay.engine.eval;

/**
 * An answer a person scored, as {@code eval}'s input gives it.
 *
 * @param score the person's score in points
 * @param max   the scale of that score; null: the question's points
 * @param id    the answer's id in the input, if it gives one (written back with predictions); may be null
 */
public record HumanScore(String question, String answer, double score, Integer max, String id) {

    public HumanScore(String question, String answer, double score, Integer max) {
        this(question, answer, score, max, null);
    }
}
