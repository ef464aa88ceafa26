package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.plugins.essay.EssayConfig;
import dev.assay.plugins.essay.EssayRubricPlugin;
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

/** Essay-rubric grading time: a 150-word reflection against hw7 4.b's rubric, and every hw7 essay answer in turn. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EssayRubricBenchmark {
    static final String ANSWER_150_WORDS = "I learnt that the GPU is often not the bottleneck when training a small network. "
            + "The authors measured each part of an epoch and found that data loading and preprocessing took a large share of the "
            + "time, so they did the preprocessing once up front instead of in every epoch. They also batched the random number "
            + "calls for augmentation, cut the overhead of launching worker processes, and removed a redundant layer from the "
            + "network without losing accuracy. Each change saved only a few seconds, but together they took the training time "
            + "from 356 seconds down to 297 seconds at the same 94 percent test accuracy. The general lesson for me is to profile "
            + "the whole training loop before optimising the model itself: the overheads around the GPU can cost as much time as "
            + "the arithmetic, and the cheapest speed-ups are often in the data pipeline. I will measure my own projects this way "
            + "from now on, starting with the input pipeline.";

    private final EssayRubricPlugin plugin = new EssayRubricPlugin();
    private final List<GradingRequest<EssayConfig>> requests = new ArrayList<>();
    private GradingRequest<EssayConfig> long150;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests.addAll(PackAnswers.of(plugin));
        GradingRequest<EssayConfig> reflection = requests.stream().filter(r -> r.questionId().equals("hw7/4b-reflection"))
                .findFirst().orElseThrow();
        long150 = new GradingRequest<>(reflection.questionId(), reflection.config(), reflection.expectedApproach(),
                Answer.of(ANSWER_150_WORDS), reflection.context());
    }

    @Benchmark
    public Grade grade150WordReflection() {
        return plugin.grade(long150);
    }

    @Benchmark
    public Grade gradeHw7Answer() {
        GradingRequest<EssayConfig> r = requests.get(next);
        next = (next + 1) % requests.size();
        return plugin.grade(r);
    }
}
