package dev.assay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New students' first answers against a running Assay, as a class at the bell sends them: {@code clients} threads
 * (each with its own keep-alive connection) take students in turn, {@code answersEach} threads per student, and a
 * student's answers are released at the same moment (a barrier), so each student's row is raced for. Every student
 * is new. Prints requests per second, latency percentiles, and the failures by status (before issue 11's fix,
 * 14–35 % of such requests failed with 500).
 *
 * <p>Usage: FirstSubmissionLoad BASE_URL ADMIN_TOKEN QUESTION CLIENTS STUDENTS ANSWERS_EACH
 */
public final class FirstSubmissionLoad {
    private FirstSubmissionLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String question = args[2];
        int clients = Integer.parseInt(args[3]);
        int students = Integer.parseInt(args[4]);
        int answersEach = Integer.parseInt(args[5]);
        if (clients % answersEach != 0) {
            throw new IllegalArgumentException("CLIENTS must be a multiple of ANSWERS_EACH");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        URI url = URI.create(base + "/api/questions/" + question + "/submissions");
        int rounds = (students * answersEach + clients - 1) / clients;
        long[] latencies = new long[rounds * clients];
        Map<Integer, AtomicInteger> byStatus = new TreeMap<>();
        CyclicBarrier together = new CyclicBarrier(clients);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int round = 0; round < rounds; round++) {
                    int student = (round * clients + client) / answersEach;
                    String body = "{\"user\": \"first-" + run + "-" + student + "\", \"answer\": \"answer " + client % answersEach + "\"}";
                    int status;
                    try {
                        together.await(); // this round's students' answers leave together
                        long sent = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latencies[round * clients + client] = System.nanoTime() - sent;
                        status = r.statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    synchronized (byStatus) {
                        byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int total = sorted.length;
        int failed = total - byStatus.getOrDefault(201, new AtomicInteger()).get();
        System.out.printf("%d clients, %d new students x %d answers sent at once: %d requests, %.0f req/s, p50 %.1f ms, "
                        + "p99 %.1f ms, failed %d (%.1f %%), by status %s%n", clients, students, answersEach, total, total / seconds,
                sorted[total / 2] / 1e6, sorted[Math.min(total - 1, (int) (total * 0.99))] / 1e6, failed, 100.0 * failed / total,
                byStatus);
    }
}
