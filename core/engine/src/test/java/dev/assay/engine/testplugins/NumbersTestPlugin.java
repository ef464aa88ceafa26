package dev.assay.engine.testplugins;

import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import java.util.List;
import java.util.Map;

/** Test plugin whose configuration holds numbers at every depth: a field, records in a list, a map, an array. */
public final class NumbersTestPlugin implements GraderPlugin<NumbersTestPlugin.Config> {

    public record Config(double weight, @Valid List<Part> parts, Map<String, Float> scale, double[] grid) {
    }

    public record Part(String name, @DecimalMin("0") Double points) {
    }

    @Override
    public String id() {
        return "test-numbers";
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
    public Validation validate(GradingRequest<Config> request) {
        return Validation.valid(Echo.text(request.answer().text()));
    }

    @Override
    public Grade grade(GradingRequest<Config> request) {
        return Grade.builder(Grade.Status.GRADED).score(1).build();
    }
}
