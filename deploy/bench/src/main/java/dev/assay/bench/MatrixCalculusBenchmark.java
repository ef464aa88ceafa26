package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.plugins.matrix.MatrixCalculusPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-answer grading time of the matrix-calculus plugin on hw7's answers (every question test of
 * the four matrix questions, in turn): parse, shapes, trials, comparison, diagnosis. Also hostile
 * answers (refused before they cost anything) and long ones (products of hundreds of factors,
 * compared exactly: the exact comparison's worst case within the parser's bounds).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatrixCalculusBenchmark {
    private final MatrixCalculusPlugin plugin = new MatrixCalculusPlugin();
    private final List<GradingRequest<dev.assay.plugins.matrix.MatrixConfig>> requests = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests.addAll(PackAnswers.of(plugin));
    }

    private static final List<String> HOSTILE = List.of(
            "(".repeat(3000) + "X" + ")".repeat(3000),
            "X + ".repeat(999) + "X",
            "X^{99999999999999}",
            "\\undefined{W_1}" + " W_2".repeat(900),
            "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((W_1",
            "W_2".repeat(1300));
    private int nextHostile;

    /** Hostile answers: each must be refused (PARSE_ERROR / UNKNOWN_SYMBOL) quickly. */
    @Benchmark
    public Grade gradeHostileAnswer() throws InterruptedException {
        GradingRequest<dev.assay.plugins.matrix.MatrixConfig> r = requests.get(0);
        String text = HOSTILE.get(nextHostile);
        nextHostile = (nextHostile + 1) % HOSTILE.size();
        return plugin.grade(new GradingRequest<>(r.questionId(), r.config(), "", Answer.of(text), r.context()));
    }

    private static final String GRADIENT = "-2W_2^\\top(X - W_2W_1X)X^\\top";
    private static final String PAIRS = "W_1 W_2 ".repeat(200) + "W_1";
    private static final List<String> LONG = List.of(
            "W_1 W_2 ".repeat(450) + "W_1", // 901 factors, wrong
            GRADIENT + " + " + PAIRS, // wrong
            GRADIENT + " + " + PAIRS + " - " + PAIRS, // right: 802 factors that cancel
            GRADIENT + " + " + "(W_1 W_2)^8 ".repeat(25) + "W_1 - " + PAIRS); // right: the same product as powers
    private GradingRequest<dev.assay.plugins.matrix.MatrixConfig> gradientQuestion;
    private int nextLong;

    /** Long answers to hw7 3.b(i) ∇_{W_1}L, in turn (see {@link #LONG}). */
    @Benchmark
    public Grade gradeLongAnswer() throws InterruptedException {
        if (gradientQuestion == null) {
            gradientQuestion = requests.stream().filter(r -> r.questionId().equals("hw7/3bi-grad-w1")).findFirst().orElseThrow();
        }
        GradingRequest<dev.assay.plugins.matrix.MatrixConfig> r = gradientQuestion;
        String text = LONG.get(nextLong);
        nextLong = (nextLong + 1) % LONG.size();
        return plugin.grade(new GradingRequest<>(r.questionId(), r.config(), "", Answer.of(text), r.context()));
    }

    @Benchmark
    public Grade gradeHw7Answer() throws InterruptedException {
        GradingRequest<dev.assay.plugins.matrix.MatrixConfig> r = requests.get(next);
        next = (next + 1) % requests.size();
        return plugin.grade(r);
    }
}
