package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Deep-linking requests an instructor is answering: where the answer goes back and the platform's data to echo.
 * Kept server side for as long as the page's session lives; the session token names the request by a random id.
 */
@ApplicationScoped
public class DeepLinkRequests {
    /** A deep-linking request from a validated launch. */
    public record Request(long platformId, String deploymentId, String returnUrl, Optional<String> data) {
    }

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    LtiSettings settings;

    private Db db;
    private final AtomicLong lastPurge = new AtomicLong();

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    /** Stores the request; its id, for the session token. */
    @Transactional
    public String remember(Request r) {
        Instant now = Instant.now();
        long last = lastPurge.get();
        if (now.toEpochMilli() - last > 60_000 && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            db.update("delete from lti_deep_link where expires_at < ?", now);
        }
        String id = LoginStates.random();
        db.update("insert into lti_deep_link (id, platform_id, deployment_id, return_url, platform_data, expires_at) "
                + "values (?, ?, ?, ?, ?, ?)", id, r.platformId(), r.deploymentId(), r.returnUrl(), r.data().orElse(null),
                now.plus(settings.sessionTtl()));
        return id;
    }

    @Transactional
    public Optional<Request> find(String id) {
        return db.one("select platform_id, deployment_id, return_url, platform_data from lti_deep_link where id = ? "
                + "and expires_at > ?", rs -> new Request(rs.getLong(1), rs.getString(2), rs.getString(3),
                Optional.ofNullable(rs.getString(4))), id, Instant.now());
    }
}
