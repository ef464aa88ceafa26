package dev.assay.server.application.api;

/** A review of an answer group: the question, and how many answers were reviewed. */
public record GroupReviewed(String questionId, int reviewed) {
}
