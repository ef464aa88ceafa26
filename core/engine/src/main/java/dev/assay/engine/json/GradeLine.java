package dev.assay.engine.json;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.List;

/** One graded answer as the CLI prints it: {@code {"question","status","score","notes","feedback","echo"}}. */
public record GradeLine(String question, Grade.Status status, double score, List<String> notes,
                        List<FeedbackBlock> feedback, Echo echo) {
    public static GradeLine of(String question, Grade g) {
        return new GradeLine(question, g.status(), g.score(), g.notes(), g.feedback(), g.echo());
    }
}
