package dev.assay.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The tool's keys, kept in the database: RSA key pairs that sign client assertions (and deep-linking
 * responses), published at /.well-known/jwks.json with their kid; and the secret that signs session tokens.
 * Rotation makes a new key, published at once, and keeps the old one published for the overlap, so platforms
 * that cached the JWKS still verify what was signed just before. Every node reads the keys again within
 * {@code assay.lti.key-cache-seconds}; in a cluster the new key starts signing only after that time
 * ({@code assay.lti.key-activation-seconds}), once every node publishes it; on one node at once.
 */
@ApplicationScoped
public class ToolKeys {
    private static final Logger LOG = Logger.getLogger(ToolKeys.class.getName());

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    LtiSettings settings;

    private Db db;
    private volatile RSAKey signing;
    private volatile JWKSet published;
    private volatile byte[] sessionSecret;
    private volatile Instant freshUntil = Instant.MAX;
    /** The time; a test's clock in unit tests. */
    java.time.Clock clock = java.time.Clock.systemUTC();

    @PostConstruct
    void init() {
        db = new Db(dataSource);
    }

    /** Creates the first keys when there are none, then loads them. */
    @Transactional
    public synchronized void start() {
        if (db.query("select kid from lti_tool_key where kind = 'RSA'", rs -> rs.getString(1)).isEmpty()) {
            insertRsa();
        }
        if (db.query("select kid from lti_tool_key where kind = 'SESSION'", rs -> rs.getString(1)).isEmpty()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            db.update("insert into lti_tool_key (kid, kind, material, created_at) values (?, 'SESSION', ?, ?)",
                    "session-" + UUID.randomUUID(), Base64.getEncoder().encodeToString(secret), clock.instant());
        }
        load();
    }

    private String insertRsa() {
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("assay-" + clock.instant().getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .generate();
            db.update("insert into lti_tool_key (kid, kind, material, created_at) values (?, 'RSA', ?, ?)",
                    k.getKeyID(), k.toJSONString(), clock.instant());
            return k.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** A stored RSA key: its kid, its JWK (private part included), when it was made and when it leaves the JWKS. */
    record Stored(String kid, String material, Instant created, Instant retireAt) {
        boolean publishedAt(Instant now) {
            return retireAt == null || retireAt.isAfter(now);
        }
    }

    /**
     * The key to sign with at {@code now}: the newest published key at least {@code activation} old, so that every node
     * publishes a new key before any signs with it (each reads the keys again within the key cache's time); when none
     * is that old yet, the oldest published (the one out longest; at a first start the only one). {@code stored} is
     * newest first and not empty.
     */
    static Stored signing(List<Stored> stored, Instant now, Duration activation) {
        List<Stored> published = stored.stream().filter(k -> k.publishedAt(now)).toList();
        return published.stream().filter(k -> !k.created().isAfter(now.minus(activation))).findFirst()
                .orElse(published.isEmpty() ? stored.get(0) : published.get(published.size() - 1));
    }

    private void load() {
        Instant now = clock.instant();
        List<Stored> rsa = db.query("select kid, material, created_at, retire_at from lti_tool_key where kind = 'RSA' "
                        + "order by created_at desc, case when retire_at is null then 0 else 1 end",
                rs -> new Stored(rs.getString(1), rs.getString(2), Db.instant(rs, "created_at"), Db.instant(rs, "retire_at")));
        try {
            Stored chosen = signing(rsa, now, settings.keyActivation());
            signing = RSAKey.parse(chosen.material());
            published = new JWKSet(rsa.stream().filter(s -> s.publishedAt(now))
                    .map(s -> {
                        try {
                            return (com.nimbusds.jose.jwk.JWK) RSAKey.parse(s.material()).toPublicJWK();
                        } catch (ParseException e) {
                            throw new IllegalStateException("stored key " + s.kid() + " does not parse", e);
                        }
                    }).toList());
            // Read again when the cache's time is up, or as soon as a newer key (not signing yet) is old enough to sign.
            Instant next = now.plus(settings.keyCache());
            Instant activates = rsa.get(0) != chosen ? rsa.get(0).created().plus(settings.keyActivation()) : null;
            freshUntil = activates != null && activates.isBefore(next) ? activates : next;
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key does not parse", e);
        }
        sessionSecret = Base64.getDecoder().decode(db.one("select material from lti_tool_key where kind = 'SESSION' "
                + "order by created_at desc", rs -> rs.getString(1)).orElseThrow());
    }

    /**
     * The keys as stored now, read again when older than the key cache's time: a key rotated on another node of a
     * cluster is published here within that time, and signs once every node publishes it ({@link #signing}).
     */
    private void fresh() {
        if (!clock.instant().isBefore(freshUntil)) {
            synchronized (this) {
                if (!clock.instant().isBefore(freshUntil)) {
                    try {
                        load();
                    } catch (RuntimeException e) {
                        // The database is away for a moment: keep the keys read before (they were valid), try again soon.
                        freshUntil = clock.instant().plusSeconds(1);
                        LOG.warning(() -> "LTI: could not read the tool keys again, keeping those read before: " + e);
                    }
                }
            }
        }
    }

    /** A new signing key now; the old ones stay published for the overlap, then drop out of the JWKS. */
    @Transactional
    public synchronized String rotate() {
        Instant retire = clock.instant().plus(settings.keyOverlap());
        db.update("update lti_tool_key set retire_at = ? where kind = 'RSA' and retire_at is null", retire);
        String kid = insertRsa();
        load();
        Instant from = clock.instant().plus(settings.keyActivation());
        LOG.info(() -> "LTI: tool key rotated; " + kid + " published now and signing from " + from
                + ", older keys published until " + retire);
        return kid;
    }

    /** When a key made now starts signing (see {@link #signing}). */
    public Instant activationOfNewKey() {
        return clock.instant().plus(settings.keyActivation());
    }

    public RSAKey signingKey() {
        fresh();
        return signing;
    }

    /**
     * The claims as a JWT the platform verifies with this tool's JWKS: RS256 with the current signing key, its kid in
     * the header. What Assay sends an LMS is signed here: AGS client assertions, deep-linking responses.
     *
     * @param what what is signed, for the message if it cannot be
     */
    public String sign(JWTClaimsSet claims, String what) {
        RSAKey key = signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign " + what + ": " + e.getMessage(), e);
        }
    }

    /** Public keys only. */
    public JWKSet jwks() {
        fresh();
        return published;
    }

    byte[] sessionSecret() {
        return sessionSecret;
    }
}
