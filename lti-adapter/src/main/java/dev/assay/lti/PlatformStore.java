package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Platform registrations, read through a cache (a launch must not query for them) and kept in the database. Each node
 * of a cluster has its own cache: it is loaded again on a miss (at most once a second, so a flood of unknown issuers is
 * no flood of queries: a platform registered through another node is known here at its first launch or score), and
 * when it is older than {@code assay.lti.platform-cache-seconds} (another node's change to a platform it has: a new
 * deployment, new URLs). A change made through this node reloads it at once.
 */
@ApplicationScoped
public class PlatformStore {
    /**
     * What an admin registers. {@code toolUrl} (optional) is the URL the platform reaches Assay by, as entered there
     * (e.g. https://assay.example.edu, or its /lti/launch): logins send the launch to its origin when
     * assay.lti.public-url is not set.
     */
    public record Registration(String issuer, String clientId, String authUrl, String tokenUrl, String jwksUrl, String name,
                               List<String> deploymentIds, String toolUrl) {

        /** What is wrong with it, field by field; empty when it can be stored. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (issuer == null || issuer.isBlank()) {
                p.add("issuer: give the platform's issuer (its base URL, e.g. https://moodle.example.edu)");
            } else if (issuer.trim().equals(DemoTenancy.ISSUER)) {
                p.add("issuer: " + DemoTenancy.ISSUER + " is Assay's demo course, which no LMS may launch; give the platform's issuer");
            }
            if (clientId == null || clientId.isBlank()) {
                p.add("clientId: give the client id the platform assigned to Assay");
            }
            url(p, "authUrl", authUrl);
            url(p, "tokenUrl", tokenUrl);
            url(p, "jwksUrl", jwksUrl);
            if (deploymentIds == null || deploymentIds.isEmpty() || deploymentIds.stream().anyMatch(d -> d == null || d.isBlank())) {
                p.add("deploymentIds: list at least one deployment id, none blank");
            } else if (deploymentIds.stream().anyMatch(d -> d.length() > 255)) {
                p.add("deploymentIds: a deployment id has at most 255 characters");
            }
            if (toolUrl != null && !toolUrl.isBlank()) {
                url(p, "toolUrl", toolUrl);
            }
            return p;
        }

        private static void url(List<String> p, String field, String value) {
            Origins.problem(value).ifPresent(problem -> p.add(field + ": " + problem + "; give the http(s) URL the LMS shows"));
        }
    }

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "assay.lti.platform-cache-seconds", defaultValue = "30")
    long cacheSeconds = 30;

    /** The clock the cache's age and the misses' bound are measured with (a test's own). */
    LongSupplier nanos = System::nanoTime;

    private Db db;
    private volatile Map<String, Platform> byIssuerAndClient = Map.of();
    private volatile Map<Long, Platform> byId = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;
    private final AtomicLong lastMissReload = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    /** At most one reload a second on misses. */
    static final long MISS_RELOAD_NANOS = 1_000_000_000L;

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    private static String key(String issuer, String clientId) {
        return issuer + "\n" + clientId;
    }

    /** Loads every registration into the cache; called at start and after each change. */
    @Transactional
    public synchronized void reload() {
        long started = nanos.getAsLong();
        Map<Long, Set<String>> deployments = new java.util.HashMap<>();
        db.query("select platform_id, deployment_id from lti_deployment", rs -> {
            deployments.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
            return null;
        });
        // The demo course's platform row is no LMS: left out, no login, launch or score ever finds it.
        List<Platform> all = db.query("select id, issuer, client_id, auth_url, token_url, jwks_url, name, tool_url from lti_platform "
                        + "where issuer <> ?",
                rs -> new Platform(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), Set.copyOf(deployments.getOrDefault(rs.getLong(1), Set.of())),
                        rs.getString(8)), DemoTenancy.ISSUER);
        Map<String, Platform> keyed = new ConcurrentHashMap<>();
        Map<Long, Platform> ids = new ConcurrentHashMap<>();
        for (Platform p : all) {
            keyed.put(key(p.issuer(), p.clientId()), p);
            ids.put(p.id(), p);
        }
        byIssuerAndClient = keyed;
        byId = ids;
        loadedAt = started;
        loaded = true;
        reloads.incrementAndGet();
    }

