package dev.assay.bench;

import dev.assay.api.Attachment;
import dev.assay.api.GradingRequest;
import dev.assay.api.QuestionResources;
import dev.assay.plugins.autoencoder.AeConfig;
import dev.assay.plugins.autoencoder.AutoencoderPlugin;
import java.util.Optional;
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
 * A student's download of hw7 8.b's data set (20×2000) straight from the plugin, as X.csv and as X.npy: what one
 * download costs the plugin when nothing in front of it (the engine's handout cache) keeps the bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutoencoderHandoutBenchmark {
    private final AutoencoderPlugin plugin = new AutoencoderPlugin();
    private AeConfig config;
    private QuestionResources resources;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        GradingRequest<AeConfig> hw7 = PackAnswers.of(plugin).get(0);
        config = hw7.config();
        resources = hw7.context().resources();
    }

    @Benchmark
    public Optional<Attachment> downloadHw7Csv() {
        return plugin.handout(config, "X.csv", resources);
    }

    @Benchmark
    public Optional<Attachment> downloadHw7Npy() {
        return plugin.handout(config, "X.npy", resources);
    }
}
