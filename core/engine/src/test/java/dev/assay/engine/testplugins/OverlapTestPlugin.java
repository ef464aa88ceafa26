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

    public record Config(@NotEmpty List<String> references, Double threshold) {
        public Config {
            threshold = threshold == null ? 0.5 : threshold;
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
        Set<String> answer = words(request.answer().text());
        double best = 0;
        for (String r : request.config().references()) {
            Set<String> ref = words(r);
            long shared = ref.stream().filter(answer::contains).count();
            best = Math.max(best, (double) shared / ref.size());
        }
        return Grade.builder(Grade.Status.GRADED).score(best >= request.config().threshold() ? 1 : 0).build();
    }
}
