package dev.assay.server.application.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.pack.QuestionTest;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One version of a question: its grading configuration, with the question tests it was saved with, and the title, prompt
 * (Markdown + LaTeX) and points it gave the question (for a version saved before these were versioned: the question as
 * it then stood).
 */
public record ConfigVersion(String question, int version, String plugin, JsonNode config, String expectedApproach,
                            OffsetDateTime createdAt, String createdBy, String reason, List<QuestionTest> tests,
                            String title, String prompt, double points) {
}
