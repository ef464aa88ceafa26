package dev.assay.engine.eval;

/**
 * An answer a person scored, as {@code eval}'s input gives it.
 *
 * @param score the person's score in points
 * @param max   the scale of that score; null: the question's points
 */
public record HumanScore(String question, String answer, double score, Integer max) {
}
