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
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
    void withTheCudaBackendInTheBuildButNoUsableGpuNd4jStartsOnTheCpuAndSaysWhy() throws Exception {
        // The tests carry nd4j-cuda-11.6's Java jar (its backend class and service files) without CUDA itself.
        assertThat(TrainingDevice.class.getClassLoader().getResource(TrainingDevice.CUDA_BACKEND)).isNotNull();
        TrainingDevice device = new TrainingDevice(1, 1);
        var before = device.status();
        assertThat(before).containsEntry("device", "CPU");
        assertThat(before.get("deviceReason")).satisfiesAnyOf(r -> assertThat(r).contains("no NVIDIA GPU"),
                r -> assertThat(r).contains("not on it"));
        String backend = device.run(Duration.ofMinutes(1), Duration.ofMinutes(1),
                d -> org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        assertThat(backend).isEqualTo("CpuBackend");
        assertThat(device.status().get("nd4j")).startsWith("Cpu (started in");
        assertThat(device.status()).containsKeys("threads", "trainingJobs");
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
    void jobsRunOneAtATimeAndAFullQueueIsRefusedAtOnce() throws Exception {
        TrainingDevice device = new TrainingDevice(1, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> device.run(Duration.ofMinutes(1), Duration.ofMinutes(1), deadline -> {
                holding.countDown();
                release.await();
                return "first";
            }));
            holding.await();
            Future<String> second = pool.submit(() -> device.run(Duration.ofMinutes(1), Duration.ofMinutes(1), d -> "second"));
            while (!device.status().get("trainingJobs").contains("1 waiting")) {
                Thread.sleep(5);
            }
            assertThatThrownBy(() -> device.run(Duration.ofMinutes(1), Duration.ofMinutes(1), d -> "third"))
                    .isInstanceOf(TrainingDevice.Busy.class).hasMessageContaining("1 training jobs are already waiting");
            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(second.get()).isEqualTo("second");
            assertThat(device.status().get("trainingJobs")).startsWith("0 running, 0 waiting").contains("1 refused");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aJobThatWaitsTooLongForTheDeviceIsToldSo() throws Exception {
        TrainingDevice device = new TrainingDevice(1, 4);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                device.run(Duration.ofMinutes(1), Duration.ofMinutes(1), d -> {
                    holding.countDown();
                    release.await();
                    return null;
                });
            } catch (Exception ignored) {
                // released below
            }
        });
        t.start();
        holding.await();
        assertThatThrownBy(() -> device.run(Duration.ofMinutes(1), Duration.ofMillis(50), d -> "late"))
                .isInstanceOf(TrainingDevice.Busy.class).hasMessageContaining("no training slot came free within");
        release.countDown();
        t.join();
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
        AeConfig oneSecond = new AeConfig(AutoencoderPluginTest.HW7.data(), 0.1, 5, "yes", null, null, 1);
        Grade noReference = plugin.grade(setup(oneSecond, eq6));
        assertThat(noReference.status()).isEqualTo(Grade.Status.ERROR);
        assertThat(noReference.notes()).containsExactly("REFERENCE_OVER_BUDGET");
        assertThat(noReference.feedback().get(0).markdown()).contains("budget of 1 s").contains("trainingBudgetSeconds")
                .contains("Your answer is kept");

        // With the reference trained (it depends on data, λ and k, not on the budget), the student's own 5000 steps
        // run into the same one-second budget.
        AeConfig roomy = new AeConfig(AutoencoderPluginTest.HW7.data(), 0.1, 5, "yes", null, null, 180);
        assertThat(plugin.grade(setup(roomy, "epochs: 1\n")).status()).isEqualTo(Grade.Status.GRADED);
        Grade tooLong = plugin.grade(setup(oneSecond, eq6));
        assertThat(tooLong.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(tooLong.notes()).containsExactly("TRAINING_OVER_BUDGET");
        assertThat(tooLong.feedback().get(0).markdown()).contains("asks for 5000 full-batch steps").contains("at most 1 s")
                .contains("upload W1 and W2");
        assertThat(plugin.status().get("trainingJobs")).contains("2 over budget");
    }
}
