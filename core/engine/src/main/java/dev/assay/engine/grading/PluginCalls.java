package dev.assay.engine.grading;

import dev.assay.engine.plugin.LoadedPlugin;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one door into a plugin's code. Every call that does work in a plugin (a grade, a preview, the files a question
 * hands out or an answer carries, a configuration check, its status, what {@code eval} asks of it) runs here: on a
 * thread of the engine's own, with the plugin's class loader as the context loader, under a time limit, and with
 * whatever it throws contained, so the caller gets a value or a fault and never the plugin's exception.
 *
 * <p>A call that runs past its limit is interrupted. One that does not stop within the grace period is abandoned: its
 * thread keeps running, the caller gets its answer, the abandonment is counted, and a plugin abandoned
 * {@code hangsUntilUnhealthy} times is taken out of service until restart (it is then asked for nothing but its
 * status). What a plugin merely declares ({@link #declared}: its time limit, how many answers it grades at once) is
 * read on the caller's thread, under the plugin's class loader, with failures contained.
 */
public final class PluginCalls implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PluginCalls.class.getName());

    /** How a call ended without a value. */
    enum Fault { TIMED_OUT, FAILED, INTERRUPTED, SHUT_DOWN, OUT_OF_SERVICE }

    /** What one call gave: its value (possibly null: the caller decides what that means) or its fault. */
    record Outcome<T>(T value, Fault fault, Throwable cause) {
        boolean ok() {
            return fault == null;
        }

        /** The cause as a reader sees it: {@code IllegalStateException: grader exploded}. */
        String causeText() {
            return cause == null ? "" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
    }

    private final EngineSettings settings;
    private final ExecutorService threads;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final AtomicLong abandonedThreads = new AtomicLong();

    public PluginCalls(EngineSettings settings) {
        this.settings = settings;
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
     * Calls into the plugin for {@code what} it is asked to do ("prepare the file X.csv"), under {@code limit}. A null
     * value is the plugin's fault like an exception; a plugin out of service is not called.
     */
    public <T> PluginResult<T> call(LoadedPlugin plugin, String what, Duration limit, Callable<T> work) {
        Outcome<T> o = inService(plugin.id()) ? run(plugin, what, limit, work, () -> { })
                : new Outcome<>(null, Fault.OUT_OF_SERVICE, null);
        if (o.ok() && o.value() != null) {
            return PluginResult.of(o.value());
        }
        String grader = "The grader " + plugin.id();
        return switch (o.ok() ? Fault.FAILED : o.fault()) {
            case TIMED_OUT -> PluginResult.failed(GradingEngine.NOTE_TIMEOUT, grader + " took longer than its limit of "
                    + seconds(limit) + " to " + what + " and was stopped.");
            case FAILED -> PluginResult.failed(GradingEngine.NOTE_PLUGIN_FAILED, grader + " failed to " + what
                    + (o.ok() ? ": it gave nothing." : " (" + o.causeText() + ")."));
            case INTERRUPTED -> PluginResult.failed(GradingEngine.NOTE_TIMEOUT, grader + " was interrupted while asked to "
                    + what + ".");
            case SHUT_DOWN -> PluginResult.failed(GradingEngine.NOTE_BUSY, "The grading engine is shutting down.");
            case OUT_OF_SERVICE -> PluginResult.failed(GradingEngine.NOTE_PLUGIN_UNHEALTHY, grader
                    + " is out of service after it hung " + counters(plugin.id()).abandoned.get() + " times.");
        };
    }

    /**
     * Runs the call on a thread of its own under the plugin's class loader, and waits at most {@code limit} for it.
     * {@code release} runs exactly once: when the call ends, or when it is abandoned (a fresh thread then takes its
     * place, and whatever the caller held for it, a worker, a place in a bulkhead, is given back).
     */
    <T> Outcome<T> run(LoadedPlugin plugin, String context, Duration limit, Callable<T> work, Runnable release) {
        Counters c = counters(plugin.id());
        ReleaseOnce once = new ReleaseOnce(release);
        CountDownLatch finished = new CountDownLatch(1);
        ClassLoader pluginLoader = plugin.loader();
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
                    once.release();
                    finished.countDown(); // last: whoever waits on it sees the worker back
                }
            });
        } catch (RuntimeException rejected) {
            once.release();
            return new Outcome<>(null, Fault.SHUT_DOWN, rejected);
        }
        try {
            return new Outcome<>(future.get(limit.toMillis(), TimeUnit.MILLISECONDS), null, null);
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
            if (!stopped && once.release()) {
                // The stuck thread keeps running; a fresh one takes its place.
                abandonedThreads.incrementAndGet();
                long hangs = c.abandoned.incrementAndGet();
                LOG.warning(() -> "Grader " + plugin.id() + " ignored the interrupt (" + context + ") and was abandoned ("
                        + hangs + " so far)");
                if (hangs >= settings.hangsUntilUnhealthy() && c.healthy.compareAndSet(true, false)) {
                    LOG.severe(() -> "Grader " + plugin.id() + " is out of service after " + hangs + " hangs");
                }
            }
            return new Outcome<>(null, Fault.TIMED_OUT, e);
        } catch (ExecutionException e) {
            c.failures.incrementAndGet();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.log(Level.WARNING, "Grader " + plugin.id() + " failed (" + context + ")", cause);
            return new Outcome<>(null, Fault.FAILED, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome<>(null, Fault.INTERRUPTED, e);
        }
    }

    /**
     * Reads what the plugin declares about itself (its time limit, how many answers it grades at once): a getter,
     * read on the caller's thread under the plugin's class loader; one that throws or says nothing gives
     * {@code fallback}, with a warning.
     */
    public <T> T declared(LoadedPlugin plugin, String what, Supplier<T> read, T fallback) {
        Thread me = Thread.currentThread();
        ClassLoader previous = me.getContextClassLoader();
        me.setContextClassLoader(plugin.loader());
        try {
            T value = read.get();
            return value == null ? fallback : value;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "plugin " + plugin.id() + " failed in " + what + "; using the default", e);
            return fallback;
        } finally {
            me.setContextClassLoader(previous);
        }
    }

    /** True until the plugin has hung {@code hangsUntilUnhealthy} times. */
    public boolean inService(String pluginId) {
        return counters(pluginId).healthy.get();
    }

    Counters counters(String pluginId) {
        return counters.computeIfAbsent(pluginId, k -> new Counters());
    }

    /** Threads abandoned so far because their plugin ignored the interrupt. */
    public long abandonedThreads() {
        return abandonedThreads.get();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** How one plugin has behaved: its grades and previews, and the faults of every call. */
    static final class Counters {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong abandoned = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicBoolean healthy = new AtomicBoolean(true);
    }

    /** What a call holds, given back once: when it ends or when it is abandoned, whichever comes first. */
    private static final class ReleaseOnce {
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        ReleaseOnce(Runnable release) {
            this.release = release;
        }

        /** True for the one caller that gave it back. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            release.run();
            return true;
        }
    }
}
