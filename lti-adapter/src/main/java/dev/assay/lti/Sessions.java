package dev.assay.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.assay.server.application.AssayException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The session after a launch: a short-lived HS256 token the page carries and sends as a bearer token on each
 * call. No cookie, so it works in an LMS iframe with third-party cookies blocked; and since the browser never
 * attaches it by itself, another site cannot forge a request with it (no CSRF). The token stays small whatever the
 * launch carried (the page refuses tokens over {@link #MAX_TOKEN_CHARS}): the display name is shortened, and what a
 * deep-linking request must remember stays on the server ({@link LoginStates#remember}), named here by its id.
 */
public final class Sessions {
    /** Who is calling, for which link. */
    public record Session(String userKey, String name, long linkId, boolean teaches, Instant expires,
                          Optional<String> deepLinkRequest) {
        /** Refuses (forbidden) unless an instructor holds this session. */
        void requireInstructor() {
            if (!teaches) {
                throw AssayException.forbidden("Only an instructor can do this.");
            }
        }
    }

    /** The longest token {@link #verify} reads. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Names are for display (the page, a review's author): this many characters are plenty. */
    static final int MAX_NAME_CODE_POINTS = 100;

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    public Sessions(byte[] secret, Duration ttl, Clock clock) {
        this.secret = secret;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String userKey, String name, long linkId, boolean teaches) {
        return issue(userKey, name, linkId, teaches, Optional.empty());
    }

    public String issue(String userKey, String name, long linkId, boolean teaches, Optional<String> deepLinkRequest) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(userKey).issuer("assay").audience("assay-page")
                .claim("name", shortened(name)).claim("link", linkId).claim("teaches", teaches)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
        deepLinkRequest.ifPresent(id -> b.claim("dl", id));
        JWTClaimsSet c = b.build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session: " + e.getMessage(), e);
        }
    }

    /** The name, cut to {@link #MAX_NAME_CODE_POINTS} characters (with an ellipsis) when longer. */
    static String shortened(String name) {
        if (name == null || name.codePointCount(0, name.length()) <= MAX_NAME_CODE_POINTS) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CODE_POINTS - 1)) + "…";
    }

    /** The session, or empty when the token is missing, forged, for something else, or expired. */
    public Optional<Session> verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!"assay".equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains("assay-page")
                    || c.getExpirationTime() == null || c.getExpirationTime().toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Session(c.getSubject(), c.getStringClaim("name"), c.getLongClaim("link"),
                    Boolean.TRUE.equals(c.getBooleanClaim("teaches")), c.getExpirationTime().toInstant(),
                    Optional.ofNullable(c.getStringClaim("dl"))));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
