package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The system tests' one way to wait: on state the test can see (the outbox through the API, what the test platform
 * received, a job's status, the server's readiness), checked again and again until it holds or the time is up, which
 * fails the test naming what it waited for and what it saw last. No test waits a fixed time and hopes.
 */
final class Await {
    /** Between two looks at the state: short against every wait here, long enough not to busy the server. */
    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** A condition on state; it may fail the test itself (an assertion) or throw. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** A look at some state. */
    interface Read<T> {
        T read() throws Exception;
    }

    /** Until the condition holds, for at most {@code seconds}. */
    static void until(String what, int seconds, Check condition) throws Exception {
        until(() -> what, Duration.ofSeconds(seconds), () -> condition.holds() ? Boolean.TRUE : null, v -> v != null);
    }

    /** Until what {@code read} gives is {@code done}, for at most {@code seconds}: the value that is. */
    static <T> T until(String what, int seconds, Read<T> read, Predicate<T> done) throws Exception {
        return until(() -> what, Duration.ofSeconds(seconds), read, done);
    }

    /** As {@link #until(String, int, Read, Predicate)}; {@code what} is asked for only when the time is up. */
    static <T> T until(Supplier<String> what, Duration within, Read<T> read, Predicate<T> done) throws Exception {
        Instant until = Instant.now().plus(within);
        T last = read.read();
        while (!done.test(last)) {
            if (!Instant.now().isBefore(until)) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what.get()
                        + (last == null ? "" : "; last seen: " + last));
            }
            Thread.sleep(POLL.toMillis());
            last = read.read();
        }
        return last;
    }

    /**
     * Until the server that {@code process} runs answers 200 at /health/ready on {@code port} (120 s at most); failing at
     * once if the process has ended. {@code output} says where to look (its log), asked for only on failure.
     */
    static void ready(Process process, int port, Read<String> output) throws Exception {
        Supplier<String> said = () -> {
            try {
                return output.read();
            } catch (Exception e) {
                return "(its output could not be read: " + e + ")";
            }
        };
        URI health = URI.create("http://127.0.0.1:" + port + "/health/ready");
        until(() -> "the server on port " + port + " to be ready:\n" + said.get(), Duration.ofSeconds(120), () -> {
            assertThat(process.isAlive()).as(() -> "the server exited:\n" + said.get()).isTrue();
            try {
                return LtiClient.HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException starting) {
                return 0;
            }
        }, status -> status == 200);
    }
}
