package dev.assay.engine.grading;

import dev.assay.api.Answer;
import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs plugin calls on a bounded set of workers, each call under a time limit.
 *
 * <p>A call that runs past its limit is interrupted. One that does not stop within the grace period
 * is abandoned: its slot is handed to a fresh thread (so a stuck grader cannot starve the others),
 * the abandonment is counted, and a plugin abandoned {@code hangsUntilUnhealthy} times is taken out
 * of service until restart. Every failure becomes a {@link Grade} with status ERROR and a message;
 * nothing a plugin does makes this class throw.
 */
public final class GradingEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GradingEngine.class.getName());

    public static final String NOTE_TIMEOUT = "TIME_LIMIT";
    public static final String NOTE_PLUGIN_FAILED = "PLUGIN_FAILED";
    public static final String NOTE_PLUGIN_UNHEALTHY = "PLUGIN_UNHEALTHY";
    public static final String NOTE_BUSY = "ENGINE_BUSY";

    private final EngineSettings settings;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final AtomicLong abandonedThreads = new AtomicLong();

    public GradingEngine(EngineSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.workers(), true);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "assay-grader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.threads = Executors.newCachedThreadPool(factory);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Grades one answer. Never throws for anything the plugin or the answer does. */
    public GradeOutcome grade(ReadyQuestion question, Answer answer) {
        return grade(question, answer, Locale.ENGLISH);
    }

    public GradeOutcome grade(ReadyQuestion question, Answer answer, Locale locale) {
        long started = System.nanoTime();
        long seed = Seeds.of(question.id(), answer);
        Grade grade = gradeChecked(question, answer, locale, seed);
        return new GradeOutcome(grade, question.plugin().id(), question.plugin().version(),
                Duration.ofNanos(System.nanoTime() - started), seed);
    }

    private Grade gradeChecked(ReadyQuestion question, Answer answer, Locale locale, long seed) {
        Optional<String> tooLarge = AnswerSizeCheck.problem(answer, settings.limits());
        if (tooLarge.isPresent()) {
            return Grade.invalid(AnswerSizeCheck.TOO_LARGE, tooLarge.get(), Echo.NONE);
        }
        GradingRequest<Record> request = request(question, answer, locale, seed);
        GraderPlugin<Record> plugin = question.plugin().typed();
        CallResult<Grade> result = call(question, request.context().limits().timeLimit(), () -> plugin.grade(request));
        if (result.failure != null) {
            return result.failure;
        }
        if (result.value == null) {
            return Grade.error(NOTE_PLUGIN_FAILED, "The grader " + question.plugin().id() + " returned no grade. "
                    + "This is a fault in the grader, not in your answer; your submission is kept.");
        }
        return result.value;
    }

    /** Parses the answer and echoes it, without grading; bounded by the same limits. */
    public Validation validate(ReadyQuestion question, Answer answer) {
        Optional<String> tooLarge = AnswerSizeCheck.problem(answer, settings.limits());
        if (tooLarge.isPresent()) {
            return Validation.invalid(AnswerSizeCheck.TOO_LARGE, tooLarge.get(), Echo.NONE);
        }
        GradingRequest<Record> request = request(question, answer, Locale.ENGLISH, Seeds.of(question.id(), answer));
        GraderPlugin<Record> plugin = question.plugin().typed();
        CallResult<Validation> result = call(question, request.context().limits().timeLimit(), () -> plugin.validate(request));
        if (result.failure != null) {
            return new Validation(false, Echo.NONE, messages(result.failure), result.failure.notes());
        }
        return result.value == null ? Validation.invalid(NOTE_PLUGIN_FAILED, "The grader returned nothing.", Echo.NONE)
                : result.value;
    }

    private static List<String> messages(Grade g) {
        List<String> m = new ArrayList<>();
        g.feedback().forEach(b -> m.add(b.markdown()));
        return m;
    }

    private GradingRequest<Record> request(ReadyQuestion q, Answer answer, Locale locale, long seed) {
        GraderPlugin<Record> plugin = q.plugin().typed();
        Duration limit = settings.limits().timeLimit();
        try {
            Optional<Duration> asked = plugin.timeLimit(q.config());
            if (asked.isPresent() && asked.get().compareTo(limit) > 0) {
                limit = asked.get().compareTo(settings.maxTimeLimit()) > 0 ? settings.maxTimeLimit() : asked.get();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "plugin " + q.plugin().id() + " failed in timeLimit(); using the default", e);
        }
        Limits limits = settings.limits().withTimeLimit(limit);
        return new GradingRequest<>(q.id(), q.config(), q.expectedApproach(), answer,
                new GradingContext(seed, limits, locale, q.resources(), q.points()));
    }

    private record CallResult<T>(T value, Grade failure) {
    }

    private <T> CallResult<T> call(ReadyQuestion q, Duration limit, Callable<T> work) {
        String pluginId = q.plugin().id();
        Counters c = counters.computeIfAbsent(pluginId, k -> new Counters());
        c.calls.incrementAndGet();
        if (!c.healthy.get()) {
            return new CallResult<>(null, Grade.error(NOTE_PLUGIN_UNHEALTHY, "The grader " + pluginId
                    + " is out of service after it hung " + c.abandoned.get() + " times. Your answer is kept; "
                    + "it will be graded again once an administrator has fixed the grader."));
        }
        try {
            if (!slots.tryAcquire(settings.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return new CallResult<>(null, Grade.error(NOTE_BUSY, "All graders are busy. Your answer was not graded; "
                        + "please submit again in a minute."));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallResult<>(null, Grade.error(NOTE_BUSY, "Grading was interrupted before it started."));
        }
        AtomicBoolean slotReleased = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        ClassLoader pluginLoader = q.plugin().loader();
        Future<T> future;
        try {
            future = threads.submit(() -> {
                Thread me = Thread.currentThread();
                ClassLoader previous = me.getContextClassLoader();
                me.setContextClassLoader(pluginLoader);
                try {
                    return work.call();
                } finally {
                    me.setContextClassLoader(previous);
                    if (slotReleased.compareAndSet(false, true)) {
                        slots.release();
                    }
                    finished.countDown(); // last: whoever waits on it sees the slot back
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            return new CallResult<>(null, Grade.error(NOTE_BUSY, "The grading engine is shutting down."));
        }
        try {
            return new CallResult<>(future.get(limit.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            c.timeouts.incrementAndGet();
            future.cancel(true);
            boolean stopped;
            try {
                stopped = finished.await(settings.interruptGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
            if (!stopped && slotReleased.compareAndSet(false, true)) {
                slots.release(); // the stuck thread keeps running; a fresh one takes its slot
                abandonedThreads.incrementAndGet();
                long hangs = c.abandoned.incrementAndGet();
                LOG.warning(() -> "Grader " + pluginId + " ignored the interrupt on " + q.id() + " and was abandoned ("
                        + hangs + " so far)");
                if (hangs >= settings.hangsUntilUnhealthy() && c.healthy.compareAndSet(true, false)) {
                    LOG.severe(() -> "Grader " + pluginId + " is out of service after " + hangs + " hangs");
                }
            }
            return new CallResult<>(null, Grade.error(NOTE_TIMEOUT, "Grading took longer than the limit of "
                    + seconds(limit) + " and was stopped. This is the grader's fault, not yours; "
                    + "your submission is kept and can be graded again."));
        } catch (ExecutionException e) {
            c.failures.incrementAndGet();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.log(Level.WARNING, "Grader " + pluginId + " failed on " + q.id(), cause);
            return new CallResult<>(null, Grade.error(NOTE_PLUGIN_FAILED, "The grader " + pluginId + " failed ("
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + "). This is a fault in the grader, not in your answer; your submission is kept."));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new CallResult<>(null, Grade.error(NOTE_TIMEOUT, "Grading was interrupted."));
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    public PluginHealth health(String pluginId) {
        Counters c = counters.computeIfAbsent(pluginId, k -> new Counters());
        return new PluginHealth(pluginId, c.calls.get(), c.timeouts.get(), c.abandoned.get(), c.failures.get(), c.healthy.get());
    }

    /** Threads abandoned so far because their grader ignored the interrupt. */
    public long abandonedThreads() {
        return abandonedThreads.get();
    }

    public int freeWorkers() {
        return slots.availablePermits();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static final class Counters {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong abandoned = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicBoolean healthy = new AtomicBoolean(true);
    }
}
