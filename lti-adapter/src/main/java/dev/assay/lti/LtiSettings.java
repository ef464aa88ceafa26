package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The adapter's settings (MicroProfile Config: system properties, ASSAY_LTI_… environment variables). */
@ApplicationScoped
public class LtiSettings {
    @Inject
    @ConfigProperty(name = "assay.lti.leeway-seconds", defaultValue = "5")
    int leewaySeconds;

    @Inject
    @ConfigProperty(name = "assay.lti.state-ttl-seconds", defaultValue = "600")
    int stateTtlSeconds;

    @Inject
    @ConfigProperty(name = "assay.lti.session-ttl-seconds", defaultValue = "7200")
    int sessionTtlSeconds;

    @Inject
    @ConfigProperty(name = "assay.lti.key-overlap-days", defaultValue = "7")
    int keyOverlapDays;

    /** How long a node keeps the tool keys it read before it reads them again (a rotation on another node). */
    @Inject
    @ConfigProperty(name = "assay.lti.key-cache-seconds", defaultValue = "30")
    int keyCacheSeconds;

    /**
     * How long after a rotation the new key starts signing, the old one signing meanwhile: long enough for every node
     * to publish the new key first. Unset: the key cache's time in cluster mode, none on one node.
     */
    @Inject
    @ConfigProperty(name = "assay.lti.key-activation-seconds")
    Optional<Integer> keyActivationSeconds;

    @Inject
    @ConfigProperty(name = "assay.cluster", defaultValue = "false")
    boolean cluster;

    /** The public base URL (https://assay.example.edu), when a proxy hides it from requests. */
    @Inject
    @ConfigProperty(name = "assay.lti.public-url")
    Optional<String> publicUrl;

    /** Platform registrations to load at start: a JSON array, or @/path/to/file.json. */
    @Inject
    @ConfigProperty(name = "assay.lti.platforms")
    Optional<String> platforms;

    /** Each call to an LMS (its JWKS, token endpoint, line items, scores) has this long for its whole answer. */
    @Inject
    @ConfigProperty(name = "assay.lti.http-timeout-seconds", defaultValue = "10")
    int httpTimeoutSeconds;

    /** Logins per platform that may wait for their launch at once; beyond it, the oldest waiting are dropped. */
    @Inject
    @ConfigProperty(name = "assay.lti.max-pending-logins", defaultValue = "10000")
    int maxPendingLogins;

    /** How long a link's class list (NRPS) is kept before the LMS is asked again. */
    @Inject
    @ConfigProperty(name = "assay.lti.roster-cache-seconds", defaultValue = "300")
    int rosterCacheSeconds;

    public Duration rosterCache() {
        return Duration.ofSeconds(Math.max(0, rosterCacheSeconds));
    }

    public Duration keyCache() {
        return Duration.ofSeconds(Math.max(0, keyCacheSeconds));
    }

    public Duration keyActivation() {
        return Duration.ofSeconds(Math.max(0, keyActivationSeconds.orElse(cluster ? keyCacheSeconds : 0)));
    }

    public Duration leeway() {
        return Duration.ofSeconds(leewaySeconds);
    }

    public Duration stateTtl() {
        return Duration.ofSeconds(stateTtlSeconds);
    }

    public Duration sessionTtl() {
        return Duration.ofSeconds(sessionTtlSeconds);
    }

    public Duration keyOverlap() {
        return Duration.ofDays(keyOverlapDays);
    }

    public Optional<String> publicUrl() {
        return publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).filter(u -> !u.isBlank());
    }

    public Optional<String> platforms() {
        return platforms.filter(p -> !p.isBlank());
    }

    public int maxPendingLogins() {
        return Math.max(1, maxPendingLogins);
    }

    public Duration httpTimeout() {
        return Duration.ofSeconds(httpTimeoutSeconds);
    }
}
