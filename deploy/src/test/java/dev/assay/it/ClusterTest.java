package dev.assay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster test (issue 16), run by {@code scripts/cluster-test}: three nodes of the built WAR started with
 * {@code ./assay serve --cluster} on loopback, one PostgreSQL, Debian's HAProxy in front with
 * {@code deploy/cluster/haproxy.cfg}, and the test LMS of the system tests (real signed id_tokens, an AGS endpoint that
 * records every score it takes). Checks, each printed PASS or FAIL with what it saw:
 * <ol>
 *   <li>the nodes form one cluster of three (each node's /health/ready lists three members and their published state);</li>
 *   <li>N LTI launches and submissions spread over the nodes through HAProxy (login on one node, launch often on another),
 *   and every score reaches the LMS exactly once;</li>
 *   <li>grading throughput through HAProxy with 1, 2 and 3 nodes (printed as a table);</li>
 *   <li>a node killed with SIGKILL while it holds outbox claims (its score POSTs hanging at the LMS): the survivors send
 *   its scores after the claims' lease, every student's newest score reaches the LMS once; the takeover time;</li>
 *   <li>the killed node started again rejoins (three members again);</li>
 *   <li>Regrades across nodes (work items with leases): a node killed while it runs a regrade; the survivors finish it,
 *   every answer regraded exactly once, and every node reports the same progress.</li>
 * </ol>
 * Ends with {@code cluster: N passed, N failed} and exit status 1 on any failure. Settings: system properties
 * (see {@code scripts/cluster-test}).
 */
public final class ClusterTest {
    static final String QUESTION = "hw7/7b-teacher-forcing";
    static final String RIGHT = "<sos> I see a dog";
    static final String WRONG = "<sos> I saw a dog";

    final Path root = Path.of(System.getProperty("cluster.root", ".")).toAbsolutePath();
    final Path work = Path.of(System.getProperty("cluster.work", "target/cluster-test")).toAbsolutePath();
    final int launches = Integer.getInteger("cluster.launches", 1000);
    final int benchRequests = Integer.getInteger("cluster.bench.requests", 2000);
    final int clients = Integer.getInteger("cluster.clients", 16);
    final int killStudents = Integer.getInteger("cluster.kill.students", 30);
    final long leaseMillis = Long.getLong("cluster.lease.millis", 15000);
    final int regradeWaitSeconds = Integer.getInteger("cluster.regrade.wait.seconds", 120);
    /** Answers of the regrade bench (seeded in PostgreSQL, regraded with 3, 2 and 1 nodes); 0: no bench. */
    final int regradeAnswers = Integer.getInteger("cluster.regrade.answers", 0);
    /** The bench's rounds: how many nodes each has, in order (each round stops nodes, none is started again). */
    final int[] regradeRounds = java.util.Arrays.stream(System.getProperty("cluster.regrade.rounds", "3,2,1").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    /** Only the nodes and the regrade bench (for measuring it again without the other checks). */
    final boolean regradeBenchOnly = Boolean.getBoolean("cluster.regrade.bench.only");
    /** A JFR recording (settings=profile) of node1 during the bench's one-node round, in the work folder. */
    final boolean jfr = Boolean.getBoolean("cluster.jfr");
    final String dbUrl = System.getProperty("cluster.db.url", "jdbc:postgresql://127.0.0.1:5432/i16_cluster_test");
    final String dbUser = System.getProperty("cluster.db.user", "assay");
    final String dbPassword = System.getProperty("cluster.db.password", "assay");
    final int lbPort = Integer.getInteger("cluster.lb.port", 18500);
    final int[] httpPorts = {18511, 18512, 18513};
    final int[] gridPorts = {18600, 18601, 18602};

    final Process[] nodes = new Process[3];
    Process haproxy;
    TestPlatform lms;
    final List<String[]> results = new ArrayList<>();
    final Map<String, String> figures = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        ClusterTest t = new ClusterTest();
        // Nodes and HAProxy stop with the test, also when it is interrupted (Ctrl-C, a CI timeout's SIGTERM).
        Runtime.getRuntime().addShutdownHook(new Thread(t::stopAll));
        int failed = 1;
        try {
            failed = t.run();
        } catch (Throwable e) {
            System.out.println("FAIL the cluster could not be set up: " + e);
            e.printStackTrace(System.out);
            System.out.println("cluster: " + t.results.stream().filter(r -> r[0].equals("PASS")).count() + " passed, "
                    + (t.results.stream().filter(r -> r[0].equals("FAIL")).count() + 1) + " failed");
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    String lb() {
        return "http://127.0.0.1:" + lbPort;
    }

    String node(int i) {
        return "http://127.0.0.1:" + httpPorts[i];
    }

    int run() throws Exception {
        Files.createDirectories(work);
        lms = new TestPlatform(lb());
        System.out.printf("cluster-test: %d launches, %d requests per throughput round, %d clients; work in %s%n", launches,
                benchRequests, clients, work);
        long t0 = System.nanoTime();
        startNode(0);
        figures.put("first node ready (schema, packs, keys)", secs(t0));
        long t1 = System.nanoTime();
        Thread second = new Thread(() -> startNodeUnchecked(1));
        second.start();
        startNode(2);
        second.join();
        figures.put("nodes 2 and 3 ready (started together)", secs(t1));
        startHaproxy();

        check("three members", this::members);
        if (regradeBenchOnly) {
            check("regrade of " + regradeAnswers + " answers with " + nodeCounts() + " nodes", this::regradeBench);
            return report();
        }
        check(launches + " launches and submissions through HAProxy, each score delivered once", this::launchesAndScores);
        check("throughput with 1, 2 and 3 nodes", this::throughput);
        memory();
        check("SIGKILL of a node holding outbox claims: survivors deliver every newest score once", this::killWhileHoldingClaims);
        check("the killed node rejoins", this::rejoin);
        check("regrade across nodes: a node killed mid-regrade, every answer regraded exactly once", this::killDuringRegrade);
        if (regradeAnswers > 0) {
            check("regrade of " + regradeAnswers + " answers with " + nodeCounts() + " nodes", this::regradeBench);
        }
        return report();
    }

    int report() {
        System.out.println();
        System.out.println("figures:");
        figures.forEach((k, v) -> System.out.printf("  %-60s %s%n", k, v));
        long passed = results.stream().filter(r -> r[0].equals("PASS")).count();
        long failed = results.size() - passed;
        System.out.println();
        results.forEach(r -> System.out.println(r[0] + "  " + r[1]));
        System.out.printf("cluster: %d passed, %d failed%n", passed, failed);
        return (int) failed;
    }

    interface Check {
        String run() throws Exception;
    }

    void check(String name, Check c) {
        long t = System.nanoTime();
        System.out.println();
        System.out.println("== " + name);
        try {
            String detail = c.run();
            results.add(new String[] {"PASS", name + " (" + secs(t) + "): " + detail});
            System.out.println("PASS " + name + ": " + detail);
        } catch (Throwable e) {
            results.add(new String[] {"FAIL", name + " (" + secs(t) + "): " + e.getMessage()});
            System.out.println("FAIL " + name + ": " + e);
            e.printStackTrace(System.out);
        }
    }

    static String secs(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Processes

    void startNodeUnchecked(int i) {
        try {
            startNode(i);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Node i (0..2) with {@code ./assay serve --cluster}, its own data folder; waits until it is ready. */
    void startNode(int i) throws Exception {
        Path data = work.resolve("node" + (i + 1));
        Files.createDirectories(data);
        ProcessBuilder pb = new ProcessBuilder(root.resolve("assay").toString(), "serve", "--cluster", "--port",
                String.valueOf(httpPorts[i]), "--bind", "127.0.0.1").directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("ASSAY_DATA_DIR", data.toString());
        env.put("ASSAY_DB_URL", dbUrl);
        env.put("ASSAY_DB_USER", dbUser);
        env.put("ASSAY_DB_PASSWORD", dbPassword);
        env.put("ASSAY_ADMIN_TOKEN", ServerIT.TOKEN);
        env.put("ASSAY_CLUSTER_NAME", "assay-cluster-test");
        env.put("ASSAY_CLUSTER_ADDRESS", "127.0.0.1");
        env.put("ASSAY_CLUSTER_PORT", String.valueOf(gridPorts[i]));
        env.put("ASSAY_CLUSTER_MEMBERS", "127.0.0.1:" + gridPorts[0] + ",127.0.0.1:" + gridPorts[1] + ",127.0.0.1:" + gridPorts[2]);
        env.put("ASSAY_NODE_NAME", "node" + (i + 1));
        env.put("ASSAY_LTI_PUBLIC_URL", lb());
        env.put("ASSAY_LTI_PLATFORMS", Json.json().writeValueAsString(List.of(lms.registration())));
        env.put("ASSAY_OUTBOX_POLL_MILLIS", "200");
        env.put("ASSAY_OUTBOX_START_GRACE_MILLIS", "0");
        env.put("ASSAY_OUTBOX_RETRY_BASE_MILLIS", "500");
        env.put("ASSAY_OUTBOX_RETRY_MAX_MILLIS", "2000");
        env.put("ASSAY_OUTBOX_CLAIM_LEASE_MILLIS", String.valueOf(leaseMillis));
        // The same lease for regrade items: a killed node's items are taken over after it, not after the default minute.
        env.put("ASSAY_REGRADE_ITEM_LEASE_MILLIS", String.valueOf(leaseMillis));
        env.put("ASSAY_CLUSTER_PUBLISH_MILLIS", "2000");
        env.putIfAbsent("ASSAY_JAVA_OPTS", "-Xmx1g");
        Process p = pb.start();
        nodes[i] = p;
        waitFor("node" + (i + 1) + " ready (see " + data.resolve("server.log") + ")", 240, () -> {
            require(p.isAlive(), "node" + (i + 1) + " exited with " + (p.isAlive() ? "" : p.exitValue()) + ", see "
                    + data.resolve("server.log"));
            return status(node(i) + "/health/ready") == 200;
        });
        System.out.printf("node%d ready: http %d, grid %d, pid %d%n", i + 1, httpPorts[i], gridPorts[i], p.pid());
    }

    void startHaproxy() throws Exception {
        Path cluster = root.resolve("deploy/cluster");
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("cluster.haproxy", "haproxy"), "-db",
                "-f", cluster.resolve("haproxy.cfg").toString(), "-f", cluster.resolve("haproxy-bench.cfg").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("haproxy.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("ASSAY_LB_BIND", "127.0.0.1:" + lbPort);
        env.put("ASSAY_LB_BIND_1", "127.0.0.1:" + (lbPort + 1));
        env.put("ASSAY_LB_BIND_2", "127.0.0.1:" + (lbPort + 2));
        for (int i = 0; i < 3; i++) {
            env.put("ASSAY_NODE" + (i + 1), "127.0.0.1:" + httpPorts[i]);
        }
        haproxy = pb.start();
        // Each node answered by HAProxy at least once: all three are in rotation.
        java.util.Set<String> seen = ConcurrentHashMap.newKeySet();
        waitFor("HAProxy to route to all three nodes (see " + work.resolve("haproxy.log") + ")", 60, () -> {
            require(haproxy.isAlive(), "haproxy exited, see " + work.resolve("haproxy.log"));
            try {
                HttpResponse<String> r = get(lb() + "/health/ready");
                r.headers().firstValue("X-Assay-Node").ifPresent(seen::add);
            } catch (Exception notYet) {
                // starting
            }
            return seen.size() == 3;
        });
        System.out.println("haproxy on " + lbPort + " (one node: " + (lbPort + 1) + ", two: " + (lbPort + 2) + "), pid " + haproxy.pid());
    }

    synchronized void stopAll() {
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : nodes) {
            try {
                if (p != null && !p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (haproxy != null) {
            haproxy.destroy();
        }
        if (lms != null) {
            lms.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP and SQL

    static HttpResponse<String> get(String url) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        b.header("Authorization", "Bearer " + ServerIT.TOKEN);
        return LtiClient.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int status(String url) {
        try {
            return get(url).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.json().readTree(r.body());
    }

    /** The cluster entry of a node's /health/ready. */
    static JsonNode clusterHealth(String node) throws Exception {
        for (JsonNode c : json(get(node + "/health/ready")).path("checks")) {
            if (c.path("name").asText().equals("cluster")) {
                return c.path("data");
            }
        }
        throw new AssertionError(node + "/health/ready has no cluster entry");
    }

    Connection db() throws Exception {
        return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
    }

    long scalar(String sql, Object... args) throws Exception {
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Until the condition holds, for at most {@code seconds}: the system tests' {@link Await}. */
    static void waitFor(String what, int seconds, Await.Check done) throws Exception {
        Await.until(what, seconds, done);
    }

    /**
     * Until no score is left to send (none PENDING): from then on no node delivers anything, so a score the LMS took twice
     * would be there to see. (The checks waited a fixed 3 s for that before.)
     */
    void nothingLeftToSend() throws Exception {
        waitFor("no score left PENDING in the outbox", 120, () -> scalar("SELECT count(*) FROM score_outbox WHERE state = 'PENDING'") == 0);
    }

    interface Task {
        void run(int i) throws Exception;
    }

    /** Runs n tasks on the clients' threads; the first failure, if any, after all ended. */
    void parallel(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> {
                    task.run(k);
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception x ? x : new Exception(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks

    String members() throws Exception {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            int k = i;
            // Each node publishes its state every 2 s: wait until every node shows three members and three states.
            waitFor("node" + (i + 1) + " to list three members with their state", 30, () -> {
                try {
                    JsonNode d = clusterHealth(node(k));
                    return d.path("members").asInt() == 3 && d.toString().split(" process\"", -1).length - 1 == 3;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode d = clusterHealth(node(i));
            seen.append(i == 0 ? "" : "; ").append("node").append(i + 1).append(": ").append(d.path("members").asInt())
                    .append(" members");
        }
        JsonNode d = clusterHealth(node(0));
        System.out.println("node1's /health/ready cluster entry: " + d.toPrettyString());
        return seen + "; e.g. " + d.path("member 1").asText() + ", " + d.path("member 2").asText() + ", " + d.path("member 3").asText();
    }

    Map<String, Object> agsClaims(int lineitem) {
        return Map.of(LtiClient.CUSTOM, Map.of("assignment", "hw7/hw7"), LtiClient.AGS,
                Map.of("scope", List.of(LtiClient.SCORE_SCOPE), "lineitem", lms.lineitem(lineitem)));
    }

    /** Login and launch through HAProxy; the session, and which nodes took the login and the launch. */
    String[] launch(LtiClient assay, String sub, String link) throws Exception {
        HttpResponse<String> login = assay.send("POST", "/lti/login", "application/x-www-form-urlencoded", LtiClient.form(Map.of(
                "iss", lms.issuer, "login_hint", sub, "target_link_uri", assay.root + "/lti/launch", "client_id", lms.clientId,
                "lti_deployment_id", lms.deploymentId)), null);
        require(login.statusCode() == 302, "login answered " + login.statusCode() + ": " + login.body());
        Map<String, String> q = TestPlatform.form(URI.create(login.headers().firstValue("Location").orElseThrow()).getRawQuery());
        String token = lms.idToken(q.get("nonce"), sub, link, List.of(LtiClient.LEARNER), agsClaims(7));
        HttpResponse<String> page = assay.send("POST", "/lti/launch", "application/x-www-form-urlencoded",
                LtiClient.form(Map.of("id_token", token, "state", q.get("state"))), null);
        require(page.statusCode() == 200, "launch answered " + page.statusCode() + ": " + page.body());
        return new String[] {LtiClient.session(page.body()), login.headers().firstValue("X-Assay-Node").orElse("?"),
                page.headers().firstValue("X-Assay-Node").orElse("?")};
    }

    /** Scores the LMS took for users whose id starts so: user → how many. */
    Map<String, Integer> taken(String prefix) {
        Map<String, Integer> n = new TreeMap<>();
        for (JsonNode s : lms.scores) {
            String u = s.path("userId").asText();
            if (u.startsWith(prefix)) {
                n.merge(u, 1, Integer::sum);
            }
        }
        return n;
    }

    String launchesAndScores() throws Exception {
        LtiClient assay = new LtiClient(lb());
        Map<String, AtomicInteger> launchNodes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> submitNodes = new ConcurrentHashMap<>();
        AtomicInteger crossNode = new AtomicInteger();
        int refusedBefore = lms.refusedNotLater.get();
        long t = System.nanoTime();
        parallel(launches, i -> {
            String[] s = launch(assay, "spread-" + i, "link-spread");
            launchNodes.computeIfAbsent(s[2], k -> new AtomicInteger()).incrementAndGet();
            if (!s[1].equals(s[2])) {
                crossNode.incrementAndGet();
            }
            HttpResponse<String> r = assay.submit(s[0], QUESTION, RIGHT);
            require(r.statusCode() == 200, "submission answered " + r.statusCode() + ": " + r.body());
            submitNodes.computeIfAbsent(r.headers().firstValue("X-Assay-Node").orElse("?"), k -> new AtomicInteger())
                    .incrementAndGet();
        });
        double took = (System.nanoTime() - t) / 1e9;
        figures.put(launches + " launches + submissions through HAProxy, " + clients + " clients",
                String.format("%.1f s (%.0f launch+submit pairs/s)", took, launches / took));
        long sent = System.nanoTime();
        waitFor("every score at the LMS", 300, () -> taken("spread-").size() == launches);
        figures.put("all " + launches + " scores at the LMS, after the last submission", secs(sent));
        nothingLeftToSend();
        Map<String, Integer> n = taken("spread-");
        List<String> twice = n.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList();
        require(n.size() == launches, n.size() + " of " + launches + " students' scores arrived");
        require(twice.isEmpty(), "delivered more than once: " + twice);
        require(lms.refusedNotLater.get() == refusedBefore, "scores sent again and refused as not later: "
                + (lms.refusedNotLater.get() - refusedBefore));
        require(launchNodes.size() == 3, "launches reached " + launchNodes.keySet() + ", not all three nodes");
        require(crossNode.get() > 0, "no launch landed on another node than its login");
        return "launches per node " + counts(launchNodes) + ", submissions per node " + counts(submitNodes) + ", " + crossNode.get()
                + " launches on another node than their login; " + n.size() + " scores, each once";
    }

    static String counts(Map<String, AtomicInteger> m) {
        return new TreeMap<>(m).toString();
    }

    String throughput() throws Exception {
        StringBuilder table = new StringBuilder(String.format("%n  %-6s %-10s %-9s %-9s %-9s%n", "nodes", "req/s", "p50 ms",
                "p99 ms", "errors"));
        int[] ports = {lbPort + 1, lbPort + 2, lbPort};
        double[] rates = new double[3];
        for (int k = 0; k < 3; k++) {
            LtiClient assay = new LtiClient("http://127.0.0.1:" + ports[k]);
            // Warm-up, then the measured round: REST submissions of the token-sequence question (graded on the spot).
            round(assay, "warm-" + k, Math.min(300, benchRequests / 4));
            long t = System.nanoTime();
            long[] lat = round(assay, "bench-" + k, benchRequests);
            double s = (System.nanoTime() - t) / 1e9;
            long errors = lat[lat.length - 1];
            long[] sorted = java.util.Arrays.copyOf(lat, lat.length - 1);
            java.util.Arrays.sort(sorted);
            rates[k] = benchRequests / s;
            table.append(String.format("  %-6d %-10.0f %-9.1f %-9.1f %-9d%n", k + 1, rates[k], sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, errors));
            require(errors == 0, errors + " submissions failed with " + (k + 1) + " nodes");
        }
        System.out.print("grading throughput through HAProxy (REST submit + grade + store, " + QUESTION + ", " + clients
                + " clients, " + benchRequests + " requests):" + table);
        figures.put("grading throughput 1 / 2 / 3 nodes (req/s)", String.format("%.0f / %.0f / %.0f", rates[0], rates[1], rates[2]));
        return String.format("%.0f, %.0f, %.0f submissions/s", rates[0], rates[1], rates[2]);
    }

    /** n REST submissions by distinct users; their latencies in ns, and the number that failed last. */
    long[] round(LtiClient assay, String prefix, int n) throws Exception {
        long[] lat = new long[n + 1];
        AtomicInteger errors = new AtomicInteger();
        parallel(n, i -> {
            long t = System.nanoTime();
            HttpResponse<String> r = assay.send("POST", "/api/questions/" + QUESTION + "/submissions", "application/json",
                    "{\"user\": \"" + prefix + "-" + i + "\", \"answer\": \"" + (i % 2 == 0 ? RIGHT : WRONG) + "\"}", ServerIT.TOKEN);
            lat[i] = System.nanoTime() - t;
            if (r.statusCode() != 201) {
                errors.incrementAndGet();
            }
        });
        lat[n] = errors.get();
        return lat;
    }

    void memory() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            m.append(i == 0 ? "" : " / ").append(rssMiB(nodes[i])).append(" MiB");
        }
        figures.put("resident memory per node after the throughput rounds (node1 / 2 / 3)", m.toString());
    }

    static long rssMiB(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Process id (ThisProcess.ID, as outbox claims and regrades name it) → node index, from the nodes' /health. */
    Map<String, Integer> processes() throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            if (nodes[i] == null || !nodes[i].isAlive()) {
                continue;
            }
            JsonNode d = clusterHealth(node(i));
            String me = null;
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("member ") && e.getValue().asText().endsWith(" (this node)")) {
                    me = e.getValue().asText().replace(" (this node)", "");
                }
            }
            require(me != null && d.has(me + " process"), "node" + (i + 1) + "'s health names neither itself nor its process: " + d);
            m.put(d.path(me + " process").asText(), i);
        }
        return m;
    }

    int killedNode = -1;

    String killWhileHoldingClaims() throws Exception {
        LtiClient assay = new LtiClient(lb());
        Map<String, Integer> processes = processes();
        require(processes.size() == 3, "three processes expected, saw " + processes);
        // The LMS holds every score POST from now: each node's lane claims a score and waits inside its POST.
        CountDownLatch hang = new CountDownLatch(1);
        lms.hungAreLost = true;
        lms.hangScores = hang;
        int hangingBefore = lms.scoresHanging.get();
        // Each student answers wrong, then right: the newest score (1.0) is the one that must arrive, once.
        List<String[]> sessions = Collections.synchronizedList(new ArrayList<>());
        parallel(killStudents, i -> {
            String[] s = launch(assay, "kill-" + i, "link-kill");
            sessions.add(s);
            require(assay.submit(s[0], QUESTION, WRONG).statusCode() == 200, "first answer refused");
            require(assay.submit(s[0], QUESTION, RIGHT).statusCode() == 200, "second answer refused");
        });
        waitFor("score POSTs hanging at the LMS", 20, () -> lms.scoresHanging.get() - hangingBefore >= 2);
        Thread.sleep(500);
        Map<Integer, List<Long>> claims = new TreeMap<>();
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "SELECT id, claimed_by FROM score_outbox WHERE state = 'PENDING' AND claimed_until > now()")) {
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    Integer node = processes.get(r.getString(2));
                    if (node != null) {
                        claims.computeIfAbsent(node, k -> new ArrayList<>()).add(r.getLong(1));
                    }
                }
            }
        }
        require(!claims.isEmpty(), "no node holds an outbox claim while the LMS hangs");
        int victim = claims.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
        List<Long> held = claims.get(victim);
        System.out.println("claims held per node (index from 0): " + claims + "; killing node" + (victim + 1) + " (pid "
                + nodes[victim].pid() + ") with SIGKILL");
        long killedAt = System.nanoTime();
        nodes[victim].destroyForcibly();
        nodes[victim].waitFor();
        killedNode = victim;
        // The hung POSTs end without reaching the gradebook (the killed node's connection is gone; the survivors' are
        // answered 503 and tried again). Score POSTs from now are answered at once.
        lms.hangScores = null;
        hang.countDown();
        String heldIds = held.toString().replaceAll("[\\[\\] ]", "");
        waitFor("the killed node's claimed scores delivered by the survivors", (int) (leaseMillis / 1000) + 90, () -> {
            try {
                return scalar("SELECT count(*) FROM score_outbox WHERE id IN (" + heldIds + ") AND state = 'PENDING'") == 0;
            } catch (Exception e) {
                return false;
            }
        });
        String takeover = secs(killedAt);
        figures.put("takeover: SIGKILL until the killed node's claimed scores are sent (lease " + leaseMillis / 1000 + " s)", takeover);
        waitFor("every student's newest score at the LMS", 120, () -> {
            for (int i = 0; i < killStudents; i++) {
                JsonNode held2 = lms.gradebook.get("/lineitems/7/lineitem/scores kill-" + i);
                if (held2 == null || held2.path("scoreGiven").asDouble() != 1.0) {
                    return false;
                }
            }
            return true;
        });
        nothingLeftToSend();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < killStudents; i++) {
            String user = "kill-" + i;
            long newest = lms.scores.stream().filter(s -> s.path("userId").asText().equals(user)
                    && s.path("scoreGiven").asDouble() == 1.0).count();
            if (newest != 1) {
                wrong.add(user + ": newest score taken " + newest + " times");
            }
        }
        require(wrong.isEmpty(), String.join(", ", wrong));
        long states = scalar("SELECT count(*) FROM score_outbox WHERE id IN (" + heldIds + ") AND state <> 'DELIVERED'");
        return "node" + (victim + 1) + " killed holding " + held.size() + " claims (ids " + heldIds + "); taken over and sent in "
                + takeover + (states == 0 ? "" : " (" + states + " of them ended otherwise than DELIVERED: superseded)")
                + "; every one of " + killStudents + " students' newest score taken once";
    }

    String rejoin() throws Exception {
        require(killedNode >= 0, "no node was killed");
        long t = System.nanoTime();
        startNode(killedNode);
        waitFor("three members again", 60, () -> {
            try {
                return clusterHealth(node(0)).path("members").asInt() == 3 && clusterHealth(node(killedNode)).path("members").asInt() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        figures.put("killed node restarted until ready and a member again", secs(t));
        return "node" + (killedNode + 1) + " ready and three members again after " + secs(t);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Regrades across nodes (issue 16): a regrade is cut into work items in the database that every node's workers
    // claim under a lease; the node that began it is killed, the survivors take its items over after the lease.

    String killDuringRegrade() throws Exception {
        long assignment = json(get(lb() + "/api/assignments?pack=hw7")).get(0).path("id").asLong();
        // A new configuration of the token question (case-sensitive flipped): every answer of it needs regrading.
        JsonNode current = json(get(lb() + "/api/questions/" + QUESTION + "/config"));
        ObjectNode config = (ObjectNode) current.path("config").deepCopy();
        config.put("caseSensitive", !config.path("caseSensitive").asBoolean());
        LtiClient assay = new LtiClient(lb());
        HttpResponse<String> put = assay.send("PUT", "/api/questions/" + QUESTION + "/config", "application/json",
                Json.json().writeValueAsString(Map.of("config", config, "reason", "cluster test: a regrade across nodes")), ServerIT.TOKEN);
        require(put.statusCode() == 200, "config change answered " + put.statusCode() + ": " + put.body());
        long answers = scalar("SELECT count(*) FROM submission WHERE question_id = ?", QUESTION);
        HttpResponse<String> started = assay.send("POST", "/api/assignments/" + assignment + "/regrades", null, null, ServerIT.TOKEN);
        require(started.statusCode() == 202, "regrade answered " + started.statusCode() + ": " + started.body());
        long regrade = json(started).path("executionId").asLong();
        String status = "/api/assignments/" + assignment + "/regrades/" + regrade;
        long t = System.nanoTime();
        waitFor("the regrade to have regraded something", 60, () -> {
            try {
                JsonNode now = json(get(lb() + status));
                return now.path("regraded").asLong() > 0 || !now.path("status").asText().startsWith("START");
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, Integer> processes = processes();
        String runner;
        try (Connection c = db(); PreparedStatement st = c.prepareStatement("SELECT runner FROM regrade WHERE id = ?")) {
            st.setLong(1, regrade);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                runner = r.getString(1);
            }
        }
        Integer victim = processes.get(runner);
        JsonNode before = json(get(lb() + status));
        require(victim != null, "the regrade's runner " + runner + " is none of the nodes " + processes);
        require("STARTED".equals(before.path("status").asText()), "the regrade (run by node" + (victim + 1) + ") of "
                + answers + " answers needing it had ended (" + before.path("status").asText() + ", " + before.path("regraded")
                + " regraded of " + before.path("toRegrade") + ") before a node could be killed"
                + (before.path("regraded").asLong() == 0 ? ": it found none to regrade (a node that did not take the "
                + "configuration change still holds the old one: each node rereads a changed pack within assay.catalog.poll-millis)" : ""));
        System.out.println("regrade " + regrade + " of " + answers + " answers of " + QUESTION + ": " + before.path("regraded").asLong()
                + " regraded; killing its runner node" + (victim + 1) + " with SIGKILL");
        long killedAt = System.nanoTime();
        nodes[victim].destroyForcibly();
        nodes[victim].waitFor();
        int survivor = (victim + 1) % 3;
        try {
            waitFor("the survivors to complete the regrade", regradeWaitSeconds, () -> {
                try {
                    return "COMPLETED".equals(json(get(node(survivor) + status)).path("status").asText());
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            JsonNode now = json(get(node(survivor) + status));
            throw new AssertionError(e.getMessage() + "; the regrade stays " + now.path("status").asText() + " with "
                    + now.path("regraded").asLong() + " regraded of " + now.path("toRegrade").asText() + " (a killed node's items are taken over " + leaseMillis
                    + " ms after its last heartbeat)");
        }
        String took = secs(killedAt);
        figures.put("regrade of " + answers + " answers, a node killed mid-way: completed after the kill", took);
        // One view whichever node is asked.
        List<String> views = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (nodes[i].isAlive()) {
                JsonNode v = json(get(node(i) + status));
                views.add(v.path("status").asText() + " " + v.path("regraded").asLong() + "/" + v.path("toRegrade").asText());
            }
        }
        require(views.stream().distinct().count() == 1, "the nodes disagree about the regrade: " + views);
        long twice = scalar("SELECT count(*) FROM (SELECT submission_id FROM grade WHERE regrade_id = ? GROUP BY submission_id "
                + "HAVING count(*) > 1) x", regrade);
        long once = scalar("SELECT count(DISTINCT submission_id) FROM grade WHERE regrade_id = ?", regrade);
        require(twice == 0, twice + " answers regraded more than once");
        require(once == answers, once + " of " + answers + " answers regraded");
        figures.put("regrade, whole run", secs(t));
        startNode(victim);
        return answers + " answers each regraded once; completed " + took + " after the kill; every node says " + views.get(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The regrade bench (issue 16): N real hw7 answers of the questions that train no model, varied per student and
    // seeded straight into PostgreSQL, regraded by the assignment's regrade with 3, then 2, then 1 node (the others
    // stopped); timed from the POST to COMPLETED as the API reports it.

    String regradeBench() throws Exception {
        for (int i = 0; i < 3; i++) {
            if (nodes[i] == null || !nodes[i].isAlive()) {
                startNode(i);
            }
        }
        long assignment = json(get(node(0) + "/api/assignments?pack=hw7")).get(0).path("id").asLong();
        long t = System.nanoTime();
        RegradeSeed seed;
        try (Connection c = db()) {
            seed = RegradeSeed.seed(c, root, regradeAnswers, "regrade-bench-");
        }
        String seeded = secs(t);
        System.out.printf("seeded %d answers (%d distinct texts) of %d students in %s: %s%n", seed.answers, seed.distinct,
                seed.students, seeded, seed.perQuestion);
        figures.put("regrade bench: " + seed.answers + " answers seeded by COPY (" + seed.distinct + " distinct)", seeded);
        StringBuilder table = new StringBuilder(String.format("%n  %-6s %-8s %-9s %-10s %-26s %-8s%n", "nodes", "answers",
                "seconds", "answers/s", "node CPU s (1/2/3)", "db CPU s"));
        List<String> rates = new ArrayList<>();
        long previous = -1;
        for (int k : regradeRounds) {
            for (int i = k; i < 3; i++) {
                if (nodes[i].isAlive()) {
                    nodes[i].destroy();
                    require(nodes[i].waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "node" + (i + 1) + " did not stop");
                }
            }
            if (previous >= 0) {
                try (Connection c = db()) {
                    seed.reset(c);
                }
            }
            Path recording = work.resolve("node1-regrade-1-node.jfr");
            if (k == 1 && jfr) {
                jcmd(nodes[0], "JFR.start", "name=regrade", "settings=profile", "filename=" + recording);
            }
            long[] cpuBefore = new long[3];
            for (int i = 0; i < k; i++) {
                cpuBefore[i] = cpuTicks(nodes[i].pid());
            }
            long dbBefore = postgresTicks();
            LtiClient assay = new LtiClient(node(0));
            long t0 = System.nanoTime();
            HttpResponse<String> started = assay.send("POST", "/api/assignments/" + assignment + "/regrades", null, null, ServerIT.TOKEN);
            require(started.statusCode() == 202, "regrade answered " + started.statusCode() + ": " + started.body());
            long regrade = json(started).path("executionId").asLong();
            String status = node(0) + "/api/assignments/" + assignment + "/regrades/" + regrade;
            JsonNode end = null;
            long limit = t0 + Math.max(600, regradeAnswers / 20) * 1_000_000_000L;
            while (System.nanoTime() < limit) {
                JsonNode now = json(get(status));
                if (!now.path("status").asText().startsWith("START")) {
                    end = now;
                    break;
                }
                Thread.sleep(500); // each look counts the regrade's grades: not so often that it slows the regrade
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            StringBuilder cpu = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                cpu.append(i == 0 ? "" : " / ").append(i < k ? String.format("%.0f", (cpuTicks(nodes[i].pid()) - cpuBefore[i]) / 100.0) : "-");
            }
            double db = (postgresTicks() - dbBefore) / 100.0;
            if (k == 1 && jfr) {
                jcmd(nodes[0], "JFR.stop", "name=regrade");
                System.out.println("JFR recording of node1's one-node round: " + recording);
            }
            require(end != null, "the regrade with " + k + " nodes did not end within the bench's limit: " + json(get(status)));
            require("COMPLETED".equals(end.path("status").asText()), "the regrade with " + k + " nodes ended " + end);
            long twice = scalar("SELECT count(*) FROM (SELECT submission_id FROM grade WHERE regrade_id = ? GROUP BY submission_id "
                    + "HAVING count(*) > 1) x", regrade);
            long once = scalar("SELECT count(DISTINCT submission_id) FROM grade WHERE regrade_id = ? AND submission_id BETWEEN ? AND ?",
                    regrade, seed.firstSubmission, seed.firstSubmission + seed.answers - 1);
            require(twice == 0, twice + " answers regraded more than once with " + k + " nodes");
            require(once == seed.answers, once + " of the " + seed.answers + " seeded answers regraded with " + k + " nodes");
            require(end.path("regraded").asLong() == seed.answers && end.path("toRegrade").asLong() == seed.answers,
                    "the API's counts with " + k + " nodes: regraded " + end.path("regraded") + ", toRegrade " + end.path("toRegrade")
                            + ", not " + seed.answers);
            long errors = scalar("SELECT count(*) FROM grade WHERE regrade_id = ? AND status = 'ERROR'", regrade);
            table.append(String.format("  %-6d %-8d %-9.1f %-10.0f %-26s %-8.0f%s%n", k, seed.answers, seconds, seed.answers / seconds,
                    cpu, db, errors == 0 ? "" : "  (" + errors + " graded ERROR)"));
            rates.add(String.format("%d nodes %.1f s (%.0f/s)", k, seconds, seed.answers / seconds));
            System.out.printf("regrade %d with %d nodes: %.1f s, %s%n", regrade, k, seconds, end);
            previous = regrade;
        }
        System.out.print("regrade of " + seed.answers + " seeded answers (hw7, no training plugin), POST to COMPLETED:" + table);
        figures.put("regrade of " + seed.answers + " answers, " + nodeCounts() + " nodes", String.join(", ", rates));
        return String.join(", ", rates) + "; each answer regraded exactly once per round";
    }

    /** The bench's node counts, as words: "3, 2 and 1". */
    String nodeCounts() {
        List<String> k = java.util.Arrays.stream(regradeRounds).mapToObj(String::valueOf).toList();
        return k.size() == 1 ? k.get(0) : String.join(", ", k.subList(0, k.size() - 1)) + " and " + k.get(k.size() - 1);
    }

    static void jcmd(Process p, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("jcmd", String.valueOf(p.pid())));
        cmd.addAll(List.of(command));
        Process j = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes());
        require(j.waitFor() == 0, "jcmd " + String.join(" ", command) + ": " + out);
    }

    /** CPU time of a process (user + system) in clock ticks (1/100 s), from /proc/pid/stat; 0 when gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of every PostgreSQL process on this machine (server and backends), in clock ticks. */
    static long postgresTicks() {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += cpuTicks(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }
}
