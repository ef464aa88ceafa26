package dev.assay.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The session after a launch: a short-lived HS256 token the page carries and sends as a bearer token on each
 * call. No cookie, so it works in an LMS iframe with third-party cookies blocked; and since the browser never
 * attaches it by itself, another site cannot forge a request with it (no CSRF).
 */
public final class Sessions {
    /** Who is calling, for which link. */
    public record Session(String userKey, String name, long linkId, boolean teaches, Instant expires,
                          Optional<DeepLink> deepLink) {
    }

    /** What a deep-linking session must remember to answer the platform: signed into the token, so not forgeable. */
    public record DeepLink(long platformId, String deploymentId, String returnUrl, Optional<String> data) {
    }

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

    public String issue(String userKey, String name, long linkId, boolean teaches, Optional<DeepLink> deepLink) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(userKey).issuer("assay").audience("assay-page")
                .claim("name", name).claim("link", linkId).claim("teaches", teaches)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
        deepLink.ifPresent(d -> b.claim("dl", java.util.Map.of("platform", d.platformId(), "deployment", d.deploymentId(),
                "return", d.returnUrl(), "data", d.data().orElse(""), "hasData", d.data().isPresent())));
        JWTClaimsSet c = b.build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session: " + e.getMessage(), e);
        }
    }

    /** The session, or empty when the token is missing, forged, for something else, or expired. */
    public Optional<Session> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
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
            java.util.Map<String, Object> dl = c.getJSONObjectClaim("dl");
            Optional<DeepLink> deepLink = dl == null ? Optional.empty() : Optional.of(new DeepLink(
                    ((Number) dl.get("platform")).longValue(), (String) dl.get("deployment"), (String) dl.get("return"),
                    Boolean.TRUE.equals(dl.get("hasData")) ? Optional.of((String) dl.get("data")) : Optional.empty()));
            return Optional.of(new Session(c.getSubject(), c.getStringClaim("name"), c.getLongClaim("link"),
                    Boolean.TRUE.equals(c.getBooleanClaim("teaches")), c.getExpirationTime().toInstant(), deepLink));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
