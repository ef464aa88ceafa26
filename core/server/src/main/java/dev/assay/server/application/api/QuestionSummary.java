package dev.assay.server.application.api;

/** A question in a list. */
public record QuestionSummary(String id, String title, double points, String plugin, String state, int configVersion) {
}
