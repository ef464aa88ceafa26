package dev.assay.bench;

import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;

/** A plugin that does nothing but answer: what is left of a grade's cost is the engine's (and the server's). */
public final class NoopPlugin implements GraderPlugin<NoopPlugin.Config> {
    public record Config(String note) {
    }

    @Override
    public String id() {
        return "bench-noop";
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
        return Grade.builder(Grade.Status.GRADED).score(1.0).note("NOOP").echo(Echo.text(request.answer().text())).build();
    }
}
