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
import javax.sql.DataSource;

/** OIDC login state and nonce, stored server side: single use, short lived. */
@ApplicationScoped
public class LoginStates {
    public record Issued(String state, String nonce) {
    }

    public record Pending(String nonce, long platformId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

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

    static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Transactional
    public Issued issue(long platformId) {
        Instant now = Instant.now();
        long last = lastPurge.get();
        if (now.toEpochMilli() - last > 60_000 && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            db.update("delete from lti_login_state where expires_at < ?", now);
        }
        Issued i = new Issued(random(), random());
        db.update("insert into lti_login_state (state, nonce, platform_id, expires_at) values (?, ?, ?, ?)", i.state(), i.nonce(),
                platformId, now.plus(settings.stateTtl()));
        return i;
    }

    /** The state's nonce and platform, once: the row is deleted, so a replayed launch finds nothing. */
    @Transactional
    public Optional<Pending> consume(String state) {
        if (state == null || state.isBlank() || state.length() > 64) {
            return Optional.empty();
        }
        Optional<Pending> p = db.one("select nonce, platform_id from lti_login_state where state = ? and expires_at > ?",
                rs -> new Pending(rs.getString(1), rs.getLong(2)), state, Instant.now());
        if (p.isPresent() && db.update("delete from lti_login_state where state = ?", state) != 1) {
            return Optional.empty(); // another launch with this state won the race
        }
        return p;
    }
}
