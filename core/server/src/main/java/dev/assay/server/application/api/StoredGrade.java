package dev.assay.server.application.api;

import dev.assay.api.Grade;
import java.time.OffsetDateTime;

/**
 * A grade as stored: the plugin's (or an instructor's) grade with what it was given with.
 *
 * @param readable       false for a stored grade that cannot be read back: it shows as an ERROR with score 0
 * @param questionPoints what the question is worth
 * @param plugin         the plugin that gave it, or {@code instructor} for a review (then {@code pluginVersion} names
 *                       the reviewer)
 * @param configVersion  the question's configuration version it was given with
 * @param reviewComment  what an instructor wrote to the student with a review, else null
 */
public record StoredGrade(long id, Grade grade, boolean readable, double questionPoints, String plugin, String pluginVersion,
                          int configVersion, double durationMs, boolean needsReview, OffsetDateTime gradedAt,
                          String reviewComment) {
    /** GRADED, INVALID_ANSWER, NEEDS_REVIEW, ERROR, or UNREADABLE for a stored grade that cannot be read back. */
    public String status() {
        return readable ? grade.status().name() : "UNREADABLE";
    }

    /** The points it gives: its score times the question's points. */
    public double points() {
        return grade.score() * questionPoints;
    }
}
