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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>The call itself goes through {@link PluginCalls}, the one door into plugins: a call that runs past its limit is
 * interrupted; one that does not stop within the grace period is abandoned, its worker and its share handed to a fresh
 * thread (so a stuck grader cannot starve the others), and a plugin abandoned {@code hangsUntilUnhealthy} times is
 * taken out of service until restart. Every failure becomes a {@link Grade} with status ERROR and a message;
 * nothing a plugin does makes this class throw.
 */
public final class GradingEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GradingEngine.class.getName());

    public static final String NOTE_TIMEOUT = "TIME_LIMIT";
    public static final String NOTE_PLUGIN_FAILED = "PLUGIN_FAILED";
    public static final String NOTE_PLUGIN_UNHEALTHY = "PLUGIN_UNHEALTHY";
    public static final String NOTE_BUSY = "ENGINE_BUSY";

    private final EngineSettings settings;
    private final PluginCalls calls;
    private final Semaphore slots;
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();

    public GradingEngine(EngineSettings settings) {
        this.settings = settings;
        this.calls = new PluginCalls(settings);
        this.slots = new Semaphore(settings.workers(), true);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** The door every call into a plugin goes through; grades and previews also wait here for a worker. */
    public PluginCalls calls() {
        return calls;
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
    private OptionalInt declaredConcurrency(LoadedPlugin p) {
        OptionalInt declared = calls.declared(p, "concurrency()", () -> p.plugin().concurrency(), OptionalInt.empty());
        if (declared.isPresent() && declared.getAsInt() < 1) {
            LOG.warning(() -> "plugin " + p.id() + " says it can grade " + declared.getAsInt() + " answers at once; "
                    + "ignored: it is limited by its share of the workers only");
            return OptionalInt.empty();
        }
        return declared;
    }

    /** Grades one answer. Never throws for anything the plugin or the answer does. */
    public GradeOutcome grade(ReadyQuestion question, Answer answer) {
        return grade(question, answer, Locale.ENGLISH);
    }

    public GradeOutcome grade(ReadyQuestion question, Answer answer, Locale locale) {
        return grade(question, answer, locale, Bulkhead.CallKind.GRADE);
    }

    /**
     * Grades one answer as a preview (an instructor trying a draft configuration): the very grade a student would get,
     * under the same limits, but as a preview in the plugin's bulkhead: it waits only for room in the plugin's share,
     * never behind the grades queued for what the plugin can grade at once, and takes none of those places. Never
     * throws for anything the plugin or the answer does.
     */
    public GradeOutcome preview(ReadyQuestion question, Answer answer) {
        return grade(question, answer, Locale.ENGLISH, Bulkhead.CallKind.PREVIEW);
    }

    private GradeOutcome grade(ReadyQuestion question, Answer answer, Locale locale, Bulkhead.CallKind kind) {
        long started = System.nanoTime();
        long seed = Seeds.of(question.id(), answer);
        Grade grade = gradeChecked(question, answer, locale, seed, kind);
        return new GradeOutcome(grade, question.plugin().id(), question.plugin().version(),
                Duration.ofNanos(System.nanoTime() - started), seed);
    }

    private Grade gradeChecked(ReadyQuestion question, Answer answer, Locale locale, long seed, Bulkhead.CallKind kind) {
        Optional<String> tooLarge = AnswerSizeCheck.problem(answer, settings.limits());
        if (tooLarge.isPresent()) {
            return Grade.invalid(AnswerSizeCheck.TOO_LARGE, tooLarge.get(), Echo.NONE);
        }
        GradingRequest<Record> request = request(question, answer, locale, seed);
        GraderPlugin<Record> plugin = question.plugin().typed();
        CallResult<Grade> result = call(question, kind, request.context().limits().timeLimit(),
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
        CallResult<Validation> result = call(question, Bulkhead.CallKind.PREVIEW, request.context().limits().timeLimit(),
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
        Limits limits = settings.limits().withTimeLimit(timeLimit(q));
        return new GradingRequest<>(q.id(), q.config(), q.expectedApproach(), answer,
                new GradingContext(seed, limits, locale, q.resources(), q.points()));
    }

    /** The question's time limit: the engine's, or more where its plugin asks for more, up to the most allowed. */
    public Duration timeLimit(ReadyQuestion q) {
        GraderPlugin<Record> plugin = q.plugin().typed();
        Duration limit = settings.limits().timeLimit();
        Optional<Duration> asked = calls.declared(q.plugin(), "timeLimit()", () -> plugin.timeLimit(q.config()),
                Optional.empty());
        if (asked.isPresent() && asked.get().compareTo(limit) > 0) {
            limit = asked.get().compareTo(settings.maxTimeLimit()) > 0 ? settings.maxTimeLimit() : asked.get();
        }
        return limit;
    }

    private record CallResult<T>(T value, Grade failure) {
    }

    private <T> CallResult<T> call(ReadyQuestion q, Bulkhead.CallKind kind, Duration limit, Callable<T> work) {
        String pluginId = q.plugin().id();
        PluginCalls.Counters c = calls.counters(pluginId);
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
        PluginCalls.Outcome<T> o = calls.run(q.plugin(), q.id(), limit, work, admission.permit::release);
        if (o.ok()) {
            return new CallResult<>(o.value(), null);
        }
        return new CallResult<>(null, switch (o.fault()) {
            case TIMED_OUT -> Grade.error(NOTE_TIMEOUT, "Grading took longer than the limit of "
                    + PluginCalls.seconds(limit) + " and was stopped. This is the grader's fault, not yours; "
                    + "your submission is kept and can be graded again.");
            case FAILED -> Grade.error(NOTE_PLUGIN_FAILED, "The grader " + pluginId + " failed (" + o.causeText()
                    + "). This is a fault in the grader, not in your answer; your submission is kept.");
            case INTERRUPTED -> Grade.error(NOTE_TIMEOUT, "Grading was interrupted.");
            case SHUT_DOWN, OUT_OF_SERVICE -> Grade.error(NOTE_BUSY, "The grading engine is shutting down.");
        });
    }

    private record Admission(Permit permit, Grade refusal) {
    }

    /**
     * Waits for a place among the plugin's grades (a grade only), then in the plugin's share, then for a worker. The
     * plugin's queue is bounded in length, and in time by the engine's queue wait plus the call's own limit, so a plugin
     * that may take minutes per answer has its answers wait that much longer, while another plugin's answers never stand
     * in its queue.
     */
    private Admission admit(Bulkhead bulkhead, Bulkhead.CallKind kind, String pluginId, Duration limit) {
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
            grading = kind != Bulkhead.CallKind.GRADE || bulkhead.grading.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
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

    /**
     * A worker and a place in a plugin's bulkhead, given back when the call ends or when it is abandoned, whichever
     * comes first ({@link PluginCalls#run} gives it back once).
     */
    private final class Permit {
        private final Bulkhead bulkhead;
        private final Bulkhead.CallKind kind;

        Permit(Bulkhead bulkhead, Bulkhead.CallKind kind) {
            this.bulkhead = bulkhead;
            this.kind = kind;
        }

        void release() {
            bulkhead.running.decrementAndGet();
            slots.release();
            bulkhead.release(kind, true, true);
        }
    }

    /** Status is read on every health probe: a plugin that cannot say within this is reported as not answering. */
    static final Duration STATUS_TIME_LIMIT = Duration.ofSeconds(2);

    /**
     * What the plugin reports about itself for health reports (the device it trains on, say), sorted by key; a plugin
     * that throws or does not answer in time says so under {@code statusError}. Asked even of a plugin out of service,
     * whose status may say why.
     */
    public Map<String, String> status(LoadedPlugin plugin) {
        PluginCalls.Outcome<Map<String, String>> o = calls.run(plugin, "status", STATUS_TIME_LIMIT,
                () -> plugin.plugin().status(), () -> { });
        if (o.ok()) {
            return o.value() == null ? Map.of() : new TreeMap<>(o.value());
        }
        return Map.of("statusError", o.fault() == PluginCalls.Fault.TIMED_OUT
                ? "no answer within " + PluginCalls.seconds(STATUS_TIME_LIMIT) : o.causeText());
    }

    /** How the plugin has behaved, and its bulkhead now (as it will be set up, before its first call). */
    public PluginHealth health(String pluginId) {
        PluginCalls.Counters c = calls.counters(pluginId);
        Bulkhead b = bulkheads.get(pluginId);
        int share = b == null ? settings.shareOf(pluginId) : b.shareSize;
        return new PluginHealth(pluginId, c.calls.get(), c.timeouts.get(), c.abandoned.get(), c.failures.get(),
                c.healthy.get(), share, b == null ? share : b.gradingSize, b == null ? 0 : b.running.get(),
                b == null ? 0 : b.gradesWaiting.get() + b.previewsWaiting.get());
    }

    /** Threads abandoned so far because their grader ignored the interrupt. */
    public long abandonedThreads() {
        return calls.abandonedThreads();
    }

    public int freeWorkers() {
        return slots.availablePermits();
    }

    @Override
    public void close() {
        calls.close();
    }
}
