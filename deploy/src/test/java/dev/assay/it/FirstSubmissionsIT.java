package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * New students whose first answers arrive at the same moment (several tabs, a class at the bell): every answer is
 * stored and graded, none gets a 500, and the race for the student's row is not an error in the server's log. The
 * server runs as a process of its own (as RestartIT's), so that its log can be read; on the database the
 * environment names (a fresh H2 file by default, PostgreSQL with -Ppostgres).
 */
class FirstSubmissionsIT {
    static final int CLIENTS = 16;
    static final int STUDENTS = 48;
    static final int ANSWERS_EACH = 4;

    @Test
    void aNewStudentsAnswersSentAtOnceAreAllStoredWithoutAnErrorInTheLog() throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "first-submissions-it-" + System.nanoTime());
        Files.createDirectories(dir);
        int port = RestartIT.freePort();
        LtiClient assay = new LtiClient("http://127.0.0.1:" + port);
        Process server = RestartIT.start(port, dir, "first");
        try {
            long logBefore = Files.size(dir.resolve("server.log"));
            String run = Long.toString(System.nanoTime(), 36);
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long start = System.nanoTime();
            try {
                // CLIENTS / ANSWERS_EACH students at a time, each student's answers released together.
                for (int wave = 0; wave < STUDENTS * ANSWERS_EACH / CLIENTS; wave++) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> sent = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        String student = "new-" + run + "-" + (wave * CLIENTS + c) / ANSWERS_EACH;
                        String answer = c % 2 == 0 ? "<sos> I see a dog" : "I see a dog <eos>";
                        sent.add(clients.submit(() -> {
                            go.await();
                            HttpResponse<String> r = assay.send("POST", "/api/questions/hw7/7b-teacher-forcing/submissions",
                                    "application/json", Json.json().writeValueAsString(Map.of("user", student, "answer", answer)),
                                    ServerIT.TOKEN);
                            if (r.statusCode() != 201) {
                                failures.add(student + ": " + r.statusCode() + " " + r.body());
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : sent) {
                        f.get();
                    }
                }
            } finally {
                clients.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("first submissions: %d new students x %d answers sent at once by %d clients: %d failed, %.0f req/s%n",
                    STUDENTS, ANSWERS_EACH, CLIENTS, failures.size(), STUDENTS * ANSWERS_EACH / seconds);
            assertThat(failures).as("no request failed").isEmpty();
            for (int s = 0; s < STUDENTS; s++) {
                HttpResponse<String> mine = assay.send("GET", "/api/questions/hw7/7b-teacher-forcing/submissions?user=new-" + run + "-" + s,
                        null, null, ServerIT.TOKEN);
                assertThat(Json.json().readTree(mine.body())).as("student " + s + "'s answers, every one stored").hasSize(ANSWERS_EACH);
            }
            byte[] log = Files.readAllBytes(dir.resolve("server.log"));
            String during = new String(log, (int) logBefore, log.length - (int) logBefore, StandardCharsets.UTF_8);
            assertThat(during).as("an expected race is not an error in the log").doesNotContain("Exception").doesNotContain("SEVERE");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
