package dev.assay.server.application.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An answer as it was submitted.
 *
 * @param user            the platform's id of the student
 * @param configVersion   the question's configuration version when it was submitted
 * @param gradebookTarget where its assignment's score goes (an LTI link), or null
 */
public record Submission(long id, String questionId, String user, String answer, List<SubmittedFile> files,
                         OffsetDateTime createdAt, int configVersion, String gradebookTarget) {
    /** A file that came with the answer. */
    public record SubmittedFile(String name, String mediaType, long size) {
    }

    public List<String> fileNames() {
        return files.stream().map(SubmittedFile::name).toList();
    }
}
