package dev.assay.lti;

import dev.assay.server.application.api.Assignment;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the demo course (/demo) lives among the adapter's tenants, and the rule that keeps it apart: its own platform
 * row, which no LMS can log in or launch from (the platform cache leaves it out, and its issuer cannot be registered);
 * its one link; its own copy of hw7 (pack {@value #PACK}). The demo link opens only the demo pack, and the demo pack
 * opens only through the demo link: a visitor, who holds a demo session without signing in anywhere, never reaches a
 * real course's assignment, students or configuration, and no real course's students answer questions that any
 * visitor may change.
 */
@ApplicationScoped
public class DemoTenancy {
    /** The demo platform's issuer: not a URL, so no LMS is it; {@link PlatformStore} refuses to register it. */
    static final String ISSUER = "urn:assay:demo";
    static final String CLIENT_ID = "demo";
    static final String DEPLOYMENT = "demo";
    /** Where the demo platform's endpoints would be: nowhere, so nothing is ever sent to them. */
    static final String NO_ENDPOINT = "urn:assay:demo:none";
    static final String RESOURCE_LINK = "demo-hw7";
    /** The pack the demo copies, and the copy's id and assignment. */
    static final String SOURCE_PACK = "hw7";
    static final String PACK = "demo-hw7";
    static final String ASSIGNMENT = PACK + "/hw7";

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;
    @Inject
    LinkStore links;
    @Inject
    DemoSettings settings;

    private Db db;
    /** The demo platform's id once known (found in the database, or created): it never changes afterwards. */
    private volatile Long platformId;
    private volatile boolean lookedUp;

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    /** The demo platform's id, if the demo was ever opened on this database. */
    @Transactional
    public Optional<Long> platformId() {
        if (platformId == null && !lookedUp) {
            db.one("select id from lti_platform where issuer = ? and client_id = ?", rs -> rs.getLong(1), ISSUER, CLIENT_ID)
                    .ifPresent(id -> platformId = id);
            lookedUp = true;
        }
        return Optional.ofNullable(platformId);
    }

    /** The demo platform's id, its row created on the demo's first opening. */
    @Transactional
    public synchronized long platform() {
        Optional<Long> known = platformId();
        if (known.isPresent()) {
            return known.get();
        }
        long id = db.nextId();
        db.update("insert into lti_platform (id, issuer, client_id, auth_url, token_url, jwks_url, name, tool_url, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, ISSUER, CLIENT_ID, NO_ENDPOINT, NO_ENDPOINT, NO_ENDPOINT,
                "Assay demo (no LMS)", null, Instant.now());
        platformId = id;
        return id;
    }

    /** The demo platform as a launch would name it (it is never in {@link PlatformStore}'s cache). */
    Platform asPlatform(long id) {
        return new Platform(id, ISSUER, CLIENT_ID, NO_ENDPOINT, NO_ENDPOINT, NO_ENDPOINT, "Assay demo (no LMS)",
                java.util.Set.of(DEPLOYMENT), null);
    }

    boolean isDemoLink(LinkStore.Link link) {
        return platformId().map(id -> id == link.platformId()).orElse(false);
    }

    boolean isDemoLink(long linkId) {
        return platformId().isPresent() && links.byId(linkId).map(this::isDemoLink).orElse(false);
    }

    /** A gradebook target ("lti:ID") that is the demo link's: its scores stay in Assay. */
    boolean isDemoTarget(String target) {
        if (platformId().isEmpty() || !target.startsWith("lti:")) {
            return false;
        }
        try {
            return isDemoLink(Long.parseLong(target.substring(4)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isDemoPack(Assignment a) {
        return PACK.equals(a.pack());
    }

    /**
     * The rule: the demo link opens only the demo pack's assignments, and only while the demo is on (a session handed
     * out before it was turned off opens nothing); the demo pack's assignments open through no other link.
     */
    boolean mayOpen(LinkStore.Link link, Assignment a) {
        return isDemoLink(link) ? isDemoPack(a) && settings.enabled() : !isDemoPack(a);
    }
}
