package dev.assay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A question's analytics over many submissions, against a running Assay: seeds {@code submissions} answers over REST
 * (4 clients; {@code students} students, each answering a few times; answers drawn from {@code distinct} different ones,
 * a few common and a long tail, as a class answers), then times {@code calls} calls of
 * {@code GET /api/questions/{question}/analytics} one after another and prints their p50, p99 and max.
 *
 * <p>Usage: AnalyticsLoad BASE_URL ADMIN_TOKEN QUESTION SUBMISSIONS STUDENTS DISTINCT CALLS
 */
public final class AnalyticsLoad {
    private AnalyticsLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String question = args[2];
        int submissions = Integer.parseInt(args[3]);
        int students = Integer.parseInt(args[4]);
        int distinct = Integer.parseInt(args[5]);
        int calls = Integer.parseInt(args[6]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI submit = URI.create(base + "/api/questions/" + question + "/submissions");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long seedStart = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Future<?>[] running = new Future<?>[4];
        for (int c = 0; c < running.length; c++) {
            running[c] = clients.submit(() -> {
                Random random = new Random(next.get());
                for (int i = next.getAndIncrement(); i < submissions; i = next.getAndIncrement()) {
                    // Zipf-like: answer k with weight 1/(k+1); a few answers are most of the class's.
                    int k = (int) Math.min(distinct - 1, Math.floor(Math.pow(distinct + 1, random.nextDouble())) - 1);
                    String body = "{\"user\":\"bench-" + (i % students) + "\",\"answer\":\"answer " + k + "\"}";
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(submit).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        System.out.printf("seeded %d submissions (%d failed) from %d students, %d distinct answers, in %.1f s%n",
                submissions, failed.get(), students, distinct, (System.nanoTime() - seedStart) / 1e9);

        URI analytics = URI.create(base + "/api/questions/" + question + "/analytics");
        HttpRequest get = HttpRequest.newBuilder(analytics).header("Authorization", "Bearer " + token).GET().build();
        String last = "";
        for (int i = 0; i < Math.min(10, calls); i++) { // warm-up: the JIT, the database's caches
            last = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("analytics answered " + r.statusCode() + ": " + r.body());
            }
            last = r.body();
        }
        Arrays.sort(nanos);
        int total = last.indexOf("\"answerGroupsTotal\"");
        int groups = last.indexOf("\"answerGroups\"");
        System.out.println("answer: " + last.substring(0, Math.min(120, last.length())) + "… "
                + last.substring(groups, Math.min(groups + 160, last.length())) + "… " + last.substring(total));
        System.out.printf("GET analytics over %d submissions, %d calls: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", submissions,
                calls, nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, nanos[calls - 1] / 1e6);
    }
}
