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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The tool's keys, kept in the database: RSA key pairs that sign client assertions (and deep-linking
 * responses), published at /.well-known/jwks.json with their kid; and the secret that signs session tokens.
 * Rotation makes a new signing key at once and keeps the old one published for the overlap, so platforms
 * that cached the JWKS still verify what was signed just before.
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
                    "session-" + UUID.randomUUID(), Base64.getEncoder().encodeToString(secret), Instant.now());
        }
        load();
    }

    private void insertRsa() {
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("assay-" + Instant.now().getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .generate();
            db.update("insert into lti_tool_key (kid, kind, material, created_at) values (?, 'RSA', ?, ?)",
                    k.getKeyID(), k.toJSONString(), Instant.now());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    private void load() {
        Instant now = Instant.now();
        record Stored(String kid, String material, Instant created, Instant retireAt) {
        }
        List<Stored> rsa = db.query("select kid, material, created_at, retire_at from lti_tool_key where kind = 'RSA' "
                        + "order by created_at desc",
                rs -> new Stored(rs.getString(1), rs.getString(2), Db.instant(rs, "created_at"), Db.instant(rs, "retire_at")));
        try {
            signing = RSAKey.parse(rsa.stream().filter(s -> s.retireAt() == null).findFirst().orElse(rsa.get(0)).material());
            published = new JWKSet(rsa.stream().filter(s -> s.retireAt() == null || s.retireAt().isAfter(now))
                    .map(s -> {
                        try {
                            return (com.nimbusds.jose.jwk.JWK) RSAKey.parse(s.material()).toPublicJWK();
                        } catch (ParseException e) {
                            throw new IllegalStateException("stored key " + s.kid() + " does not parse", e);
                        }
                    }).toList());
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key does not parse", e);
        }
        sessionSecret = Base64.getDecoder().decode(db.one("select material from lti_tool_key where kind = 'SESSION' "
                + "order by created_at desc", rs -> rs.getString(1)).orElseThrow());
    }

    /** A new signing key now; the old ones stay published for the overlap, then drop out of the JWKS. */
    @Transactional
    public synchronized String rotate() {
        Instant retire = Instant.now().plus(settings.keyOverlap());
        db.update("update lti_tool_key set retire_at = ? where kind = 'RSA' and retire_at is null", retire);
        insertRsa();
        load();
        LOG.info(() -> "LTI: tool key rotated; signing with " + signing.getKeyID() + ", older keys published until " + retire);
        return signing.getKeyID();
    }

    public RSAKey signingKey() {
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
        return published;
    }

    byte[] sessionSecret() {
        return sessionSecret;
    }
}
