package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.GradingRequest;
import dev.assay.api.ReferenceGrading;
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

/**
 * Essay-rubric grading time: a 150-word reflection against hw7 4.b's rubric, every hw7 essay answer in turn, and a
 * 150-word answer against a reference question with a learned model and 20 graded examples (issue 14: the sentence
 * model runs on every call; the answer changes each call, so no cached vector is reused).
 */
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
    private GradingRequest<EssayConfig> learned;
    private int next;
    private int variant;

    /** A reference question with graded examples, configured as ./assay eval --learn-from would. */
    static EssayConfig learnedConfig(EssayRubricPlugin plugin) {
        @SuppressWarnings("unchecked")
        ReferenceGrading<EssayConfig> r = plugin.capability(ReferenceGrading.class).orElseThrow();
        List<ReferenceGrading.Graded> graded = new ArrayList<>();
        String[] right = {"The GPU was often idle; data loading and preprocessing were the real bottleneck.",
            "Most time went into preparing data, so doing the preprocessing once saved seconds.",
            "Profile first: the overhead around the GPU cost as much as the arithmetic.",
            "They removed work outside the model, like repeated preprocessing and process start-up.",
            "The slow part was the input pipeline, not the network's maths.",
            "Measuring each stage showed the data pipeline was what limited speed.",
            "Preprocessing once and batching random numbers cut the time around the GPU.",
            "The lesson is that bottlenecks are often outside the GPU computation.",
            "Time was lost in data loading and worker processes rather than in training itself.",
            "They found overheads by profiling and removed them."};
        String[] wrong = {"They bought a bigger GPU.", "The network got more layers to be more accurate.",
            "Training is faster with a larger learning rate only.", "I did not read the post.",
            "Accuracy went up to 99 percent.", "They used a different data set.", "The post is about language models.",
            "Mixed precision made the model less accurate.", "They trained for more epochs.", "Nothing changed."};
        for (String a : right) {
            graded.add(new ReferenceGrading.Graded(a, 1));
        }
        for (String a : wrong) {
            graded.add(new ReferenceGrading.Graded(a, 0));
        }
        ReferenceGrading.Question q = new ReferenceGrading.Question("What did you learn from the post?",
                List.of("The bottleneck is often not the GPU's arithmetic but the work around it: data loading, preprocessing "
                        + "done every epoch, random-number calls and process overheads. Measure before optimising."), 1, graded);
        return r.learnedConfigs(List.of(q), List.of()).get(0);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests.addAll(PackAnswers.of(plugin));
        GradingRequest<EssayConfig> reflection = requests.stream().filter(r -> r.questionId().equals("hw7/4b-reflection"))
                .findFirst().orElseThrow();
        long150 = new GradingRequest<>(reflection.questionId(), reflection.config(), reflection.expectedApproach(),
                Answer.of(ANSWER_150_WORDS), reflection.context());
        learned = new GradingRequest<>("bench/learned", learnedConfig(plugin), "", Answer.of(ANSWER_150_WORDS),
                reflection.context());
    }

    @Benchmark
    public Grade grade150WordsLearnedReference() {
        // a new answer each call (the last word varies), as students' answers are: the model runs every time
        GradingRequest<EssayConfig> r = new GradingRequest<>(learned.questionId(), learned.config(), "",
                Answer.of(ANSWER_150_WORDS + " Answer " + (variant++) + "."), learned.context());
        return plugin.grade(r);
    }

    /**
     * A wholly new 150-word answer each call: every sentence carries a number that changes, so none of its sentences'
     * vectors is cached and the model runs on all of them (the method above changes only the last sentence).
     */
    @Benchmark
    public Grade grade150WordsLearnedReferenceFresh() {
        int v = variant++;
        String fresh = ANSWER_150_WORDS.replace(". ", " (" + v + "). ").replace(": ", " " + v + ": ");
        GradingRequest<EssayConfig> r = new GradingRequest<>(learned.questionId(), learned.config(), "",
                Answer.of(fresh), learned.context());
        return plugin.grade(r);
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
