package dev.assay.plugins.essay;

import dev.assay.api.Calibration;
import dev.assay.api.ReferenceGrading;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What {@code ./assay eval} asks of this plugin: a reference-mode question from a data set's question text and
 * reference answers, and the similarity thresholds worth trying when fitting such a question to human scores.
 */
final class ReferenceAnswers implements ReferenceGrading<EssayConfig>, Calibration<EssayConfig> {
    /** Thresholds are tried on a grid of this step, half credit below full credit, both in (0, 0.9]. */
    private static final double STEP = 0.05;
    private static final int STEPS = 18;

    /**
     * Learns from graded answers: a model across all these questions on features that need no example of the question
     * (the reference model), one across questions that also reads the nearest graded examples (each example's
     * neighbours found among its question's other examples), and for each question to grade with enough examples of
     * its own, a fit to them shrunk towards the latter.
     */
    @Override
    public List<EssayConfig> learnedConfigs(List<Question> toGrade, List<Question> others) {
        List<Question> pool = new ArrayList<>(toGrade);
        pool.addAll(others);
        List<Map<String, Double>> plainX = new ArrayList<>();
        List<Double> plainY = new ArrayList<>();
        List<Map<String, Double>> nearX = new ArrayList<>();
        List<Double> nearY = new ArrayList<>();
        Map<Question, List<Map<String, Double>>> own = new IdentityHashMap<>();
        for (Question q : pool) {
            if (q.graded().isEmpty()) {
                continue;
            }
            Features.Question fq = Scorer.question(q.references(), q.text());
            List<float[]> vectors = new ArrayList<>();
            double[] scores = new double[q.graded().size()];
            List<Features.Values> values = new ArrayList<>();
            for (int i = 0; i < q.graded().size(); i++) {
                Graded g = q.graded().get(i);
                Features.Values f = Features.of(fq, g.answer());
                values.add(f);
                vectors.add(f.vectors().sentence());
                scores[i] = q.scale() == 0 ? 0 : Math.max(0, Math.min(1, g.points() / q.scale()));
            }
            List<Map<String, Double>> mine = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                plainX.add(Scorer.named(values.get(i), null));
                plainY.add(scores[i]);
                if (values.size() >= 2) {
                    Map<String, Double> x = Scorer.named(values.get(i), Scorer.nearest(vectors.get(i), vectors, scores, i));
                    nearX.add(x);
                    nearY.add(scores[i]);
                    mine.add(x);
                }
            }
            own.put(q, mine);
        }
        EssayConfig.Model reference = plainX.isEmpty() ? null : Scorer.fit(Features.NAMES, plainX, plainY, null, 0);
        EssayConfig.Model withExamples = nearX.isEmpty() ? null : Scorer.fit(Scorer.allNames(), nearX, nearY, null, 0);
        List<EssayConfig> out = new ArrayList<>();
        for (Question q : toGrade) {
            EssayConfig.Model model = reference;
            List<EssayConfig.Example> examples = new ArrayList<>();
            for (Graded g : q.graded()) {
                examples.add(new EssayConfig.Example(g.answer(), q.scale() == 0 ? 0.0
                        : Math.max(0, Math.min(1, g.points() / q.scale()))));
            }
            if (examples.size() >= 2 && withExamples != null) {
                model = withExamples;
                if (examples.size() >= Scorer.OWN_FIT_FROM) {
                    List<Double> y = examples.stream().map(EssayConfig.Example::score).toList();
                    model = Scorer.fit(Scorer.allNames(), own.get(q), y, withExamples, Scorer.SHRINK);
                }
            }
            out.add(new EssayConfig(EssayConfig.Mode.reference, null, null, null, null, q.references(), examples, null,
                    q.text(), model, reference));
        }
        return out;
    }

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