    /** How many times the cache was loaded (start, changes, misses, age). */
    long reloads() {
        return reloads.get();
    }

    /** The cache, loaded again first when it is older than its age limit. */
    private void fresh() {
        if (stale()) {
            // Of the requests that find it stale at once, the first reloads it and the others, let in after it, use that.
            synchronized (this) {
                if (stale()) {
                    reloadQuietly();
                }
            }
        }
    }

    private boolean stale() {
        return !loaded || nanos.getAsLong() - loadedAt > java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(0, cacheSeconds));
    }

    /**
     * A registration this node's cache lacks: perhaps one made through another node since it loaded. Loads the cache again,
     * unless that was done less than a second ago; whether it did.
     */
    private boolean missed() {
        long now = nanos.getAsLong();
        long last = lastMissReload.get();
        if (last != 0 && now - last < MISS_RELOAD_NANOS || !lastMissReload.compareAndSet(last, now)) {
            return false;
        }
        reloadQuietly();
        return true;
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // The cache stays as it was; the next read tries again.
            java.util.logging.Logger.getLogger(PlatformStore.class.getName())
                    .warning(() -> "LTI platforms could not be read again from the database: " + e.getMessage());
        }
    }

    /** Registers a platform, or updates the one with the same issuer and client id (its deployments are added). */
    @Transactional
    public Platform register(Registration r) {
        List<String> problems = r.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Optional<Long> existing = db.one("select id from lti_platform where issuer = ? and client_id = ?", rs -> rs.getLong(1),
                r.issuer(), r.clientId());
        long id;
        String name = r.name() == null || r.name().isBlank() ? URI.create(r.issuer()).getHost() : r.name();
        String toolUrl = r.toolUrl() == null || r.toolUrl().isBlank() ? null : r.toolUrl().trim();
        if (existing.isPresent()) {
            id = existing.get();
            db.update("update lti_platform set auth_url = ?, token_url = ?, jwks_url = ?, name = ? where id = ?",
                    r.authUrl(), r.tokenUrl(), r.jwksUrl(), name, id);
            if (toolUrl != null) { // a registration sent again without a toolUrl keeps the one given before
                db.update("update lti_platform set tool_url = ? where id = ?", toolUrl, id);
            }
        } else {
            id = db.nextId();
            db.update("insert into lti_platform (id, issuer, client_id, auth_url, token_url, jwks_url, name, tool_url, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, r.issuer(), r.clientId(), r.authUrl(), r.tokenUrl(), r.jwksUrl(), name,
                    toolUrl, Instant.now());
        }
        Set<String> known = new TreeSet<>(db.query("select deployment_id from lti_deployment where platform_id = ?",
                rs -> rs.getString(1), id));
        for (String d : r.deploymentIds()) {
            if (known.add(d)) {
                db.update("insert into lti_deployment (platform_id, deployment_id) values (?, ?)", id, d);
            }
        }
        reload();
        return byId.get(id);
    }

    public Optional<Platform> find(String issuer, String clientId) {
        fresh();
        Platform p = byIssuerAndClient.get(key(issuer, clientId));
        if (p == null && missed()) {
            p = byIssuerAndClient.get(key(issuer, clientId));
        }
        return Optional.ofNullable(p);
    }

    public List<Platform> byIssuer(String issuer) {
        fresh();
        List<Platform> found = withIssuer(issuer);
        return found.isEmpty() && missed() ? withIssuer(issuer) : found;
    }

    private List<Platform> withIssuer(String issuer) {
        return byIssuerAndClient.values().stream().filter(p -> p.issuer().equals(issuer)).toList();
    }

    public Optional<Platform> byId(long id) {
        fresh();
        Platform p = byId.get(id);
        if (p == null && missed()) {
            p = byId.get(id);
        }
        return Optional.ofNullable(p);
    }

    public List<Platform> all() {
        fresh();
        return byId.values().stream().sorted(java.util.Comparator.comparing(Platform::id)).toList();
    }
}
