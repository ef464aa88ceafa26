package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./assay serve} as an operator runs it: one server per data folder, and a server that cannot start says why
 * in one line and ends, rather than staying up with nothing deployed.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent().resolve("assay");

    record Run(Process process, Path output) {
        String text() throws Exception {
            return Files.readString(output);
        }
    }

    /** The launcher with its own data folder, database (H2 in it unless {@code settings} say otherwise) and no packs. */
    static Run serve(Path data, int port, String name, Map<String, String> settings, String... options) throws Exception {
        Path out = data.getParent().resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        for (String inherited : List.of("ASSAY_DB_CLASS", "ASSAY_DB_URL", "ASSAY_DB_USER", "ASSAY_DB_PASSWORD",
                "ASSAY_ADMIN_TOKEN", "ASSAY_LTI_PLATFORMS")) {
            env.remove(inherited);
        }
        Files.createDirectories(data.getParent().resolve("empty"));
        env.put("ASSAY_DATA_DIR", data.toString());
        env.put("ASSAY_PACKS_DIR", data.getParent().resolve("empty").toString());
        env.put("ASSAY_PLUGINS_DIR", data.getParent().resolve("empty").toString());
        env.putAll(settings);
        return new Run(pb.start(), out);
    }

    static void awaitReady(Run run, int port) throws Exception {
        Await.ready(run.process(), port, run::text);
    }

    /** Ends within the time, with the status; the lines that say why it could not start. */
    static List<String> endsWith(Run run, int status, Duration within) throws Exception {
        boolean ended = run.process().waitFor(within.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            run.process().destroyForcibly().waitFor();
        }
        assertThat(ended).as("ended within " + within + ":\n" + run.text()).isTrue();
        assertThat(run.process().exitValue()).as(run.text()).isEqualTo(status);
        return run.text().lines().filter(l -> l.contains("cannot start")).toList();
    }

    @Test
    void aSecondServerOnTheSameDataFolderRefusesToStartAndTheFirstKeepsItsFiles() throws Exception {
        Path data = DurableWorkIT.freshDir("launcher-it").resolve("data");
        int port = RestartIT.freePort();
        Run first = serve(data, port, "first", Map.of());
        try {
            awaitReady(first, port);
            Run second = serve(data, RestartIT.freePort(), "second", Map.of());
            try {
                assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).as(second.text()).isTrue();
            } finally {
                second.process().destroyForcibly().waitFor();
            }
            assertThat(second.process().exitValue()).isEqualTo(2);
            assertThat(second.text()).contains("another server (pid " + first.process().pid() + ")")
                    .contains(data.toString());
            assertThat(Files.isDirectory(data.resolve("payara"))).as("the running server's files are still there").isTrue();
            HttpResponse<String> ready = LtiClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("the first server still serves").isEqualTo(200);
        } finally {
            first.process().destroy();
            first.process().waitFor();
        }
    }

    /** An address of this host other than loopback (IPv4, up), or null when it has none. */
    static java.net.InetAddress anotherAddressOfThisHost() throws Exception {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    /** Whether something accepts a TCP connection there. */
    static boolean accepts(java.net.InetAddress address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 2_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    @Test
    void serveBindTakesOnlyThatAddress() throws Exception {
        java.net.InetAddress other = anotherAddressOfThisHost();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null,
                "this host has no address but loopback, so a server bound to 127.0.0.1 cannot be shown refusing another");
        try (java.net.ServerSocket everywhere = new java.net.ServerSocket(0)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(accepts(other, everywhere.getLocalPort()), "this host's address "
                    + other.getHostAddress() + " does not take connections from the host itself; nothing to compare with");
        }
        Path data = DurableWorkIT.freshDir("launcher-bind-it").resolve("data");
        int port = RestartIT.freePort();
        Run run = serve(data, port, "bind", Map.of(), "--bind", "127.0.0.1");
        try {
            awaitReady(run, port);
            assertThat(run.text()).contains("listening on 127.0.0.1");
            assertThat(accepts(java.net.InetAddress.getLoopbackAddress(), port)).as("answers on 127.0.0.1").isTrue();
            assertThat(accepts(other, port)).as("refused on " + other.getHostAddress() + ", another address of this host")
                    .isFalse();
        } finally {
            run.process().destroy();
            run.process().waitFor();
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerEndsTheServerWithOneLineWithoutThePassword() throws Exception {
        Path data = DurableWorkIT.freshDir("launcher-db-it").resolve("data");
        Run run = serve(data, RestartIT.freePort(), "bad-url", Map.of(
                "ASSAY_DB_URL", "jdbc:postgresql://127.0.0.1:1/assay?password=s3cret-in-url",
                "ASSAY_DB_PASSWORD", "s3cret-in-env"));
        List<String> why = endsWith(run, 3, Duration.ofSeconds(60));
        assertThat(why).hasSize(1);
        assertThat(why.get(0)).contains("ASSAY_DB_URL", "jdbc:postgresql://127.0.0.1:1/assay?password=***", "refused");
        assertThat(run.text()).doesNotContain("s3cret").doesNotContain("No Application deployed");
    }

    @Test
    void aPostgresqlUrlWithTheH2ClassEndsTheServerWithOneLine() throws Exception {
        Path data = DurableWorkIT.freshDir("launcher-db-it").resolve("data");
        Run run = serve(data, RestartIT.freePort(), "mismatch", Map.of(
                "ASSAY_DB_URL", "jdbc:postgresql://127.0.0.1:1/assay", "ASSAY_DB_CLASS", "org.h2.jdbcx.JdbcDataSource",
                "ASSAY_DB_PASSWORD", "s3cret-in-env"));
        List<String> why = endsWith(run, 3, Duration.ofSeconds(60));
        assertThat(why).hasSize(1);
        assertThat(why.get(0)).contains("ASSAY_DB_CLASS", "org.h2.jdbcx.JdbcDataSource", "jdbc:postgresql://127.0.0.1:1/assay",
                "set ASSAY_DB_CLASS=org.postgresql.ds.PGSimpleDataSource");
        assertThat(run.text()).doesNotContain("s3cret");
    }

    @Test
    void aSchemaThatCannotBeMigratedEndsTheServerWithOneLine() throws Exception {
        Path data = DurableWorkIT.freshDir("launcher-schema-it").resolve("data");
        // A database that is someone else's: tables, but no schema history; Flyway will not touch it.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/assay") + ";MODE=LEGACY",
                "assay", "assay")) {
            c.createStatement().execute("CREATE TABLE someone_elses (id INT)");
        }
        Run run = serve(data, RestartIT.freePort(), "schema", Map.of());
        List<String> why = endsWith(run, 3, Duration.ofSeconds(120));
        assertThat(why).as(run.text()).isNotEmpty();
        assertThat(String.join("\n", why)).contains("Assay cannot start").contains("schema history");
        assertThat(run.text()).doesNotContain("No Application deployed");
    }
}
