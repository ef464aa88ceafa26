package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resource links as launched, keyed by (platform, deployment, resource link id): the tenancy every
 * submission and score is filed under. A link is bound to one course-pack assignment.
 */
@ApplicationScoped
public class LinkStore {
    public record Link(long id, long platformId, String deploymentId, String resourceLinkId, String contextId, String title,
                       String assignment, String lineitemUrl, String lineitemsUrl, String agsScopes, String membershipsUrl) {
        public Optional<String> assignmentBound() {
            return Optional.ofNullable(assignment).filter(a -> !a.isBlank());
        }
    }

    /** The longest service URL a link keeps (its columns' size). */
    static final int MAX_URL_CHARS = 1024;

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    private Db db;
    /**
     * Links by id: launches and score deliveries read them often. Entries are replaced on every change made through this
     * node, and read again after {@code assay.lti.link-cache-seconds}: another node's change (an assignment bound, a
     * line item found) is seen here within that long.
     */
    private final ConcurrentHashMap<Long, Kept> cache = new ConcurrentHashMap<>();

    private record Kept(Link link, long at) {
    }

    @Inject
    @ConfigProperty(name = "assay.lti.link-cache-seconds", defaultValue = "5")
    long cacheSeconds = 5;

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    private static final String COLUMNS = "id, platform_id, deployment_id, resource_link_id, context_id, title, assignment, "
            + "lineitem_url, lineitems_url, ags_scopes, memberships_url";

    private static Link read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    /** The link as this launch describes it, created on its first launch; the AGS endpoints follow the latest launch. */
    @Transactional
    public Link upsert(Launch l) {
        Optional<Link> found = db.one("select " + COLUMNS + " from lti_link where platform_id = ? and deployment_id = ? "
                + "and resource_link_id = ?", LinkStore::read, l.platform().id(), l.deploymentId(), l.resourceLinkId());
        String lineitem = l.lineitem().orElse(null);
        String lineitems = l.lineitems().orElse(null);
        String scopes = String.join(" ", l.agsScopes());
        String memberships = l.membershipsUrl().orElse(null);
        if (found.isEmpty()) {
            long id = db.nextId();
            db.update("insert into lti_link (" + COLUMNS + ", updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                    l.platform().id(), l.deploymentId(), l.resourceLinkId(), l.contextId().orElse(null),
                    clip(l.resourceTitle().orElse(null), 500), l.assignmentAsked().orElse(null), lineitem, lineitems, scopes,
                    memberships, Instant.now());
            return cached(new Link(id, l.platform().id(), l.deploymentId(), l.resourceLinkId(), l.contextId().orElse(null),
                    clip(l.resourceTitle().orElse(null), 500), l.assignmentAsked().orElse(null), lineitem, lineitems, scopes,
                    memberships));
        }
        Link old = found.get();
        String assignment = l.assignmentAsked().orElse(old.assignment());
        // A lineitem found or created by Assay stays until the platform names one. The class list's URL follows the latest
        // launch: an LMS that stops sharing it stops being asked.
        String keptLineitem = lineitem != null ? lineitem : old.lineitemUrl();
        Link now = new Link(old.id(), old.platformId(), old.deploymentId(), old.resourceLinkId(), l.contextId().orElse(old.contextId()),
                l.resourceTitle().map(t -> clip(t, 500)).orElse(old.title()), assignment, keptLineitem, lineitems, scopes, memberships);
        if (!now.equals(old)) {
            db.update("update lti_link set context_id = ?, title = ?, assignment = ?, lineitem_url = ?, lineitems_url = ?, "
                            + "ags_scopes = ?, memberships_url = ?, updated_at = ? where id = ?", now.contextId(), now.title(),
                    now.assignment(), now.lineitemUrl(), now.lineitemsUrl(), now.agsScopes(), now.membershipsUrl(), Instant.now(),
                    now.id());
        }
        return cached(now);
    }

    /** Past this many links kept, those older than the cache's time are dropped (they would be read again anyway). */
    static final int KEEP = 10_000;

    private Link cached(Link l) {
        long now = System.nanoTime();
        if (cache.size() >= KEEP) {
            long age = java.util.concurrent.TimeUnit.SECONDS.toNanos(cacheSeconds);
            cache.values().removeIf(k -> now - k.at() > age);
        }
        cache.put(l.id(), new Kept(l, now));
        return l;
    }


    @Transactional
    public Optional<Link> byId(long id) {
        Kept k = cache.get(id);
        if (k != null && System.nanoTime() - k.at() <= java.util.concurrent.TimeUnit.SECONDS.toNanos(cacheSeconds)) {
            return Optional.of(k.link());
        }
        return db.one("select " + COLUMNS + " from lti_link where id = ?", LinkStore::read, id).map(this::cached);
    }

    @Transactional
    public Link bind(long id, String assignment) {
        Link l = byId(id).orElseThrow();
        db.update("update lti_link set assignment = ?, updated_at = ? where id = ?", assignment, Instant.now(), id);
        return cached(new Link(l.id(), l.platformId(), l.deploymentId(), l.resourceLinkId(), l.contextId(), l.title(), assignment,
                l.lineitemUrl(), l.lineitemsUrl(), l.agsScopes(), l.membershipsUrl()));
    }

    @Transactional
    public Link lineitemFound(long id, String lineitemUrl) {
        Link l = byId(id).orElseThrow();
        if (Objects.equals(l.lineitemUrl(), lineitemUrl)) {
            return l;
        }
        db.update("update lti_link set lineitem_url = ?, updated_at = ? where id = ?", lineitemUrl, Instant.now(), id);
        return cached(new Link(l.id(), l.platformId(), l.deploymentId(), l.resourceLinkId(), l.contextId(), l.title(),
                l.assignment(), lineitemUrl, l.lineitemsUrl(), l.agsScopes(), l.membershipsUrl()));
    }

    private static String clip(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }
}
