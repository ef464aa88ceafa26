package dev.assay.plugins.autoencoder;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device Deeplearning4j trains on, chosen once before ND4J starts, and its guard: at most {@code concurrentJobs}
 * training jobs at once. The plugin tells the engine it can grade that many answers at once
 * ({@link AutoencoderPlugin#concurrency()}), so the engine keeps further answers in its own queue, holding no worker,
 * and a job that still finds the device taken (an answer graded outside the engine's bulkhead) is refused at once,
 * never parked here.
 *
 * <p>The default build carries ND4J's CPU backend only. The {@code gpu} build adds the CUDA backend; it is
 * used when the machine has an NVIDIA GPU that ND4J 1.0.0-M2.1's CUDA binaries can drive (compute
 * capability 3.7 to 8.x: their SASS stops at sm_86 and carries no PTX, so Hopper cannot run them). Otherwise
 * the CUDA backend is hidden from ND4J's service lookup, ND4J starts on the CPU, and the reason is logged and
 * reported on /health.
 */
final class TrainingDevice {
    private static final System.Logger LOG = System.getLogger(TrainingDevice.class.getName());
    static final String CUDA_BACKEND = "org/nd4j/linalg/jcublas/JCublasBackend.class";
    static final String SERVICES = "META-INF/services/";
    /** {@code cpu}, {@code gpu} or {@code auto} (the default): system property or environment variable. */
    static final String OVERRIDE_PROPERTY = "assay.autoencoder.device";

    /** What was chosen and why, in words an operator can act on. */
    record Choice(boolean cuda, String reason) {
        String backend() {
            return cuda ? "CUDA" : "CPU";
        }
    }

    /** A training job for the device; it must stop (throwing) once {@code deadlineNanos} has passed. */
    interface Job<T> {
        T run(long deadlineNanos) throws InterruptedException, BudgetExceeded;
    }

    /** A job that ran past its time budget. */
    static final class BudgetExceeded extends Exception {
        final int stepsDone;
        final int stepsPlanned;

        BudgetExceeded(int stepsDone, int stepsPlanned) {
            super("stopped after " + stepsDone + " of " + stepsPlanned + " steps");
            this.stepsDone = stepsDone;
            this.stepsPlanned = stepsPlanned;
        }
    }

    /** The device is training as many jobs as it takes. */
    static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }

    /** The GPU probe: NVIDIA's {@code nvidia-smi}, found on the PATH. */
    static final String NVIDIA_SMI = "nvidia-smi";

    private final int concurrentJobs;
    private final String nvidiaSmi;
    private final Semaphore slots;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger overBudget = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Choice choice;
    private volatile String started;
    private volatile String failed;

    TrainingDevice(int concurrentJobs) {
        this(concurrentJobs, NVIDIA_SMI);
    }

    /** A device whose GPUs are listed by {@code nvidiaSmi} (the machine's by default; tests give a script of their own). */
    TrainingDevice(int concurrentJobs, String nvidiaSmi) {
        if (concurrentJobs < 1) {
            throw new IllegalArgumentException("assay.autoencoder.concurrentJobs must be at least 1, not " + concurrentJobs);
        }
        this.concurrentJobs = concurrentJobs;
        this.nvidiaSmi = nvidiaSmi;
        this.slots = new Semaphore(concurrentJobs);
    }

    /** How many jobs train at once. */
    int concurrentJobs() {
        return concurrentJobs;
    }

    /** Decides from what the build carries, what the operator asked for and what GPUs the machine reports. */
    static Choice decide(boolean cudaInBuild, String override, List<String> gpus) {
        String asked = override == null || override.isBlank() ? "auto" : override.trim().toLowerCase(Locale.ROOT);
        if (asked.equals("cpu")) {
            return new Choice(false, OVERRIDE_PROPERTY + "=cpu");
        }
        if (!cudaInBuild) {
            return new Choice(false, "this build carries the CPU backend only (build with -Pgpu for CUDA)");
        }
        if (gpus.isEmpty()) {
            return new Choice(false, "no NVIDIA GPU found (nvidia-smi lists none)");
        }
        String[] first = gpus.get(0).split(",");
        String name = first[0].trim();
        double capability;
        try {
            capability = Double.parseDouble(first.length > 1 ? first[1].trim() : "");
        } catch (NumberFormatException e) {
            capability = Double.NaN;
        }
        if (asked.equals("gpu")) {
            return new Choice(true, OVERRIDE_PROPERTY + "=gpu on " + name);
        }
        if (Double.isNaN(capability)) {
            return new Choice(false, name + " reports no compute capability; set " + OVERRIDE_PROPERTY + "=gpu to try CUDA");
        }
        if (capability < 3.7 || capability >= 9.0) {
            return new Choice(false, String.format(Locale.ROOT, "%s has compute capability %.1f; ND4J 1.0.0-M2.1's CUDA "
                    + "binaries run on 3.7 to 8.9 (Kepler to Ada), not on it", name, capability));
        }
        return new Choice(true, String.format(Locale.ROOT, "%s, compute capability %.1f", name, capability));
    }

    /** The choice for this machine, made once and logged. Does not start ND4J. */
    Choice choice() {
        Choice c = choice;
        if (c == null) {
            synchronized (this) {
                if (choice == null) {
                    ClassLoader own = TrainingDevice.class.getClassLoader();
                    String override = System.getProperty(OVERRIDE_PROPERTY, System.getenv("ASSAY_AUTOENCODER_DEVICE"));
                    boolean cudaInBuild = own.getResource(CUDA_BACKEND) != null;
                    choice = decide(cudaInBuild, override, cudaInBuild ? nvidiaGpus(nvidiaSmi, Duration.ofSeconds(10)) : List.of());
                    LOG.log(System.Logger.Level.INFO, "autoencoder-dl4j trains on the " + choice.backend() + ": "
                            + choice.reason());
                }
                c = choice;
            }
        }
        return c;
    }

    /** Starts ND4J on the chosen backend, once, and runs a small product on it. */
    private synchronized void start() throws Busy {
        if (failed != null) {
            throw new Busy("Deeplearning4j could not start on this machine: " + failed);
        }
        if (started != null) {
            return;
        }
        Choice c = choice();
        ClassLoader own = TrainingDevice.class.getClassLoader();
        if (!c.cuda() && own.getResource(CUDA_BACKEND) != null) {
            org.nd4j.common.config.ND4JClassLoading.setNd4jClassloader(new WithoutCuda(own));
        }
        try {
            long t0 = System.nanoTime();
            org.nd4j.linalg.api.ndarray.INDArray a = org.nd4j.linalg.factory.Nd4j.eye(4);
            double trace = a.mmul(a).sumNumber().doubleValue();
            if (trace != 4) {
                throw new IllegalStateException("a 4×4 identity product sums to " + trace + ", not 4");
            }
            String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
            started = backend + " (started in " + (System.nanoTime() - t0) / 1_000_000 + " ms)";
            LOG.log(System.Logger.Level.INFO, "autoencoder-dl4j: ND4J started on " + started);
        } catch (RuntimeException | LinkageError e) {
            failed = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, "autoencoder-dl4j: ND4J failed to start: " + failed, e);
            throw new Busy("Deeplearning4j could not start on this machine: " + failed);
        }
    }

    /** Runs a job within its budget if the device has room for it now; refuses it at once if not. */
    <T> T run(Duration budget, Job<T> job) throws InterruptedException, BudgetExceeded, Busy {
        if (!slots.tryAcquire()) {
            refused.incrementAndGet();
            throw new Busy("the " + choice().backend() + " is already training " + (concurrentJobs == 1 ? "for another answer"
                    : concurrentJobs + " jobs"));
        }
        running.incrementAndGet();
        try {
            start();
            return job.run(System.nanoTime() + budget.toNanos());
        } catch (BudgetExceeded e) {
            overBudget.incrementAndGet();
            throw e;
        } finally {
            running.decrementAndGet();
            slots.release();
        }
    }

    /** For /health: the device, why, whether ND4J has started, and its jobs. */
    Map<String, String> status() {
        Choice c = choice();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("device", c.backend());
        s.put("deviceReason", c.reason());
        s.put("nd4j", failed != null ? "FAILED: " + failed : started != null ? started : "not started yet (starts with the first training)");
        s.put("threads", Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).map(t -> "OMP_NUM_THREADS=" + t)
                .orElse("OMP_NUM_THREADS unset: one per core"));
        s.put("trainingJobs", running.get() + " running (at most " + concurrentJobs + "), " + overBudget.get() + " over budget, "
                + refused.get() + " refused while busy");
        return s;
    }

    /**
     * {@code name, compute_cap} of each GPU {@code nvidiaSmi} lists; empty without it, when it fails, or when it does
     * not answer within {@code wait}.
     */
    static List<String> nvidiaGpus(String nvidiaSmi, Duration wait) {
        try {
            Process p = new ProcessBuilder(nvidiaSmi, "--query-gpu=name,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "nvidia-smi did not answer within " + wait.toSeconds() + " s: training on the CPU");
                return List.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                LOG.log(System.Logger.Level.INFO, "nvidia-smi failed (" + p.exitValue() + "): " + out.strip());
                return List.of();
            }
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of(); // no nvidia-smi: no NVIDIA driver
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The plugin's class loader with ND4J's CUDA jar left out of service lookups (its backend, its compressors). */
    static final class WithoutCuda extends ClassLoader {
        WithoutCuda(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!name.startsWith(SERVICES)) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(all)) {
                if (!u.toString().contains("nd4j-cuda")) {
                    kept.add(u);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
