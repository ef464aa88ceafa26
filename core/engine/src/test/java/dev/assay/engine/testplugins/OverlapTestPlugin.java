package dev.assay.engine.testplugins;

import dev.assay.api.Calibration;
import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.ReferenceGrading;
import dev.assay.api.Validation;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Test plugin that grades against reference answers, as eval needs: full credit when the answer has at least
 * {@code threshold} of the closest reference's words. It offers both of eval's capabilities.
 */
public final class OverlapTestPlugin implements GraderPlugin<OverlapTestPlugin.Config>,
        ReferenceGrading<OverlapTestPlugin.Config>, Calibration<OverlapTestPlugin.Config> {

    /** @param seen the graded answers it learned from: grading one of them asks for review, so a leak shows */
    public record Config(@NotEmpty List<String> references, Double threshold, List<String> seen) {
        public Config {
            threshold = threshold == null ? 0.5 : threshold;
            seen = seen == null ? List.of() : List.copyOf(seen);
        }

        public Config(List<String> references, Double threshold) {
            this(references, threshold, null);
        }
    }

    @Override
    public String id() {
        return "test-overlap";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config referenceConfig(String questionText, List<String> references, int scale) {
        return new Config(references, null);
    }

    /**
     * Learns the threshold that agrees best with the graded answers: the question's own, or all questions' when it has
     * none; remembers every answer it learned from.
     */
    @Override
    public List<Config> learnedConfigs(List<Question> toGrade, List<Question> others) {
        List<Question> pool = new ArrayList<>(toGrade);
        pool.addAll(others);
        List<Config> out = new ArrayList<>();
        for (Question q : toGrade) {
            List<Question> from = q.graded().isEmpty() ? pool : List.of(q);
            double best = 0.5;
            int bestRight = -1;
            List<String> seen = new ArrayList<>();
            for (Question f : from) {
                f.graded().forEach(g -> seen.add(g.answer()));
            }
            for (double t : new double[]{0.25, 0.5, 0.75, 1.0}) {
                int right = 0;
                for (Question f : from) {
                    for (Graded g : f.graded()) {
                        boolean full = overlap(g.answer(), f.references()) >= t;
                        right += full == (g.points() >= f.scale() / 2.0) ? 1 : 0;
                    }
                }
                if (right > bestRight) {
                    bestRight = right;
                    best = t;
                }
            }
            out.add(new Config(q.references(), best, seen));
        }
        return out;
    }

    @Override
    public List<Candidate<Config>> candidates(Config config) {
        List<Candidate<Config>> out = new ArrayList<>();
        for (double t : new double[]{0.25, 0.5, 0.75, 1.0}) {
            out.add(new Candidate<>(new Config(config.references(), t), String.format(Locale.ROOT, "threshold: %.2f", t)));
        }
        return out;
    }

    private static Set<String> words(String s) {
        return new HashSet<>(Arrays.asList(s.toLowerCase(Locale.ROOT).split("\\W+")));
    }

    @Override
    public Validation validate(GradingRequest<Config> request) {
        return Validation.valid(Echo.text(request.answer().text()));
    }

    @Override
    public Grade grade(GradingRequest<Config> request) {
        double best = overlap(request.answer().text(), request.config().references());
        boolean leaked = request.config().seen().contains(request.answer().text());
        return Grade.builder(leaked ? Grade.Status.NEEDS_REVIEW : Grade.Status.GRADED)
                .score(best >= request.config().threshold() ? 1 : 0).build();
    }

    private static double overlap(String text, List<String> references) {
        Set<String> answer = words(text);
        double best = 0;
        for (String r : references) {
            Set<String> ref = words(r);
            long shared = ref.stream().filter(answer::contains).count();
            best = Math.max(best, (double) shared / ref.size());
        }
        return best;
    }
}
