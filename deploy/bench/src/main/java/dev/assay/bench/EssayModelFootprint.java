package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import java.util.Locale;
import dev.assay.plugins.essay.EssayConfig;
import dev.assay.plugins.essay.EssayRubricPlugin;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sentence model's cost to a process (issue 14): how long the first grade that needs it takes (the model's load,
 * a first ONNX Runtime session run), and the resident memory and heap it adds. Prints figures; asserts nothing.
 */
public final class EssayModelFootprint {
    private EssayModelFootprint() {
    }

    static long rssKb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    static long heapKb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / 1024;
    }

    public static void main(String[] args) throws Exception {
        EssayRubricPlugin plugin = new EssayRubricPlugin();
        long rss0 = rssKb();
        long heap0 = heapKb();
        long t0 = System.nanoTime();
        EssayConfig learned = EssayRubricBenchmark.learnedConfig(plugin);
        long t1 = System.nanoTime();
        GradingRequest<EssayConfig> r = new GradingRequest<>("bench/learned", learned, "",
                Answer.of(EssayRubricBenchmark.ANSWER_150_WORDS), new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE));
        Grade g = plugin.grade(r);
        long t2 = System.nanoTime();
        long rss1 = rssKb();
        long heap1 = heapKb();
        System.out.printf("model load, tokenizer and 20 graded examples embedded and fitted: %d ms; then the first 150-word "
                + "grade: %d ms (score %.2f)%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, g.score());
        System.out.printf("resident memory added: %d MB (before %d MB); heap added: %d MB%n", (rss1 - rss0) / 1024,
                rss0 / 1024, (heap1 - heap0) / 1024);
    }
}
