package dev.assay.engine.testplugins;

import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Test plugin that misbehaves on purpose, as its configuration says. */
public final class MisbehavingTestPlugin implements GraderPlugin<MisbehavingTestPlugin.Config> {

    public enum Behaviour { POLITE_LOOP, STUBBORN_SLEEP, THROW, RETURN_NULL, SLEEP }

    /**
     * @param millis     how long STUBBORN_SLEEP ignores interrupts, or SLEEP sleeps
     * @param askSeconds more time asked of the engine, if set
     */
    public record Config(@NotNull Behaviour behaviour, Long millis, Long askSeconds) {
    }

    private final String id;
    private final OptionalInt concurrency;

    public MisbehavingTestPlugin() {
        this("test-misbehave", OptionalInt.empty());
    }

    /** One under another id that says how many answers it can grade at once, as a plugin training on one device would. */
    public MisbehavingTestPlugin(String id, OptionalInt concurrency) {
        this.id = id;
        this.concurrency = concurrency;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public OptionalInt concurrency() {
        return concurrency;
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Optional<Duration> timeLimit(Config config) {
        return Optional.ofNullable(config.askSeconds()).map(Duration::ofSeconds);
    }

    @Override
    public Validation validate(GradingRequest<Config> request) {
        return Validation.valid(Echo.text(request.answer().text()));
    }

    @Override
    public Grade grade(GradingRequest<Config> request) throws InterruptedException {
        Config c = request.config();
        switch (c.behaviour()) {
            case POLITE_LOOP -> {
                long spins = 0;
                while (true) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("stopped after " + spins + " spins");
                    }
                    spins++;
                }
            }
            case STUBBORN_SLEEP -> {
                long end = System.nanoTime() + c.millis() * 1_000_000;
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException ignored) {
                        // deliberately ignores the engine
                    }
                }
                return Grade.builder(Grade.Status.GRADED).score(1).build();
            }
            case THROW -> throw new IllegalStateException("grader exploded");
            case RETURN_NULL -> {
                return null;
            }
            case SLEEP -> {
                Thread.sleep(c.millis());
                return Grade.builder(Grade.Status.GRADED).score(1).note("SLEPT").build();
            }
            default -> throw new AssertionError(c.behaviour());
        }
    }
}
