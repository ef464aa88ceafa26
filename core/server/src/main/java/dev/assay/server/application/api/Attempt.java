package dev.assay.server.application.api;

/** A submission with the grade in force: what a student sees of an earlier attempt. */
public record Attempt(Submission submission, StoredGrade inForce) {
}
