package dev.assay.server.application.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.grading.GradingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Previews for instructors: an answer graded exactly as a student's would be, with a draft configuration or the one in
 * force, before anything is saved. Nothing is stored: no submission, no grade, no score for a gradebook.
 */
@ApplicationScoped
public class Previews {
    @Inject
    GradingService grading;

    /**
     * The grade the answer would get. A draft configuration is checked against the question's plugin first (INVALID
     * naming each field {@code config.<field>} that does not fit; CONFLICT when the plugin is not installed); an
     * over-size answer is refused (TOO_LARGE); not found when there is no such question.
     */
    public Preview preview(String questionId, Answer answer, Optional<ObjectNode> draftConfig) {
        QuestionCatalog.Entry q = grading.question(questionId);
        GradeOutcome o = grading.preview(questionId, answer, draftConfig);
        return new Preview(questionId, o.grade(), q.points(), draftConfig.isPresent(),
                draftConfig.isPresent() ? 0 : q.version(), o.pluginId(), o.pluginVersion(), o.duration().toNanos() / 1e6);
    }
}
