package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.MediaTypes;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training against grading in one engine, as the server runs it: twenty hw7 8.b training setups are submitted at
 * once while four clients keep grading hw7's token-sequence answers; prints the token-sequence latencies (p50,
 * p99, max) and refusals, and what became of the setups. The plugins are the built ones, each loaded from its
 * folder with its own class loader ({@code deploy/target/plugins}); the engine has the server's default settings.
 *
 * <p>Arguments: the plugins folder, the pack folder. System properties: {@code bench.setups} (20),
 * {@code bench.clients} (4), {@code bench.pauseMillis} between one client's grades (20).
 */
public final class BulkheadLoad {
    private static final String TRAINING_QUESTION = "hw7/8b-orthonormal";

    private BulkheadLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "deploy/target/plugins");
        Path packDir = Path.of(args.length > 1 ? args[1] : "deploy/packs/hw7");
        int setups = Integer.getInteger("bench.setups", 20);
        int clients = Integer.getInteger("bench.clients", 4);
        long pauseMillis = Long.getLong("bench.pauseMillis", 20);

        // The platform loader sees no plugin on the class path: every plugin comes from its folder, as in the server.
        EngineSettings settings = EngineSettings.defaults();
        try (Engines engines = Engines.create(ClassLoader.getPlatformClassLoader(), List.of(plugins), settings,
                Validation.buildDefaultValidatorFactory().getValidator())) {
            LoadedPack pack = engines.loader().load(PackReader.read(packDir));
            GradingEngine engine = engines.engine();
            List<Submission> tokenAnswers = answersOf(pack, "token-sequence");
            ReadyQuestion training = pack.question(TRAINING_QUESTION).map(CatalogQuestion::ready)
                    .orElseThrow(() -> new IllegalStateException(TRAINING_QUESTION + " is not ready: is autoencoder-dl4j in "
                            + plugins + "?"));
            List<Answer> trainingSetups = setups(packDir, setups);
            System.out.printf(Locale.ROOT, "engine: %d workers; %s%n", settings.workers(), engine.health("autoencoder-dl4j"));

            // Warm-up: ND4J's start and the question's reference training, then the token grader's JIT.
            Grade reference = engine.grade(training, answerWithFiles(packDir, "yes", Map.of(
                    "W1", "files/8b/optimum-W1.npy", "W2", "files/8b/optimum-W2.npy"))).grade();
            System.out.printf(Locale.ROOT, "warm-up: reference trained, the optimum graded %s %.2f%n",
                    reference.status(), reference.score());
            for (int i = 0; i < 20_000; i++) {
                Submission s = tokenAnswers.get(i % tokenAnswers.size());
                engine.grade(s.question, s.answer);
            }

            ExecutorService pool = Executors.newCachedThreadPool();
            AtomicBoolean trainingDone = new AtomicBoolean();
            List<long[]> latencies = new ArrayList<>();
            Map<String, AtomicLong> tokenRefusals = new ConcurrentHashMap<>();
            List<Future<Integer>> tokenClients = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long[] mine = new long[2_000_000];
                latencies.add(mine);
                int client = c;
                tokenClients.add(pool.submit(() -> {
                    int n = 0;
                    while (!trainingDone.get() && n < mine.length) {
                        Submission s = tokenAnswers.get((client + n) % tokenAnswers.size());
                        long start = System.nanoTime();
                        Grade g = engine.grade(s.question, s.answer).grade();
                        mine[n++] = System.nanoTime() - start;
                        if (g.status() == Grade.Status.ERROR) {
                            tokenRefusals.computeIfAbsent(String.join("+", g.notes()), k -> new AtomicLong()).incrementAndGet();
                        }
                        Thread.sleep(pauseMillis);
                    }
                    return n;
                }));
            }
            Thread.sleep(500);

            CountDownLatch go = new CountDownLatch(1);
            Map<String, AtomicLong> trainingOutcomes = new ConcurrentHashMap<>();
            List<Future<?>> trainingCalls = new ArrayList<>();
            for (Answer setup : trainingSetups) {
                trainingCalls.add(pool.submit(() -> {
                    go.await();
                    Grade g = engine.grade(training, setup).grade();
                    String outcome = g.status() + (g.status() == Grade.Status.ERROR || g.status() == Grade.Status.INVALID_ANSWER
                            ? " " + String.join("+", g.notes()) : "");
                    trainingOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    return null;
                }));
            }
            long gcBefore = gcMillis();
            long started = System.nanoTime();
            go.countDown();
            Thread.sleep(2_000);
            System.out.printf(Locale.ROOT, "under load: %s%n", engine.health("autoencoder-dl4j"));
            for (Future<?> f : trainingCalls) {
                f.get();
            }
            double trainingSeconds = (System.nanoTime() - started) / 1e9;
            long gcDuring = gcMillis() - gcBefore;
            trainingDone.set(true);
            long[] all = new long[0];
            for (int c = 0; c < clients; c++) {
                int n = tokenClients.get(c).get();
                long[] mine = Arrays.copyOf(latencies.get(c), n);
                long[] merged = Arrays.copyOf(all, all.length + n);
                System.arraycopy(mine, 0, merged, all.length, n);
                all = merged;
            }
            pool.shutdownNow();
            Arrays.sort(all);
            System.out.printf(Locale.ROOT, "%d training setups submitted at once: all answered in %.1f s: %s%n",
                    trainingSetups.size(), trainingSeconds, new TreeMap<>(trainingOutcomes));
            System.out.printf(Locale.ROOT, "token-sequence meanwhile (%d clients, %d ms apart): %d grades, p50 %s, p99 %s, "
                            + "max %s, refused or failed: %s%n", clients, pauseMillis, all.length, ms(percentile(all, 0.50)),
                    ms(percentile(all, 0.99)), ms(all.length == 0 ? 0 : all[all.length - 1]),
                    tokenRefusals.isEmpty() ? "none" : new TreeMap<>(tokenRefusals));
            System.out.printf(Locale.ROOT, "garbage collection meanwhile: %.1f s in all; load average %.1f on %d cores%n",
                    gcDuring / 1e3, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private record Submission(ReadyQuestion question, Answer answer) {
    }

    private static List<Submission> answersOf(LoadedPack pack, String pluginId) throws Exception {
        List<Submission> out = new ArrayList<>();
        for (CatalogQuestion q : pack.ordered()) {
            if (q.ready() != null && q.def().plugin().equals(pluginId)) {
                for (QuestionTest t : q.def().tests()) {
                    out.add(new Submission(q.ready(), Answer.of(t.answer())));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no " + pluginId + " question is ready: is the plugin in the plugins folder?");
        }
        return out;
    }

    /**
     * The pack's two setups (Eq. 6 with SGD, and Adam), alternating, each with its own number of epochs so that no
     * two are the same answer.
     */
    private static List<Answer> setups(Path packDir, int count) throws Exception {
        String eq6 = Files.readString(packDir.resolve("files/8b/setup-eq6.yaml"));
        String adam = Files.readString(packDir.resolve("files/8b/setup-adam.json"));
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int epochs = 2000 - i;
            boolean yaml = i % 2 == 0;
            String setup = yaml ? eq6.replace("epochs: 2000", "epochs: " + epochs)
                    : adam.replace("\"epochs\": 2000", "\"epochs\": " + epochs);
            out.add(new Answer("yes", List.of(new Attachment(yaml ? "setup.yaml" : "setup.json",
                    yaml ? "application/yaml" : "application/json", setup.getBytes(StandardCharsets.UTF_8)))));
        }
        return out;
    }

    private static Answer answerWithFiles(Path packDir, String text, Map<String, String> files) throws Exception {
        List<Attachment> attachments = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            attachments.add(new Attachment(f.getKey(), MediaTypes.guess(f.getValue()),
                    Files.readAllBytes(packDir.resolve(f.getValue()))));
        }
        return new Answer(text, attachments);
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000)
                : ms >= 1 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.3f ms", ms);
    }
}
