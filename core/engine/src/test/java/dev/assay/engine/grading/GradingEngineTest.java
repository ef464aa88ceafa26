package dev.assay.engine.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.Limits;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.plugin.PluginRegistry;
import dev.assay.engine.testplugins.EchoTestPlugin;
import dev.assay.engine.testplugins.MisbehavingTestPlugin;
import dev.assay.engine.testplugins.MisbehavingTestPlugin.Behaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradingEngineTest {
    private final PluginRegistry registry = PluginRegistry.of(new EchoTestPlugin(), new MisbehavingTestPlugin());
    private GradingEngine engine;

    private GradingEngine engine(int workers, Duration limit, Duration grace, int hangs) {
        engine = new GradingEngine(EngineSettings.defaults().withWorkers(workers)
                .withLimits(Limits.DEFAULT.withTimeLimit(limit)).withInterruptGrace(grace).withHangsUntilUnhealthy(hangs));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private ReadyQuestion misbehaving(Behaviour b, Long millis, Long askSeconds) {
        LoadedPlugin p = registry.find("test-misbehave").orElseThrow();
        return new ReadyQuestion("t/misbehave", p, new MisbehavingTestPlugin.Config(b, millis, askSeconds), "", null);
    }

    private ReadyQuestion echo(String expected) {
        LoadedPlugin p = registry.find("test-echo").orElseThrow();
        return new ReadyQuestion("t/echo", p, new EchoTestPlugin.Config(expected, null), "Say it.", null);
    }

    @Test
    void aGraderThatLoopsForeverIsStoppedAtItsLimit() {
        GradingEngine e = engine(2, Duration.ofMillis(200), Duration.ofSeconds(2), 3);

        GradeOutcome out = e.grade(misbehaving(Behaviour.POLITE_LOOP, null, null), Answer.of("x"));

        assertThat(out.grade().status()).isEqualTo(Grade.Status.ERROR);
        assertThat(out.grade().notes()).containsExactly(GradingEngine.NOTE_TIMEOUT);
        assertThat(out.grade().feedback().get(0).markdown()).contains("200 ms");
        assertThat(out.duration()).isLessThan(Duration.ofSeconds(2));
        PluginHealth h = e.health("test-misbehave");
        assertThat(h.timeouts()).isEqualTo(1);
        assertThat(h.abandoned()).isZero();
        assertThat(h.healthy()).isTrue();
        assertThat(e.freeWorkers()).isEqualTo(2);
    }

    @Test
    void aGraderThatIgnoresTheInterruptIsAbandonedReplacedAndFinallyTakenOutOfService() {
        GradingEngine e = engine(1, Duration.ofMillis(100), Duration.ofMillis(100), 2);
        ReadyQuestion stubborn = misbehaving(Behaviour.STUBBORN_SLEEP, 3_000L, null);

        Grade first = e.grade(stubborn, Answer.of("x")).grade();
        assertThat(first.notes()).containsExactly(GradingEngine.NOTE_TIMEOUT);
        assertThat(e.abandonedThreads()).isEqualTo(1);
        // The only worker slot was handed to a fresh thread: other questions are still graded.
        Grade meanwhile = e.grade(echo("42"), Answer.of("42")).grade();
        assertThat(meanwhile.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(meanwhile.score()).isEqualTo(1.0);

        e.grade(stubborn, Answer.of("y"));
        assertThat(e.health("test-misbehave").healthy()).isFalse();
        assertThat(e.health("test-misbehave").abandoned()).isEqualTo(2);

        GradeOutcome refused = e.grade(stubborn, Answer.of("z"));
        assertThat(refused.grade().notes()).containsExactly(GradingEngine.NOTE_PLUGIN_UNHEALTHY);
        assertThat(refused.duration()).isLessThan(Duration.ofMillis(100));
        assertThat(e.health("test-echo").healthy()).isTrue();
    }

    @Test
    void aGraderThatThrowsGivesAnErrorThatSaysSo() {
        Grade g = engine(2, Duration.ofSeconds(5), Duration.ofSeconds(1), 3)
                .grade(misbehaving(Behaviour.THROW, null, null), Answer.of("x")).grade();
        assertThat(g.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(g.notes()).containsExactly(GradingEngine.NOTE_PLUGIN_FAILED);
        assertThat(g.feedback().get(0).markdown()).contains("grader exploded").contains("not in your answer");
        assertThat(g.score()).isZero();
    }

    @Test
    void aGraderThatReturnsNothingGivesAnError() {
        Grade g = engine(2, Duration.ofSeconds(5), Duration.ofSeconds(1), 3)
                .grade(misbehaving(Behaviour.RETURN_NULL, null, null), Answer.of("x")).grade();
        assertThat(g.notes()).containsExactly(GradingEngine.NOTE_PLUGIN_FAILED);
    }

    @Test
    void aPluginMayAskForMoreTime() {
        GradingEngine e = engine(2, Duration.ofMillis(100), Duration.ofSeconds(1), 3);
        Grade g = e.grade(misbehaving(Behaviour.SLEEP, 300L, 5L), Answer.of("x")).grade();
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.notes()).containsExactly("SLEPT");
        Grade withoutAsking = e.grade(misbehaving(Behaviour.SLEEP, 300L, null), Answer.of("x")).grade();
        assertThat(withoutAsking.notes()).containsExactly(GradingEngine.NOTE_TIMEOUT);
    }

    @Test
    void overSizeAnswersAreRefusedBeforeTheGraderSeesThem() {
        GradingEngine e = engine(2, Duration.ofSeconds(5), Duration.ofSeconds(1), 3);
        ReadyQuestion wouldThrow = misbehaving(Behaviour.THROW, null, null);

        Grade text = e.grade(wouldThrow, Answer.of("x".repeat(64 * 1024 + 1))).grade();
        assertThat(text.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(text.notes()).containsExactly(AnswerSizeCheck.TOO_LARGE);
        assertThat(text.feedback().get(0).markdown()).contains("64.0 KiB").contains("limit");

        Attachment big = new Attachment("W1", "application/octet-stream", new byte[16 * 1024 * 1024 + 1]);
        Grade files = e.grade(wouldThrow, new Answer("ok", List.of(big))).grade();
        assertThat(files.notes()).containsExactly(AnswerSizeCheck.TOO_LARGE);
        assertThat(files.feedback().get(0).markdown()).contains("16.0 MiB");
        assertThat(e.health("test-misbehave").calls()).isZero();
    }

    @Test
    void validationEchoesWithoutGrading() {
        var v = engine(2, Duration.ofSeconds(5), Duration.ofSeconds(1), 3).validate(echo("42"), Answer.of("  42 "));
        assertThat(v.valid()).isTrue();
        assertThat(v.echo().text()).isEqualTo("42");
    }

    @Test
    void seedsAreDeterministicPerQuestionAndAnswer() {
        assertThat(Seeds.of("q", Answer.of("a"))).isEqualTo(Seeds.of("q", Answer.of("a")));
        assertThat(Seeds.of("q", Answer.of("a"))).isNotEqualTo(Seeds.of("q", Answer.of("b")));
        assertThat(Seeds.of("q", Answer.of("a"))).isNotEqualTo(Seeds.of("r", Answer.of("a")));
    }
}
