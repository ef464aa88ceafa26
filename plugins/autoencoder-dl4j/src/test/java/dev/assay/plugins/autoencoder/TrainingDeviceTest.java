package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.plugin.PluginRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDeviceTest {
    @Test
    void hopperAndMachinesWithoutAGpuTrainOnTheCpuAndSayWhy() {
        TrainingDevice.Choice h200 = TrainingDevice.decide(true, null, List.of("NVIDIA H200, 9.0"));
        assertThat(h200.cuda()).isFalse();
        assertThat(h200.reason()).contains("NVIDIA H200").contains("9.0").contains("3.7 to 8.9");
        TrainingDevice.Choice a100 = TrainingDevice.decide(true, "auto", List.of("NVIDIA A100-SXM4-80GB, 8.0"));
        assertThat(a100.cuda()).isTrue();
        assertThat(a100.backend()).isEqualTo("CUDA");
        assertThat(TrainingDevice.decide(true, null, List.of("NVIDIA L4, 8.9")).cuda()).isTrue();
        assertThat(TrainingDevice.decide(true, null, List.of()).reason()).contains("no NVIDIA GPU");
        assertThat(TrainingDevice.decide(false, null, List.of("NVIDIA A100, 8.0")).reason()).contains("-Pgpu");
        assertThat(TrainingDevice.decide(true, "CPU", List.of("NVIDIA A100, 8.0")).cuda()).isFalse();
        assertThat(TrainingDevice.decide(true, "gpu", List.of("NVIDIA H200, 9.0")).cuda()).as("the operator's word").isTrue();
        assertThat(TrainingDevice.decide(true, null, List.of("Some GPU, [N/A]")).cuda()).isFalse();
    }

    @Test
    void withTheCudaBackendInTheBuildButNoUsableGpuNd4jStartsOnTheCpuAndSaysWhy(@TempDir Path dir) throws Exception {
        // The tests carry nd4j-cuda-11.6's Java jar (its backend class and service files) without CUDA itself, and a
        // fake nvidia-smi that reports a Hopper GPU, whatever this machine has.
        assertThat(TrainingDevice.class.getClassLoader().getResource(TrainingDevice.CUDA_BACKEND)).isNotNull();
        TrainingDevice device = new TrainingDevice(1, fakeNvidiaSmi(dir, "NVIDIA H200, 9.0\n", 0));
        var before = device.status();
        assertThat(before).containsEntry("device", "CPU");
        assertThat(before.get("deviceReason")).contains("NVIDIA H200").contains("not on it");
        String backend = device.run(Duration.ofMinutes(1),
                d -> org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        assertThat(backend).isEqualTo("CpuBackend");
        assertThat(device.status().get("nd4j")).startsWith("Cpu (started in");
        assertThat(device.status()).containsKeys("threads", "trainingJobs");
    }

    /**
     * A fake {@code nvidia-smi}: a script that insists on being asked for each GPU's name and compute capability as
     * CSV without a header (as the real one is asked), prints {@code out} and exits with {@code exit}.
     */
    static String fakeNvidiaSmi(Path dir, String out, int exit) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n"
                + "[ \"$1 $2\" = '--query-gpu=name,compute_cap --format=csv,noheader' ] || { echo \"asked: $*\"; exit 64; }\n"
                + "printf '%s' '" + out + "'\nexit " + exit + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script.toString();
    }

    @Test
    void theProbeListsEveryGpuNvidiaSmiReports(@TempDir Path dir) throws Exception {
        String twoGpus = fakeNvidiaSmi(dir, "NVIDIA A100-SXM4-80GB, 8.0\nNVIDIA A100-SXM4-80GB, 8.0\n\n", 0);
        assertThat(TrainingDevice.nvidiaGpus(twoGpus, Duration.ofSeconds(10)))
                .containsExactly("NVIDIA A100-SXM4-80GB, 8.0", "NVIDIA A100-SXM4-80GB, 8.0");
    }

    @Test
    void aProbeThatFailsIsMissingOrHangsMeansNoGpu(@TempDir Path dir) throws Exception {
        Path failing = Files.createDirectories(dir.resolve("failing"));
        assertThat(TrainingDevice.nvidiaGpus(fakeNvidiaSmi(failing, "NVIDIA-SMI has failed: driver mismatch", 9),
                Duration.ofSeconds(10))).isEmpty();
        assertThat(TrainingDevice.nvidiaGpus(dir.resolve("absent/nvidia-smi").toString(), Duration.ofSeconds(10))).isEmpty();
        Path hanging = Files.createDirectories(dir.resolve("hanging"));
        Path script = hanging.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\nsleep 30\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        assertThat(TrainingDevice.nvidiaGpus(script.toString(), Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void theDeviceChosenFollowsWhatTheProbeReports(@TempDir Path dir) throws Exception {
        // The test class path carries the CUDA backend's jar, so the choice turns on the GPU the probe reports.
        Path a100 = Files.createDirectories(dir.resolve("a100"));
        TrainingDevice.Choice onA100 = new TrainingDevice(1, fakeNvidiaSmi(a100, "NVIDIA A100-SXM4-80GB, 8.0\n", 0)).choice();
        assertThat(onA100.cuda()).isTrue();
        assertThat(onA100.reason()).isEqualTo("NVIDIA A100-SXM4-80GB, compute capability 8.0");
        Path h200 = Files.createDirectories(dir.resolve("h200"));
        TrainingDevice.Choice onH200 = new TrainingDevice(1, fakeNvidiaSmi(h200, "NVIDIA H200, 9.0\n", 0)).choice();
        assertThat(onH200.cuda()).isFalse();
        assertThat(onH200.reason()).contains("NVIDIA H200 has compute capability 9.0");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        assertThat(new TrainingDevice(1, fakeNvidiaSmi(broken, "", 9)).choice().reason()).contains("no NVIDIA GPU");
        assertThat(new TrainingDevice(1, dir.resolve("absent").toString()).choice().reason()).contains("no NVIDIA GPU");
    }

    @Test
    void theCudaBackendCanBeHiddenFromNd4jsServiceLookup(@TempDir Path dir) throws Exception {
        for (String jar : List.of("nd4j-native-1.0.0-M2.1", "nd4j-cuda-11.6-1.0.0-M2.1")) {
            Path services = dir.resolve(jar).resolve("META-INF/services");
            Files.createDirectories(services);
            Files.writeString(services.resolve("org.nd4j.linalg.factory.Nd4jBackend"), jar);
            Files.writeString(dir.resolve(jar).resolve("other.txt"), jar);
        }
        URLClassLoader both = new URLClassLoader(new URL[]{dir.resolve("nd4j-native-1.0.0-M2.1").toUri().toURL(),
                dir.resolve("nd4j-cuda-11.6-1.0.0-M2.1").toUri().toURL()}, null);
        ClassLoader hidden = new TrainingDevice.WithoutCuda(both);
        assertThat(Collections.list(hidden.getResources(TrainingDevice.SERVICES + "org.nd4j.linalg.factory.Nd4jBackend")))
                .singleElement().asString().contains("nd4j-native");
        assertThat(Collections.list(hidden.getResources("other.txt"))).hasSize(2);
    }

    @Test
    void aJobThatFindsTheDeviceTakenIsRefusedAtOnceNeverParked() throws Exception {
        // The engine grades one answer of this plugin at a time (concurrency()), so a second job reaches the device only
        // from outside the engine's bulkhead; it must not hold its thread waiting here.
        TrainingDevice device = new TrainingDevice(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<String> first = pool.submit(() -> device.run(Duration.ofMinutes(1), deadline -> {
                holding.countDown();
                release.await();
                return "first";
            }));
            holding.await();
            assertThatThrownBy(() -> device.run(Duration.ofMinutes(1), d -> "second"))
                    .isInstanceOf(TrainingDevice.Busy.class).hasMessageContaining("is already training for another answer");
            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            String third = device.run(Duration.ofMinutes(1), d -> "third");
            assertThat(third).isEqualTo("third");
            assertThat(device.status().get("trainingJobs")).startsWith("0 running (at most 1)").contains("1 refused");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theEngineGradesAsManyAnswersAtOnceAsTheDeviceTrainsJobs() {
        AutoencoderPlugin plugin = new AutoencoderPlugin();
        assertThat(plugin.concurrency()).isEqualTo(OptionalInt.of(1));
        try (GradingEngine engine = new GradingEngine(EngineSettings.defaults().withWorkers(16))) {
            engine.register(PluginRegistry.of(plugin).find("autoencoder-dl4j").orElseThrow());
            assertThat(engine.health("autoencoder-dl4j").gradingShare()).isEqualTo(1);
            assertThat(engine.health("autoencoder-dl4j").share()).as("the rest serves previews").isEqualTo(15);
        }
    }

    private static GradingRequest<AeConfig> setup(AeConfig c, String yaml) {
        return new GradingRequest<>("q", c, "", new Answer("yes", List.of(new Attachment("setup.yaml", "text/yaml",
                yaml.getBytes()))), new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE));
    }

    @Test
    void trainingOverItsBudgetEndsWithAClearMessage() throws Exception {
        AutoencoderPlugin plugin = new AutoencoderPlugin();
        String eq6 = "layers: 2\nbias: false\nloss: mse\noptimizer: sgd\nlr: 0.4\nweight_decay: 0.01\nepochs: 5000\n";
        // The reference takes 2000 DL4J steps (seconds on a CPU): one second is not enough for it.
        AeConfig oneSecond = new AeConfig(AutoencoderPluginTest.HW7.data(), 0.1, 5, AutoencoderPluginTest.HW7_VERDICT, null, null, 1, null);
        Grade noReference = plugin.grade(setup(oneSecond, eq6));
        assertThat(noReference.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(noReference.notes()).containsExactly("REFERENCE_OVER_BUDGET");
        assertThat(noReference.feedback().get(0).markdown()).contains("budget of 1 s").contains("trainingBudgetSeconds")
                .contains("Your answer is kept");

        // With the reference trained (it depends on data, λ and k, not on the budget), the student's own 5000 steps
        // run into the same one-second budget.
        AeConfig roomy = new AeConfig(AutoencoderPluginTest.HW7.data(), 0.1, 5, AutoencoderPluginTest.HW7_VERDICT, null, null, 180, null);
        assertThat(plugin.grade(setup(roomy, "epochs: 1\n")).status()).isEqualTo(Grade.Status.GRADED);
        Grade tooLong = plugin.grade(setup(oneSecond, eq6));
        assertThat(tooLong.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(tooLong.notes()).containsExactly("TRAINING_OVER_BUDGET");
        assertThat(tooLong.feedback().get(0).markdown()).contains("asks for 5000 full-batch steps").contains("at most 1 s")
                .contains("upload W1 and W2");
        assertThat(plugin.status().get("trainingJobs")).contains("2 over budget");
    }
}
