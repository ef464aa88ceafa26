package dev.assay.bench;

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

/** The weights check of hw7 8.b (20×2000, k = 5) on every question test's upload, in turn, after warm-up. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutoencoderBenchmark {
    private final AutoencoderPlugin plugin = new AutoencoderPlugin();
    private final List<GradingRequest<AeConfig>> requests = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests.addAll(PackAnswers.of(plugin));
    }

    @Benchmark
    public Grade checkHw7Weights() throws InterruptedException {
        GradingRequest<AeConfig> r = requests.get(next);
        next = (next + 1) % requests.size();
        return plugin.grade(r);
    }
}
