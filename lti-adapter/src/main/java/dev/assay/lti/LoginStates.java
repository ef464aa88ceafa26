package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What logins and launches must remember, stored server side and short lived: the OIDC login state and nonce (used
 * up by the launch that answers them), and the deep-linking requests instructors are answering (for as long as the
 * page's session lives; the session token names one by its id, so its size does not depend on what the platform sent).
 */
@ApplicationScoped
public class LoginStates {
    public record Issued(String state, String nonce) {
    }

    public record Pending(String nonce, long platformId) {
    }

    /** A deep-linking request from a validated launch: where the answer goes back, and the platform's data to echo. */
    public record DeepLinkRequest(long platformId, String deploymentId, String returnUrl, Optional<String> data) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    LtiSettings settings;

    private Db db;
    private final AtomicLong lastPurge = new AtomicLong();
    /** When a platform's full share of logins was last logged: at most once a minute while logins flood in. */
    private final AtomicLong lastFullReport = new AtomicLong();
    private static final Logger LOG = Logger.getLogger(LoginStates.class.getName());

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A new state and nonce for a login from the platform. /lti/login takes anyone's request, so the table is bounded:
     * at most {@code assay.lti.max-pending-logins} states per platform wait for their launch (each for at most
     * {@code assay.lti.state-ttl-seconds}). At the cap, the platform's oldest waiting states are dropped and the login goes
     * ahead. A flood of logins then only pushes out the flood's own older states, while a real student's state is used
     * up by its launch within seconds of being issued; refusing at the cap instead shut every real login of the LMS
     * out for as long as the flood's states lived.
     */
    @Transactional
    public Issued issue(long platformId) {
        Instant now = Instant.now();
        purgeExpired(now);
        int cap = settings.maxPendingLogins();
        long waiting = db.one("select count(*) from (select 1 from lti_login_state where platform_id = ? and expires_at > ? "
                + "fetch first " + cap + " rows only) w", rs -> rs.getLong(1), platformId, now).orElse(0L);
        if (waiting >= cap) {
            long drop = waiting - cap + 1;
            db.update("delete from lti_login_state where state in (select state from lti_login_state "
                    + "where platform_id = ? and expires_at > ? order by expires_at fetch first " + drop + " rows only)",
                    platformId, now);
            long reported = lastFullReport.get();
            if (now.toEpochMilli() - reported > 60_000 && lastFullReport.compareAndSet(reported, now.toEpochMilli())) {
                LOG.warning(() -> cap + " logins from LMS " + platformId + " are waiting for their launch (the most that may,"
                        + " assay.lti.max-pending-logins): the oldest are dropped to make room. Many logins that never launch"
                        + " are a flood of /lti/login requests, or a misconfigured LMS.");
            }
        }
        Issued i = new Issued(random(), random());
        db.update("insert into lti_login_state (state, nonce, platform_id, expires_at) values (?, ?, ?, ?)", i.state(), i.nonce(),
                platformId, now.plus(settings.stateTtl()));
        return i;
    }

    /** Expired rows go, at most once a minute. */
    private void purgeExpired(Instant now) {
        long last = lastPurge.get();
        if (now.toEpochMilli() - last > 60_000 && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            db.update("delete from lti_login_state where expires_at < ?", now);
            db.update("delete from lti_deep_link where expires_at < ?", now);
        }
    }

    /** Stores a deep-linking request for as long as a page session lives; its id, for the session token. */
    @Transactional
    public String remember(DeepLinkRequest r) {
        Instant now = Instant.now();
        purgeExpired(now);
        String id = random();
        db.update("insert into lti_deep_link (id, platform_id, deployment_id, return_url, platform_data, expires_at) "
                + "values (?, ?, ?, ?, ?, ?)", id, r.platformId(), r.deploymentId(), r.returnUrl(), r.data().orElse(null),
                now.plus(settings.sessionTtl()));
        return id;
    }

    @Transactional
    public Optional<DeepLinkRequest> deepLinkRequest(String id) {
        return db.one("select platform_id, deployment_id, return_url, platform_data from lti_deep_link where id = ? "
                + "and expires_at > ?", rs -> new DeepLinkRequest(rs.getLong(1), rs.getString(2), rs.getString(3),
                Optional.ofNullable(rs.getString(4))), id, Instant.now());
    }

    /** The state's nonce and platform, if it is pending; it stays pending until {@link #consume}. */
    @Transactional
    public Optional<Pending> peek(String state) {
        if (state == null || state.isBlank() || state.length() > 64) {
            return Optional.empty();
        }
        return db.one("select nonce, platform_id from lti_login_state where state = ? and expires_at > ?",
                rs -> new Pending(rs.getString(1), rs.getLong(2)), state, Instant.now());
    }

    /**
     * Uses the state up, once the launch answering it is accepted: true for exactly one caller, so a replayed or
     * concurrent launch with the same state finds nothing. A refused launch leaves it (the user starts again anyway).
     */
    @Transactional
    public boolean consume(String state) {
        return db.update("delete from lti_login_state where state = ? and expires_at > ?", state, Instant.now()) == 1;
    }
}
