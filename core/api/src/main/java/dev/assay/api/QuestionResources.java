package dev.assay.api;

import java.util.Optional;

/** Read access to the files of the course pack a question comes from (a CSV data set, say). */
@FunctionalInterface
public interface QuestionResources {
    QuestionResources NONE = path -> Optional.empty();

    /** The bytes of the pack file at this path relative to the pack's root, if there is one. */
    Optional<byte[]> read(String relativePath);
}
