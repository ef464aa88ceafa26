package dev.assay.server.application.api;

/** A submission just graded and stored, with its grade as given. */
public record Submitted(Submission submission, StoredGrade grade) {
}
