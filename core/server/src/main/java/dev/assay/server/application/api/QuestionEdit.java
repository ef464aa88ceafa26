package dev.assay.server.application.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.pack.QuestionTest;
import java.util.List;
import java.util.Optional;

/**
 * An instructor's save of a question: its grading configuration, and optionally what students see and what it is worth.
 * Every save is a configuration version.
 *
 * @param expectedApproach null: unchanged
 * @param tests            the question's whole new list of tests (stored with the version); empty: those standing
 * @param title            null: unchanged
 * @param prompt           Markdown with LaTeX, as students see it; null: unchanged
 * @param points           finite, above 0, at most {@value #MAX_POINTS}; null: unchanged. A change alters assignment
 *                         scores: the regrade dry run shows how, and a regrade delivers it
 * @param baseVersion      the version the instructor's form was loaded from; when given and another version is in
 *                         force now, the save is refused (CONFLICT) naming who saved which version when, so that nobody's
 *                         save is silently overwritten. Null: no such check beyond the save itself
 */
public record QuestionEdit(ObjectNode config, String expectedApproach, String reason, Optional<List<QuestionTest>> tests,
                           String title, String prompt, Double points, Integer baseVersion) {
    public static final double MAX_POINTS = 10_000;

    public QuestionEdit {
        tests = tests == null ? Optional.empty() : tests;
    }

    /** A change of the configuration (and approach, tests) only, as before title, prompt and points were editable. */
    public static QuestionEdit ofConfig(ObjectNode config, String expectedApproach, String reason,
                                        Optional<List<QuestionTest>> tests) {
        return new QuestionEdit(config, expectedApproach, reason, tests, null, null, null, null);
    }
}
