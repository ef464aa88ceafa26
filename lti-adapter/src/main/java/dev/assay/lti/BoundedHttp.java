package dev.assay.lti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to an LMS with one deadline on the whole exchange (connecting, the headers and the last byte of the body)
 * and a cap on the body. Per-read timeouts are not enough: a platform that sends one byte every few seconds never
 * trips them, and held a launch for minutes (issue 11: 187 s for a JWKS that dripped).
 */
final class BoundedHttp {
    /** JWKS documents, tokens and line items are kilobytes. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration deadline;
    private final int maxBodyBytes;

    BoundedHttp(Duration deadline) {
        this(deadline, MAX_BODY_BYTES);
    }

    /** With a smaller cap on the body than {@link #MAX_BODY_BYTES}, for answers that are known to be small. */
    BoundedHttp(Duration deadline, int maxBodyBytes) {
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(deadline).build();
    }

    Duration deadline() {
        return deadline;
    }

    /** The answer, whole; an {@link HttpTimeoutException} when it is not complete within the deadline. */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> new Capped(maxBodyBytes));
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true); // aborts the exchange and closes its connection
            throw new HttpTimeoutException(request.method() + " " + request.uri() + " gave no complete answer within "
                    + deadline.toMillis() / 1000.0 + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(request.method() + " " + request.uri() + ": " + cause, cause);
        }
    }

    /** The body as UTF-8 text, refused (and the exchange cancelled) once it passes {@code max} bytes. */
    private static final class Capped implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("the answer is larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
