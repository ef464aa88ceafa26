package dev.assay.engine.grading;

import dev.assay.api.Answer;
import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.Validation;
import dev.assay.engine.plugin.LoadedPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 * <p>Each plugin has a bulkhead: its grades and previews together hold at most its share of the workers at once
 * ({@link EngineSettings#shareOf}, by default all but one), and its calls beyond that wait in the plugin's own
 * bounded queue ({@link EngineSettings#pluginQueue}), so a plugin that trains for minutes never takes the workers
 * another plugin's answers need. Its grades alone hold no more than the plugin says it can use at once
 * ({@link dev.assay.api.GraderPlugin#concurrency()}, {@link EngineSettings#gradingShareOf}): a plugin that trains on
 * one device grades one answer at a time, its other answers wait here holding no worker, and the rest of its share
 * serves its previews. A call waits for its plugin's share at most the engine's queue wait plus its own time limit
 * (a plugin that asked for more time per answer has its answers wait longer), then for a worker at most the queue
 * wait; past either it is refused with {@code ENGINE_BUSY}.
 *
 * <p>A call that runs past its limit is interrupted. One that does not stop within the grace period
 * is abandoned: its worker and its share are handed to a fresh thread (so a stuck grader cannot starve the
 * others), the abandonment is counted, and a plugin abandoned {@code hangsUntilUnhealthy} times is taken out
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
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();
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

    /**
     * Sets up the plugin's bulkhead from its share and what it says it can use at once, so that {@link #health} reports
     * it before its first answer (it is set up on its first call otherwise).
     */
    public void register(LoadedPlugin plugin) {
        bulkhead(plugin);
    }

    private Bulkhead bulkhead(LoadedPlugin plugin) {
        return bulkheads.computeIfAbsent(plugin.id(), id -> new Bulkhead(settings.shareOf(id),
                settings.gradingShareOf(id, declaredConcurrency(plugin))));
    }

    /** What the plugin says it can use at once; a plugin that fails to say, or says less than 1, is not limited by it. */
    private static OptionalInt declaredConcurrency(LoadedPlugin p) {
        try {
            OptionalInt declared = p.plugin().concurrency();
            if (declared != null && declared.isPresent() && declared.getAsInt() < 1) {
                LOG.warning(() -> "plugin " + p.id() + " says it can grade " + declared.getAsInt() + " answers at once; "
                        + "ignored: it is limited by its share of the workers only");
                return OptionalInt.empty();
            }
            return declared == null ? OptionalInt.empty() : declared;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "plugin " + p.id() + " failed in concurrency(); it is limited by its share only", e);
            return OptionalInt.empty();
        }
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
        CallResult<Grade> result = call(question, CallKind.GRADE, request.context().limits().timeLimit(),
                () -> plugin.grade(request));
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
        CallResult<Validation> result = call(question, CallKind.PREVIEW, request.context().limits().timeLimit(),
                () -> plugin.validate(request));
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

    /** Grades and previews share the plugin's bulkhead; grades alone are held to what the plugin can use at once. */
    private enum CallKind { GRADE, PREVIEW }

    private <T> CallResult<T> call(ReadyQuestion q, CallKind kind, Duration limit, Callable<T> work) {
        String pluginId = q.plugin().id();
        Counters c = counters.computeIfAbsent(pluginId, k -> new Counters());
        c.calls.incrementAndGet();
        if (!c.healthy.get()) {
            return new CallResult<>(null, Grade.error(NOTE_PLUGIN_UNHEALTHY, "The grader " + pluginId
                    + " is out of service after it hung " + c.abandoned.get() + " times. Your answer is kept; "
                    + "it will be graded again once an administrator has fixed the grader."));
        }
        Admission admission = admit(bulkhead(q.plugin()), kind, pluginId, limit);
        if (admission.refusal != null) {
            return new CallResult<>(null, admission.refusal);
        }
        Permit permit = admission.permit;
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
                    permit.release();
                    finished.countDown(); // last: whoever waits on it sees the worker back
                }
            });
        } catch (RuntimeException rejected) {
            permit.release();
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
            if (!stopped && permit.release()) {
                // The stuck thread keeps running; a fresh one takes its worker and its place in the plugin's share.
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

    private record Admission(Permit permit, Grade refusal) {
    }

    /**
     * Waits for a place among the plugin's grades (a grade only), then in the plugin's share, then for a worker. The
     * plugin's queue is bounded in length, and in time by the engine's queue wait plus the call's own limit, so a plugin
     * that may take minutes per answer has its answers wait that much longer, while another plugin's answers never stand
     * in its queue.
     */
    private Admission admit(Bulkhead bulkhead, CallKind kind, String pluginId, Duration limit) {
        AtomicInteger waiting = bulkhead.waiting(kind);
        if (waiting.incrementAndGet() > settings.pluginQueue()) {
            waiting.decrementAndGet();
            return new Admission(null, Grade.error(NOTE_BUSY, "The grader " + pluginId + " already has "
                    + settings.pluginQueue() + " answers waiting. Your answer was not graded; please submit again in a "
                    + "few minutes."));
        }
        boolean grading = false;
        boolean shared = false;
        try {
            long deadline = System.nanoTime() + settings.queueWait().plus(limit).toNanos();
            grading = kind != CallKind.GRADE || bulkhead.grading.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            shared = grading && bulkhead.share.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (!shared) {
                bulkhead.release(kind, grading, false);
                return new Admission(null, Grade.error(NOTE_BUSY, "The grader " + pluginId + " is busy with other answers. "
                        + "Your answer was not graded; please submit again in a few minutes."));
            }
            if (!slots.tryAcquire(settings.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                bulkhead.release(kind, true, true);
                return new Admission(null, Grade.error(NOTE_BUSY, "All graders are busy. Your answer was not graded; "
                        + "please submit again in a minute."));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bulkhead.release(kind, grading, shared);
            return new Admission(null, Grade.error(NOTE_BUSY, "Grading was interrupted before it started."));
        } finally {
            waiting.decrementAndGet();
        }
        bulkhead.running.incrementAndGet();
        return new Admission(new Permit(bulkhead, kind), null);
    }

    /** A worker and a place in a plugin's bulkhead, given back once: when the call ends or when it is abandoned. */
    private final class Permit {
        private final Bulkhead bulkhead;
        private final CallKind kind;
        private final AtomicBoolean released = new AtomicBoolean();

        Permit(Bulkhead bulkhead, CallKind kind) {
            this.bulkhead = bulkhead;
            this.kind = kind;
        }

        /** True for the one caller that gave it back. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            bulkhead.running.decrementAndGet();
            slots.release();
            bulkhead.release(kind, true, true);
            return true;
        }
    }

    /**
     * One plugin's bulkhead: its share of the workers, which its grades and previews hold together; the part of it its
     * grades may hold; and who runs and waits in it.
     */
    private static final class Bulkhead {
        final int shareSize;
        final int gradingSize;
        final Semaphore share;
        final Semaphore grading;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger gradesWaiting = new AtomicInteger();
        final AtomicInteger previewsWaiting = new AtomicInteger();

        Bulkhead(int shareSize, int gradingSize) {
            this.shareSize = shareSize;
            this.gradingSize = gradingSize;
            this.share = new Semaphore(shareSize, true);
            this.grading = new Semaphore(gradingSize, true);
        }

        AtomicInteger waiting(CallKind kind) {
            return kind == CallKind.GRADE ? gradesWaiting : previewsWaiting;
        }

        /** Gives back what a call of this kind holds: its place among the grades (if it took one) and in the share. */
        void release(CallKind kind, boolean heldGrading, boolean heldShare) {
            if (heldShare) {
                share.release();
            }
            if (kind == CallKind.GRADE && heldGrading) {
                grading.release();
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** How the plugin has behaved, and its bulkhead now (as it will be set up, before its first call). */
    public PluginHealth health(String pluginId) {
        Counters c = counters.computeIfAbsent(pluginId, k -> new Counters());
        Bulkhead b = bulkheads.get(pluginId);
        int share = b == null ? settings.shareOf(pluginId) : b.shareSize;
        return new PluginHealth(pluginId, c.calls.get(), c.timeouts.get(), c.abandoned.get(), c.failures.get(),
                c.healthy.get(), share, b == null ? share : b.gradingSize, b == null ? 0 : b.running.get(),
                b == null ? 0 : b.gradesWaiting.get() + b.previewsWaiting.get());
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
