package dev.assay.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LTI launches against a running Assay, as an LMS's users would make them: a platform (JWKS over HTTP on
 * loopback) is registered, then for each launch a login initiation (POST /lti/login, the 302 read for state
 * and nonce), an RS256 id_token signed for that nonce, and the launch (POST /lti/launch, the hw7 page back).
 * Logins and tokens are prepared first; then {@code clients} threads fire the launches at once, each with its
 * own keep-alive connection. Prints launches per second and the latency percentiles of the launch requests.
 *
 * <p>Usage: LaunchLoad BASE_URL ADMIN_TOKEN CLIENTS LAUNCHES
 */
public final class LaunchLoad {
    private LaunchLoad() {
    }

    record Prepared(String idToken, String state) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        int clients = Integer.parseInt(args[2]);
        int launches = Integer.parseInt(args[3]);
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        byte[] keys = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, keys.length);
            ex.getResponseBody().write(keys);
            ex.close();
        });
        jwks.start();
        String issuer = "http://127.0.0.1:" + jwks.getAddress().getPort();
        String client = "bench-" + System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String reg = "{\"issuer\":\"" + issuer + "\",\"clientId\":\"" + client + "\",\"authUrl\":\"" + issuer + "/auth\","
                + "\"tokenUrl\":\"" + issuer + "/token\",\"jwksUrl\":\"" + issuer + "/jwks\",\"deploymentIds\":[\"d1\"]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/lti/admin/platforms"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(reg)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("registering the platform: " + r.statusCode() + " " + r.body());
        }
        int warm = Math.min(2000, launches / 3);
        System.out.printf("preparing %,d logins and id_tokens (%,d of them for warm-up)…%n", launches + warm, warm);
        List<Prepared> all = new ArrayList<>();
        long loginNanos = 0;
        for (int i = 0; i < launches + warm; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/lti/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                            "iss=" + enc(issuer) + "&login_hint=u&target_link_uri=" + enc(base + "/lti/launch") + "&client_id="
                                    + enc(client) + "&lti_deployment_id=d1")).build(), HttpResponse.BodyHandlers.ofString());
            loginNanos += System.nanoTime() - t0;
            if (login.statusCode() != 302) {
                throw new IllegalStateException("login: " + login.statusCode() + " " + login.body());
            }
            Map<String, String> q = query(URI.create(login.headers().firstValue("Location").orElseThrow()).getRawQuery());
            all.add(new Prepared(sign(key, issuer, client, q.get("nonce"), "student-" + (i % 200), "link-" + (i % 20)), q.get("state")));
        }
        System.out.printf("login initiation, one client: mean %.2f ms%n", loginNanos / 1e6 / (launches + warm));
        run(base, all.subList(0, warm), clients);
        int from = warm;
        for (int c : sweep(clients)) {
            int n = (launches) / sweep(clients).size();
            run(base, all.subList(from, from + n), c);
            from += n;
        }
        jwks.stop(0);
    }

    private static void run(String base, List<Prepared> work, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latency = new long[work.size()];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    URL url = URI.create(base + "/lti/launch").toURL();
                    for (int i; (i = next.getAndIncrement()) < work.size(); ) {
                        Prepared p = work.get(i);
                        byte[] body = ("id_token=" + enc(p.idToken()) + "&state=" + enc(p.state())).getBytes(StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        // A blocking keep-alive connection per client thread: cheaper for the load generator than
                        // the JDK HttpClient, which shares these two cores with the server.
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        conn.setDoOutput(true);
                        conn.setRequestMethod("POST");
                        conn.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                        conn.setFixedLengthStreamingMode(body.length);
                        try (OutputStream out = conn.getOutputStream()) {
                            out.write(body);
                        }
                        int status = conn.getResponseCode();
                        String page;
                        try (InputStream in = status < 400 ? conn.getInputStream() : conn.getErrorStream()) {
                            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                        latency[i] = System.nanoTime() - t0;
                        if (status != 200 || !page.contains("assay-session")) {
                            if (errors.getAndIncrement() < 3) {
                                System.err.println("launch " + i + ": " + status + " " + page.substring(0, Math.min(300, page.length())));
                            }
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(e);
                }
            });
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        System.out.printf("%d clients, %,d launches: %.0f launches/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                clients, work.size(), work.size() / seconds, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, errors.get());

    }

    /** A few smaller client counts before the one asked for, to show latency without queueing. */
    private static List<Integer> sweep(int clients) {
        return clients <= 4 ? List.of(clients) : List.of(4, 16, clients);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String sign(RSAKey key, String issuer, String client, String nonce, String sub, String link) throws Exception {
        Instant now = Instant.now();
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        JWTClaimsSet c = new JWTClaimsSet.Builder().issuer(issuer).audience(client).subject(sub).claim("nonce", nonce)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("name", "Student " + sub)
                .claim(lti + "message_type", "LtiResourceLinkRequest").claim(lti + "version", "1.3.0")
                .claim(lti + "deployment_id", "d1").claim(lti + "target_link_uri", "http://127.0.0.1/lti/launch")
                .claim(lti + "resource_link", Map.of("id", link)).claim(lti + "roles",
                        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"))
                .claim(lti + "custom", Map.of("assignment", "hw7/hw7")).build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).build(), c);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String q) {
        Map<String, String> m = new HashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
