package dev.assay.engine.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradingEngineTest {
    private final PluginRegistry registry = PluginRegistry.of(new EchoTestPlugin(), new MisbehavingTestPlugin(),
            new MisbehavingTestPlugin("test-one-at-a-time", OptionalInt.of(1)));
    private GradingEngine engine;

    private GradingEngine engine(int workers, Duration limit, Duration grace, int hangs) {
        engine = new GradingEngine(EngineSettings.defaults().withWorkers(workers)
                .withLimits(Limits.DEFAULT.withTimeLimit(limit)).withInterruptGrace(grace).withHangsUntilUnhealthy(hangs));
        return engine;
    }

    /** The students who submit at once in a test. */
    private final ExecutorService students = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "student");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void close() {
        students.shutdownNow();
        if (engine != null) {
            engine.close();
        }
    }

    private List<Future<GradeOutcome>> submitAtOnce(GradingEngine e, ReadyQuestion q, int answers) {
        List<Future<GradeOutcome>> out = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            Answer a = Answer.of("answer " + i);
            out.add(students.submit(() -> e.grade(q, a)));
        }
        return out;
    }

    /** Waits until the engine is in the state a test sets up (threads take a moment to get there). */
    private static void awaitState(String what, BooleanSupplier state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the engine never got into the state: " + what);
            }
            Thread.sleep(5);
        }
    }

    private ReadyQuestion misbehaving(Behaviour b, Long millis, Long askSeconds) {
        LoadedPlugin p = registry.find("test-misbehave").orElseThrow();
        return new ReadyQuestion("t/misbehave", p, new MisbehavingTestPlugin.Config(b, millis, askSeconds), "", null);
    }

    /** A question of a plugin that says it can grade one answer at a time, as one training on a single device. */
    private ReadyQuestion oneAtATime(Behaviour b, Long millis, Long askSeconds) {
        LoadedPlugin p = registry.find("test-one-at-a-time").orElseThrow();
        return new ReadyQuestion("t/one-at-a-time", p, new MisbehavingTestPlugin.Config(b, millis, askSeconds), "", null);
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
    void aPluginThatSaturatesItsShareLeavesAWorkerForAnotherPlugin() throws Exception {
        // Two workers, a queue wait far shorter than the slow calls: without a bulkhead the slow plugin's calls
        // hold both workers and the other plugin's answer is refused with ENGINE_BUSY.
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(2).withQueueWait(Duration.ofMillis(200)));
        engine = e;
        ReadyQuestion training = misbehaving(Behaviour.SLEEP, 5_000L, 30L);
        submitAtOnce(e, training, 4);
        awaitState("all four slow calls are in the engine", () -> {
            PluginHealth h = e.health("test-misbehave");
            return h.running() + h.waiting() == 4;
        });

        Grade fast = e.grade(echo("42"), Answer.of("42")).grade();

        assertThat(fast.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(fast.notes()).containsExactly("MATCH");
        PluginHealth slow = e.health("test-misbehave");
        assertThat(slow.share()).isEqualTo(1);
        assertThat(slow.running()).isEqualTo(1);
        assertThat(slow.waiting()).isEqualTo(3);
        assertThat(e.health("test-echo").running()).isZero();
    }

    @Test
    void waitingForItsShareCountsAgainstABoundThatFitsThePlugin() throws Exception {
        // The plugin asks for 5 s per answer; the engine's queue wait is 100 ms. The second answer waits for the
        // first (≈ 600 ms): more than the queue wait, within the queue wait plus the plugin's own limit.
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(2).withQueueWait(Duration.ofMillis(100))
                .withPluginShare("test-misbehave", 1));
        engine = e;
        List<Future<GradeOutcome>> both = submitAtOnce(e, misbehaving(Behaviour.SLEEP, 600L, 5L), 2);

        for (Future<GradeOutcome> f : both) {
            Grade g = f.get().grade();
            assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
            assertThat(g.notes()).containsExactly("SLEPT");
        }
    }

    @Test
    void aFullPluginQueueRefusesFurtherAnswersAndSaysWhy() throws Exception {
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(2).withPluginQueue(2));
        engine = e;
        submitAtOnce(e, misbehaving(Behaviour.SLEEP, 5_000L, 30L), 3);
        awaitState("one runs, two wait", () -> e.health("test-misbehave").running() == 1
                && e.health("test-misbehave").waiting() == 2);

        Grade refused = e.grade(misbehaving(Behaviour.SLEEP, 5_000L, 30L), Answer.of("one too many")).grade();

        assertThat(refused.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(refused.notes()).containsExactly(GradingEngine.NOTE_BUSY);
        assertThat(refused.feedback().get(0).markdown()).contains("test-misbehave already has 2 answers waiting")
                .contains("submit again");
        assertThat(e.grade(echo("42"), Answer.of("42")).grade().status()).isEqualTo(Grade.Status.GRADED);
    }

    @Test
    void aPluginsGradesAndPreviewsTogetherNeverHoldMoreThanItsShare() throws Exception {
        // Two workers, a share of one: with previews in a share of their own, one slow grade and one preview of the
        // same plugin held both workers, and another plugin's answer was refused with ENGINE_BUSY.
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(2).withQueueWait(Duration.ofMillis(200)));
        engine = e;
        ReadyQuestion training = misbehaving(Behaviour.SLEEP, 5_000L, 30L);
        Future<GradeOutcome> grading = submitAtOnce(e, training, 1).get(0);
        awaitState("the grading call runs", () -> e.health("test-misbehave").running() == 1);
        Future<dev.assay.api.Validation> preview = students.submit(() -> e.validate(training, Answer.of("draft")));
        awaitState("the preview waits for the plugin's share", () -> e.health("test-misbehave").waiting() == 1);

        Grade fast = e.grade(echo("42"), Answer.of("42")).grade();

        assertThat(fast.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(e.health("test-misbehave").running()).isEqualTo(1);
        assertThat(e.freeWorkers()).isEqualTo(1);
        assertThat(preview).isNotDone();
        assertThat(grading).isNotDone();
    }

    @Test
    void aPreviewRunsBesideTheSamePluginsGradingWhereItsShareHasRoom() throws Exception {
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(3));
        engine = e;
        Future<GradeOutcome> grading = submitAtOnce(e, misbehaving(Behaviour.SLEEP, 5_000L, 30L), 1).get(0);
        awaitState("the grading call runs", () -> e.health("test-misbehave").running() == 1);

        var preview = e.validate(misbehaving(Behaviour.SLEEP, 5_000L, 30L), Answer.of("draft"));

        assertThat(e.health("test-misbehave").share()).isEqualTo(2);
        assertThat(preview.valid()).isTrue();
        assertThat(preview.echo().text()).isEqualTo("draft");
        assertThat(grading).isNotDone();
    }

    @Test
    void aPluginThatCanGradeOneAnswerAtATimeHasTheOthersWaitInTheEngineHoldingNoWorker() throws Exception {
        // Sixteen workers, the default share of fifteen: twenty training answers of a plugin that trains on one device.
        // Before, fifteen workers went to it (one training, the rest waiting inside the plugin for its device).
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(16));
        engine = e;
        e.register(registry.find("test-one-at-a-time").orElseThrow());
        PluginHealth before = e.health("test-one-at-a-time");
        assertThat(before.share()).isEqualTo(15);
        assertThat(before.gradingShare()).as("known before its first answer").isEqualTo(1);

        List<Future<GradeOutcome>> setups = submitAtOnce(e, oneAtATime(Behaviour.SLEEP, 5_000L, 30L), 20);
        awaitState("one grades, nineteen wait in the engine", () -> e.health("test-one-at-a-time").running() == 1
                && e.health("test-one-at-a-time").waiting() == 19);

        assertThat(e.freeWorkers()).isEqualTo(15);
        var preview = e.validate(oneAtATime(Behaviour.SLEEP, 5_000L, 30L), Answer.of("draft"));
        assertThat(preview.valid()).as("its previews use the rest of its share").isTrue();
        assertThat(e.grade(echo("42"), Answer.of("42")).grade().status()).isEqualTo(Grade.Status.GRADED);
        assertThat(setups).noneMatch(Future::isDone);
    }

    @Test
    void aPreviewGradeRunsInThePreviewsPartOfTheShareWhileGradesWait() throws Exception {
        GradingEngine e = new GradingEngine(EngineSettings.defaults().withWorkers(4));
        engine = e;
        List<Future<GradeOutcome>> setups = submitAtOnce(e, oneAtATime(Behaviour.SLEEP, 5_000L, 30L), 3);
        awaitState("one grades, two wait", () -> e.health("test-one-at-a-time").running() == 1
                && e.health("test-one-at-a-time").waiting() == 2);

        GradeOutcome preview = e.preview(oneAtATime(Behaviour.SLEEP, 10L, 30L), Answer.of("draft"));

        assertThat(preview.grade().status()).isEqualTo(Grade.Status.GRADED);
        assertThat(preview.grade().notes()).containsExactly("SLEPT");
        assertThat(preview.pluginId()).isEqualTo("test-one-at-a-time");
        assertThat(setups).noneMatch(Future::isDone);
    }

    @Test
    void eachPluginMayHoldAllWorkersButOneUnlessConfiguredOtherwise() {
        assertThat(EngineSettings.defaults().withWorkers(2).shareOf("any")).isEqualTo(1);
        assertThat(EngineSettings.defaults().withWorkers(8).shareOf("any")).isEqualTo(7);
        assertThat(EngineSettings.defaults().withWorkers(1).shareOf("any")).isEqualTo(1);
        EngineSettings s = EngineSettings.defaults().withWorkers(8).withPluginShare(3)
                .withPluginShares(EngineSettings.parseShares(" autoencoder-dl4j=1, matrix-calculus = 20"));
        assertThat(s.shareOf("autoencoder-dl4j")).isEqualTo(1);
        assertThat(s.shareOf("matrix-calculus")).isEqualTo(8);
        assertThat(s.shareOf("token-sequence")).isEqualTo(3);
        assertThat(s.gradingShareOf("matrix-calculus", OptionalInt.empty())).isEqualTo(8);
        assertThat(s.gradingShareOf("token-sequence", OptionalInt.of(1))).as("what the plugin can use").isEqualTo(1);
        assertThat(s.gradingShareOf("token-sequence", OptionalInt.of(50))).as("never more than its share").isEqualTo(3);
        assertThat(s.gradingShareOf("token-sequence", OptionalInt.of(0))).as("a nonsense number is ignored").isEqualTo(3);
        assertThat(EngineSettings.parseShares("")).isEmpty();
        assertThat(EngineSettings.parseShares("autoencoder-dl4j=1")).isEqualTo(Map.of("autoencoder-dl4j", 1));
    }

    @Test
    void aMistypedShareSettingSaysWhatToWrite() {
        assertThatThrownBy(() -> EngineSettings.parseShares("autoencoder-dl4j:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plugin-id=N");
        assertThatThrownBy(() -> EngineSettings.parseShares("a=1,a=2"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> EngineSettings.defaults().withPluginShare("a", 0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void seedsAreDeterministicPerQuestionAndAnswer() {
        assertThat(Seeds.of("q", Answer.of("a"))).isEqualTo(Seeds.of("q", Answer.of("a")));
        assertThat(Seeds.of("q", Answer.of("a"))).isNotEqualTo(Seeds.of("q", Answer.of("b")));
        assertThat(Seeds.of("q", Answer.of("a"))).isNotEqualTo(Seeds.of("r", Answer.of("a")));
    }
}
