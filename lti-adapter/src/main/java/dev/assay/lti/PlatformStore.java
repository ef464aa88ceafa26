package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
import javax.sql.DataSource;

/** Platform registrations, read through a cache (a launch must not query for them) and kept in the database. */
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

    private Db db;
    private final Map<String, Platform> byIssuerAndClient = new ConcurrentHashMap<>();
    private final Map<Long, Platform> byId = new ConcurrentHashMap<>();

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
        byIssuerAndClient.clear();
        byId.clear();
        for (Platform p : all) {
            byIssuerAndClient.put(key(p.issuer(), p.clientId()), p);
            byId.put(p.id(), p);
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
        return Optional.ofNullable(byIssuerAndClient.get(key(issuer, clientId)));
    }

    public List<Platform> byIssuer(String issuer) {
        return byIssuerAndClient.values().stream().filter(p -> p.issuer().equals(issuer)).toList();
    }

    public Optional<Platform> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Platform> all() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(Platform::id)).toList();
    }
}
