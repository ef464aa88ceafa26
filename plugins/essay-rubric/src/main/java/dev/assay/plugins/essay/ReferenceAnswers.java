package dev.assay.plugins.essay;

import dev.assay.api.Calibration;
import dev.assay.api.ReferenceGrading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./assay eval} asks of this plugin: a reference-mode question from a data set's question text and
 * reference answers, and the similarity thresholds worth trying when fitting such a question to human scores.
 */
final class ReferenceAnswers implements ReferenceGrading<EssayConfig>, Calibration<EssayConfig> {
    /** Thresholds are tried on a grid of this step, half credit below full credit, both in (0, 0.9]. */
    private static final double STEP = 0.05;
    private static final int STEPS = 18;

    @Override
    public EssayConfig referenceConfig(String questionText, List<String> references, int scale) {
        // The scale does not enter: reference mode gives 0, half or full credit of whatever the question is worth.
        return new EssayConfig(EssayConfig.Mode.reference, null, null, null, null, references, null, null, questionText);
    }

    /** Every pair of grid thresholds [half, full] with half below full, for a reference-mode question; none for a rubric. */
    @Override
    public List<Candidate<EssayConfig>> candidates(EssayConfig config) {
        if (config.mode() != EssayConfig.Mode.reference) {
            return List.of();
        }
        List<Candidate<EssayConfig>> out = new ArrayList<>();
        for (int i = 1; i < STEPS; i++) {
            for (int j = i + 1; j <= STEPS; j++) {
                double half = i * STEP;
                double full = j * STEP;
                out.add(new Candidate<>(config.withThresholds(half, full),
                        String.format(Locale.ROOT, "thresholds: [%.2f, %.2f]", half, full)));
            }
        }
        return out;
    }
}
