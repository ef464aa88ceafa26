package dev.assay.server.application.api;

import dev.assay.api.Grade;

/**
 * The grade a student would get for an answer, with what it was graded with; nothing of it is stored.
 *
 * @param questionPoints what the question is worth (its maximum points)
 * @param draft          graded with a draft configuration rather than the one in force
 * @param configVersion  the configuration version in force it was graded with; 0 for a draft
 * @param plugin         the plugin that graded it
 */
public record Preview(String questionId, Grade grade, double questionPoints, boolean draft, int configVersion,
                      String plugin, String pluginVersion, double durationMs) {
    /** GRADED, INVALID_ANSWER, NEEDS_REVIEW or ERROR, as the student would see it. */
    public String status() {
        return grade.status().name();
    }

    /** The points it would give: its score times the question's points. */
    public double points() {
        return grade.score() * questionPoints;
    }
}
