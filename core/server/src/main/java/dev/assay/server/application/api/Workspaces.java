package dev.assay.server.application.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.assay.server.application.AssayException;
import dev.assay.server.domain.repository.WorkspaceSecretRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Instructor workspace tokens: how an instructor who arrived by an LTI launch (and holds no admin token) reaches the REST
 * API the workspace pages call, for one assignment only. A token is an HS256 JWT (issuer {@value #ISSUER}, audience
 * {@value #AUDIENCE}) signed with a key kept in the database, so that every node of a cluster verifies what any node
 * granted; it lives {@code assay.workspace.token-ttl} (ISO-8601, default 8 hours).
 */
@ApplicationScoped
public class Workspaces {
    static final String ISSUER = "assay";
    static final String AUDIENCE = "assay-workspace";
    static final String ASSIGNMENT_CLAIM = "assignment";
    static final String TARGET_CLAIM = "target";

    @Inject
    WorkspaceSecretRepository secrets;

    @Inject
    Assignments assignments;

    @Inject
    @ConfigProperty(name = "assay.workspace.token-ttl", defaultValue = "PT8H")
    String tokenTtl;

    Clock clock = Clock.systemUTC();

    /**
     * A token for {@code actor} (the instructor, as the LMS names them) to work on assignment {@code assignmentId}, and on
     * the LMS activity {@code target} when given. Not found when there is no such assignment.
     */
    public WorkspaceGrant grant(long assignmentId, Optional<String> target, String actor) {
        return grant(assignmentId, target, actor, Optional.empty());
    }

    /**
     * As {@link #grant(long, Optional, String)}, for a shorter time than {@code assay.workspace.token-ttl} when
     * {@code lifetime} asks (an admin handing a token for one session, say); never longer.
     */
    public WorkspaceGrant grant(long assignmentId, Optional<String> target, String actor, Optional<Duration> lifetime) {
        assignments.get(assignmentId);
        Instant now = clock.instant();
        Duration ttl = ttl();
        Instant expires = now.plus(lifetime.filter(l -> l.compareTo(ttl) < 0 && !l.isNegative()).orElse(ttl));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(actor)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(ASSIGNMENT_CLAIM, assignmentId);
        target.ifPresent(t -> claims.claim(TARGET_CLAIM, t));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secrets.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a workspace token: " + e.getMessage(), e);
        }
        // JWT times are whole seconds: say the expiry the token carries.
        return new WorkspaceGrant(jwt.serialize(), Instant.ofEpochSecond(expires.getEpochSecond()), assignmentId, target);
    }

    /**
     * What a token grants, if it is one of this server's workspace tokens (signature, issuer, audience) and has not
     * expired; empty for anything else, including another kind of JWT.
     */
    public Optional<WorkspaceAccess> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secrets.secret()))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date exp = c.getExpirationTime();
            Object assignment = c.getClaim(ASSIGNMENT_CLAIM);
            if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(AUDIENCE)
                    || exp == null || !exp.toInstant().isAfter(clock.instant()) || c.getSubject() == null
                    || !(assignment instanceof Number id)) {
                return Optional.empty();
            }
            return Optional.of(new WorkspaceAccess(c.getSubject(), id.longValue(),
                    Optional.ofNullable(c.getStringClaim(TARGET_CLAIM)), exp.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a workspace token's assignment holds this question (so its holder may read and edit it). */
    public boolean covers(WorkspaceAccess access, String questionId) {
        try {
            return assignments.get(access.assignment()).questions().contains(questionId);
        } catch (AssayException gone) {
            return false;
        }
    }

    /** The assignment a workspace token is for, as a person would name it: "hw7/hw7 (Homework 7)", or its id when gone. */
    public String describe(WorkspaceAccess access) {
        try {
            Assignment a = assignments.get(access.assignment());
            return a.id() + " (" + a.name() + ")";
        } catch (AssayException gone) {
            return String.valueOf(access.assignment());
        }
    }

    private Duration ttl() {
        try {
            Duration d = Duration.parse(tokenTtl.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("assay.workspace.token-ttl must be positive, not " + tokenTtl);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("assay.workspace.token-ttl is an ISO-8601 duration such as PT8H, not '"
                    + tokenTtl + "'", e);
        }
    }
}
