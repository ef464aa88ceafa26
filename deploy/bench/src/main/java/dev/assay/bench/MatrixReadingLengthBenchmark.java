package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import dev.assay.plugins.matrix.MatrixCalculusPlugin;
import dev.assay.plugins.matrix.MatrixConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 15: what reading an answer costs against its length (the plugin's preview on hw7 3.b(i)),
 * so the README can state a cost per 100 characters and a super-linear step shows as a rising
 * one: sums of {@code terms} copies of a right answer written in plain text (^T, no commands) and
 * in LaTeX, and products of {@code terms} factor pairs. Above the reader's limits (4,000 characters
 * a line, 2,000 tokens) an answer is refused, which is measured too: a refusal must stay as cheap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatrixReadingLengthBenchmark {
    @Param({"1", "10", "50", "100", "400"})
    public int terms;
    private final MatrixCalculusPlugin plugin = new MatrixCalculusPlugin();
    private GradingRequest<MatrixConfig> plainSum;
    private GradingRequest<MatrixConfig> latexSum;
    private GradingRequest<MatrixConfig> product;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        GradingRequest<MatrixConfig> gradient = PackAnswers.of(plugin).stream()
                .filter(r -> r.questionId().equals("hw7/3bi-grad-w1")).findFirst().orElseThrow();
        StringBuilder plain = new StringBuilder();
        StringBuilder latex = new StringBuilder();
        StringBuilder factors = new StringBuilder("-2W_2^\\top");
        for (int i = 0; i < terms; i++) {
            plain.append(i == 0 ? "" : " + ").append("-2W_2^TXX^T + 2W_2^TW_2W_1XX^T");
            latex.append(i == 0 ? "" : " + ").append("\\frac{1}{2}\\left(-2W_2^\\top(X - W_2W_1X)X^\\top\\right)");
            factors.append(" W_2 W_1");
        }
        factors.append(" (X - W_2W_1X)X^\\top");
        plainSum = with(gradient, plain.toString());
        latexSum = with(gradient, latex.toString());
        product = with(gradient, factors.toString());
        System.out.printf("%n[length] terms=%d: plain sum %d characters, LaTeX sum %d, product %d%n", terms,
                plain.length(), latex.length(), factors.length());
    }

    private static GradingRequest<MatrixConfig> with(GradingRequest<MatrixConfig> r, String text) {
        return new GradingRequest<>(r.questionId(), r.config(), "", Answer.of(text), r.context());
    }

    @Benchmark
    public Validation readPlainSum() {
        return plugin.validate(plainSum);
    }

    @Benchmark
    public Validation readLatexSum() {
        return plugin.validate(latexSum);
    }

    @Benchmark
    public Validation readProduct() {
        return plugin.validate(product);
    }
}
