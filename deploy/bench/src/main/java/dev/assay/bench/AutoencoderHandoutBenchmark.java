package dev.assay.bench;

import dev.assay.api.Attachment;
import dev.assay.api.GradingRequest;
import dev.assay.api.QuestionResources;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.plugin.PluginRegistry;
import dev.assay.plugins.autoencoder.AeConfig;
import dev.assay.plugins.autoencoder.AutoencoderPlugin;
import jakarta.validation.Validation;
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
 * A student's download of a question's data set straight from the plugin: hw7 8.b's (20×2000) as X.csv and as X.npy,
 * and a larger one (784×10,000, MNIST's size) as X.npy. What one download costs the plugin when nothing in front of it
 * (the engine's handout cache) keeps the bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutoencoderHandoutBenchmark {
    private final AutoencoderPlugin plugin = new AutoencoderPlugin();
    private AeConfig config;
    private QuestionResources resources;
    private AeConfig large;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        GradingRequest<AeConfig> hw7 = PackAnswers.of(plugin).get(0);
        config = hw7.config();
        resources = hw7.context().resources();
        // bound as a pack's YAML would be, so the benchmark does not depend on the configuration record's constructor
        StringBuilder spectrum = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            spectrum.append(i == 0 ? "" : ", ").append(40.0 / (i + 1));
        }
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"data\": {\"generate\": {\"m\": 784, "
                + "\"n\": 10000, \"seed\": 1, \"spectrum\": [" + spectrum + "]}}, \"lambda\": 0.1, \"k\": 32}");
        var loaded = PluginRegistry.of(plugin).find(plugin.id()).orElseThrow();
        ConfigBinder.Result bound = new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()).bind(loaded, node);
        if (!bound.ok()) {
            throw new IllegalStateException("the large configuration does not bind: " + bound.problems());
        }
        large = (AeConfig) bound.config();
    }

    @Benchmark
    public Optional<Attachment> downloadHw7Csv() {
        return plugin.handout(config, "X.csv", resources);
    }

    @Benchmark
    public Optional<Attachment> downloadHw7Npy() {
        return plugin.handout(config, "X.npy", resources);
    }

    @Benchmark
    public Optional<Attachment> downloadLargeNpy() {
        return plugin.handout(large, "X.npy", QuestionResources.NONE);
    }
}
