package dev.assay.server.application.api;

/**
 * What a regrade did to reviewed answers: how many kept their instructor's grade through it, and how many of those the
 * plugin now grades differently (they are on the review queue's "changed" list).
 */
public record ReviewsKept(long kept, long differ) {
}
