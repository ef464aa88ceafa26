package dev.assay.server.application.api;

import java.time.OffsetDateTime;

/**
 * A score on its way to a gradebook, in the core's words (an adapter says them in its gradebook's).
 *
 * @param complete       every question of the assignment has an answer
 * @param awaitingReview the score is provisional: a grade in force waits for a person
 * @param sentTimestamp  the timestamp it was last sent with (whole seconds, strictly increasing per target and user)
 * @param comment        the instructors' review comments that go with it
 */
public record ScoreEntry(long id, String target, String user, double scoreGiven, double scoreMaximum, boolean complete,
                         boolean awaitingReview, OffsetDateTime gradedAt, Delivery state, int attempts,
                         OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime deliveredAt,
                         OffsetDateTime sentTimestamp, String comment) {
}
