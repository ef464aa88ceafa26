package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradeOutcome;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.plugin.PluginRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's own cost per grade: seed, size checks, a worker slot, the hand-off to a grader
 * thread under a time limit, and back. The plugin does nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    private GradingEngine engine;
    private ReadyQuestion question;
    private final Answer answer = Answer.of("-2W_2^\\top(X - W_2W_1X)X^\\top");

    @Setup(Level.Trial)
    public void setUp() {
        PluginRegistry registry = PluginRegistry.of(new NoopPlugin());
        engine = new GradingEngine(EngineSettings.defaults());
        question = new ReadyQuestion("bench/q1", registry.find("bench-noop").orElseThrow(),
                new NoopPlugin.Config("x"), "", null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public GradeOutcome gradeNoop() {
        return engine.grade(question, answer);
    }
}
