package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * One-time registration URLs (LTI Dynamic Registration): an administrator creates one, the LMS opens it once. Only a
 * hash of each token is stored. A registration claims its token before it asks the LMS, so two uses of one URL cannot
 * both register; a registration that fails gives the token back, so the administrator can try again with the same URL.
 */
@ApplicationScoped
public class RegistrationTokens {
    /** How long a registration URL is valid. */
    static final Duration VALID_FOR = Duration.ofHours(24);

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    private Db db;

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    /** A new token and until when it is valid. */
    record Issued(String token, Instant expires) {
    }

    /** What a token is now. */
    enum State { UNKNOWN, USED, EXPIRED, VALID }

    /** A token as stored: Assay's root as its URL names it, and what it is now. */
    record Found(String toolUrl, State state, Instant expires) {
    }

    Issued issue(String toolUrl) {
        String token = LoginStates.random();
        Instant now = Instant.now();
        Instant expires = now.plus(VALID_FOR);
        db.update("delete from lti_registration_token where expires_at < ? and used_at is null", now.minus(VALID_FOR));
        db.update("insert into lti_registration_token (token_hash, tool_url, created_at, expires_at) values (?, ?, ?, ?)",
                hash(token), toolUrl, now, expires);
        return new Issued(token, expires);
    }

    Found find(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return new Found(null, State.UNKNOWN, null);
        }
        Instant now = Instant.now();
        return db.one("select tool_url, expires_at, used_at from lti_registration_token where token_hash = ?", rs -> {
            Instant expires = Db.instant(rs, "expires_at");
            State state = rs.getTimestamp("used_at") != null ? State.USED : expires.isBefore(now) ? State.EXPIRED : State.VALID;
            return new Found(rs.getString("tool_url"), state, expires);
        }, hash(token)).orElse(new Found(null, State.UNKNOWN, null));
    }

    /** Takes the token for one registration: true when it was valid and nobody else has it. */
    boolean claim(String token) {
        Instant now = Instant.now();
        return db.update("update lti_registration_token set used_at = ? where token_hash = ? and used_at is null "
                + "and expires_at > ?", now, hash(token), now) == 1;
    }

    /** Gives a claimed token back: the registration it was claimed for did not happen. */
    void release(String token) {
        db.update("update lti_registration_token set used_at = null where token_hash = ? and platform_id is null", hash(token));
    }

    /** Records the platform the token registered. */
    void registered(String token, long platformId) {
        db.update("update lti_registration_token set platform_id = ? where token_hash = ?", platformId, hash(token));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
