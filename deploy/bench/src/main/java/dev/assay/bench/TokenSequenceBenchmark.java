package dev.assay.bench;

import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.plugins.tokens.TokenConfig;
import dev.assay.plugins.tokens.TokenSequencePlugin;
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

/** Per-answer grading time of the token-sequence plugin on hw7's answers, in turn. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenSequenceBenchmark {
    private final TokenSequencePlugin plugin = new TokenSequencePlugin();
    private final List<GradingRequest<TokenConfig>> requests = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests.addAll(PackAnswers.of(plugin));
    }

    @Benchmark
    public Grade gradeHw7Answer() {
        GradingRequest<TokenConfig> r = requests.get(next);
        next = (next + 1) % requests.size();
        return plugin.grade(r);
    }
}
