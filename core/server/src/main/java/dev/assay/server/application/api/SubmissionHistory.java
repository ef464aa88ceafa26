package dev.assay.server.application.api;

import java.util.List;
import java.util.Optional;

/**
 * A submission with every grade it was given, oldest first.
 *
 * @param inForce          the grade that counts: the latest instructor grade, else the plugin's latest (null only for
 *                         a submission stored without any grade, which Assay never does)
 * @param reviewed         whether an instructor's grade is in force (it stands through regrades)
 * @param newerPluginGrade for a reviewed answer, the plugin's grade given after the review when it differs from the
 *                         instructor's (a regrade under a changed configuration): the instructor looks again
 */
public record SubmissionHistory(Submission submission, List<StoredGrade> grades, StoredGrade inForce, boolean reviewed,
                                Optional<StoredGrade> newerPluginGrade) {
}
