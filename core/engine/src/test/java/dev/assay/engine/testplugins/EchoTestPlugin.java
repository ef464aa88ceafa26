package dev.assay.engine.testplugins;

import dev.assay.api.ConfigProblem;
import dev.assay.api.Doc;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** Test plugin: full credit when the trimmed answer equals the configured text. */
public final class EchoTestPlugin implements GraderPlugin<EchoTestPlugin.Config> {

    public record Config(@Doc("the answer that earns full credit") @NotBlank String expected,
                         @Doc(value = "score for any other answer", defaultValue = "0")
                         @DecimalMin("0") @DecimalMax("1") Double partial) {
        public Config {
            partial = partial == null ? 0.0 : partial;
        }
    }

    @Override
    public String id() {
        return "test-echo";
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
    public List<ConfigProblem> checkConfig(Config config) {
        return config.expected().contains("\n")
                ? List.of(new ConfigProblem("expected", "must be one line")) : List.of();
    }

    @Override
    public Validation validate(GradingRequest<Config> request) {
        String t = request.answer().text().trim();
        return t.isEmpty() ? Validation.invalid("EMPTY", "Type an answer.", Echo.NONE) : Validation.valid(Echo.text(t));
    }

    @Override
    public Grade grade(GradingRequest<Config> request) {
        String t = request.answer().text().trim();
        boolean match = t.equals(request.config().expected());
        return Grade.builder(Grade.Status.GRADED)
                .score(match ? 1.0 : request.config().partial())
                .note(match ? "MATCH" : "NO_MATCH")
                .feedback(FeedbackBlock.diagnosis(match ? "Right." : "Expected something else."))
                .feedback(FeedbackBlock.expectedApproach(request.expectedApproach()))
                .echo(Echo.text(t))
                .build();
    }
}
