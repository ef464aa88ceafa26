package dev.assay.bench;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.plugins.autoencoder.AeConfig;
import dev.assay.plugins.autoencoder.AutoencoderPlugin;
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
 * The weights check of hw7 8.b (20×2000, k = 5) on every question test's uploaded W1 and W2, in turn, after warm-up.
 * Answers that are training setups are left out: each of those trains DL4J for seconds, which is a different
 * measurement (the README's training line). At set-up it prints the bytes of feedback figures a grade stores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutoencoderBenchmark {
    private final AutoencoderPlugin plugin = new AutoencoderPlugin();
    private final List<GradingRequest<AeConfig>> requests = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        for (GradingRequest<AeConfig> r : PackAnswers.of(plugin)) {
            if (r.answer().attachments().stream().anyMatch(a -> a.name().startsWith("W1"))) {
                requests.add(r);
            }
        }
        long figureBytes = 0;
        int figures = 0;
        int largest = 0;
        for (GradingRequest<AeConfig> r : requests) {
            Grade g = plugin.grade(r);
            if (g.status() == Grade.Status.ERROR) {
                // e.g. the reference training over its budget (ND4J with more OpenMP threads than free cores): the
                // samples would time that error path, not the weights check
                throw new IllegalStateException("a grade failed, so there is nothing to measure: " + g.notes() + " "
                        + g.feedback().get(0).markdown());
            }
            for (FeedbackBlock b : g.feedback()) {
                if (b.figure() != null) {
                    int size = b.figure().data().length;
                    figureBytes += size;
                    figures++;
                    largest = Math.max(largest, size);
                }
            }
        }
        System.out.printf("autoencoder figure stored per grade: %d figures over %d weight uploads, mean %d bytes, "
                + "largest %d bytes (%s)%n", figures, requests.size(), figures == 0 ? 0 : figureBytes / figures, largest,
                requests.isEmpty() ? "-" : mediaTypes());
    }

    private String mediaTypes() throws InterruptedException {
        for (FeedbackBlock b : plugin.grade(requests.get(0)).feedback()) {
            if (b.figure() != null) {
                return b.figure().mediaType();
            }
        }
        return "no figure";
    }

    @Benchmark
    public Grade checkHw7Weights() throws InterruptedException {
        GradingRequest<AeConfig> r = requests.get(next);
        next = (next + 1) % requests.size();
        return plugin.grade(r);
    }
}
