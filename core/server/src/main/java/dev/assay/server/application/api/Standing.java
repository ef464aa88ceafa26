package dev.assay.server.application.api;

/**
 * A user's current score on a gradebook target (their latest, whatever its delivery), and whether the gradebook has it.
 *
 * @param complete       every question of the assignment has an answer
 * @param awaitingReview the score is provisional: a grade in force waits for a person
 */
public record Standing(String user, double given, double maximum, boolean complete, boolean awaitingReview,
                       Delivery delivery) {
}
