package dev.assay.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Validates an LTI 1.3 id_token as the core specification and the Security Framework require, in the order
 * that gives the clearest message: the token's form, its platform (iss, aud, azp), its signature (RS256,
 * by kid, against the platform's JWKS), its times (exp, iat, with leeway), the nonce issued with the state,
 * then the LTI claims.
 */
public final class LaunchValidator {
    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    /** Real launches are a few kilobytes; anything this large is refused before it is parsed. */
    static final int MAX_TOKEN_CHARS = 64 * 1024;
    /** LTI 1.3: the sub "MUST NOT exceed 255 ASCII characters in length". */
    static final int MAX_SUB_CHARS = 255;
    /** Longer than any LMS page address; what a deep-linking return URL may have. */
    static final int MAX_RETURN_URL_CHARS = 2048;

    private final BiFunction<String, String, Optional<Platform>> platforms;
    private final Function<Platform, JWKSource<SecurityContext>> jwks;
    private final Clock clock;
    private final Duration leeway;

    public LaunchValidator(BiFunction<String, String, Optional<Platform>> platforms,
                           Function<Platform, JWKSource<SecurityContext>> jwks, Clock clock, Duration leeway) {
        this.platforms = platforms;
        this.jwks = jwks;
        this.clock = clock;
        this.leeway = leeway;
    }

    /**
     * @param expectedNonce    the nonce stored with the login state this launch came back with
     * @param expectedPlatform the platform that login was for
     */
    public Launch validate(String idToken, String expectedNonce, long expectedPlatform) throws LaunchRejected {
        if (idToken == null || idToken.isBlank()) {
            throw new LaunchRejected("NO_ID_TOKEN", "The launch carries no id_token. Start the activity again from your course.");
        }
        if (idToken.length() > MAX_TOKEN_CHARS) {
            throw new LaunchRejected("TOKEN_TOO_LARGE", "The id_token has " + idToken.length() + " characters; a launch has at "
                    + "most " + MAX_TOKEN_CHARS + ".");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new LaunchRejected("MALFORMED_TOKEN", "The id_token is not a signed JWT: " + e.getMessage());
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new LaunchRejected("WRONG_ALGORITHM", "The id_token must be signed with RS256, not "
                    + jwt.getHeader().getAlgorithm() + ".");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new LaunchRejected("NO_KID", "The id_token's header has no kid, so its signing key cannot be chosen.");
        }
        String iss = claims.getIssuer();
        if (iss == null || iss.isBlank()) {
            throw new LaunchRejected("NO_ISSUER", "The id_token has no iss claim.");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.isEmpty()) {
            throw new LaunchRejected("NO_AUDIENCE", "The id_token has no aud claim.");
        }
        String azp = string(claims, "azp");
        if (aud.size() > 1 && azp == null) {
            throw new LaunchRejected("NO_AZP", "The id_token names several audiences but no azp.");
        }
        String clientId = azp != null ? azp : aud.get(0);
        if (!aud.contains(clientId)) {
            throw new LaunchRejected("WRONG_AUDIENCE", "The id_token's azp (" + azp + ") is not among its audiences.");
        }
        Platform platform = platforms.apply(iss, clientId).orElse(null);
        if (platform == null) {
            boolean issuerKnown = platforms.apply(iss, null).isPresent();
            throw issuerKnown
                    ? new LaunchRejected("WRONG_AUDIENCE", "This launch is for client id '" + clientId + "', which is not "
                    + "registered for " + iss + " on this Assay server.")
                    : new LaunchRejected("UNKNOWN_ISSUER", "The platform " + iss + " is not registered on this Assay server: "
                    + "an administrator needs to register it (issuer, client id, endpoints, deployment id).");
        }
        if (platform.id() != expectedPlatform) {
            throw new LaunchRejected("WRONG_PLATFORM", "This launch comes from another platform than the login it answers.");
        }
        verifySignature(jwt, kid, platform);
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null) {
            throw new LaunchRejected("NO_EXPIRY", "The id_token has no exp claim.");
        }
        if (exp.toInstant().plus(leeway).isBefore(now)) {
            throw new LaunchRejected("EXPIRED", "The launch has expired (at " + exp.toInstant() + "). Start the activity again "
                    + "from your course; if it keeps happening, check the clocks of the LMS and of Assay.");
        }
        if (iat == null) {
            throw new LaunchRejected("NO_IAT", "The id_token has no iat claim.");
        }
        if (iat.toInstant().minus(leeway).isAfter(now)) {
            throw new LaunchRejected("ISSUED_IN_FUTURE", "The id_token was issued in the future (" + iat.toInstant()
                    + "): the clocks of the LMS and of Assay disagree.");
        }
        String nonce = string(claims, "nonce");
        if (nonce == null || !nonce.equals(expectedNonce)) {
            throw new LaunchRejected("NONCE_MISMATCH", "The id_token's nonce is not the one issued for this login.");
        }
        String version = string(claims, LTI + "version");
        if (version == null) {
            throw new LaunchRejected("NO_VERSION", "The launch has no LTI version claim.");
        }
        if (!version.equals("1.3.0")) {
            throw new LaunchRejected("WRONG_VERSION", "The launch is LTI version " + version + "; Assay speaks 1.3.0.");
        }
        String messageType = string(claims, LTI + "message_type");
        if (messageType == null) {
            throw new LaunchRejected("NO_MESSAGE_TYPE", "The launch has no message_type claim.");
        }
        boolean deepLinking = messageType.equals("LtiDeepLinkingRequest");
        if (!messageType.equals("LtiResourceLinkRequest") && !deepLinking) {
            throw new LaunchRejected("UNSUPPORTED_MESSAGE_TYPE", "Assay answers LtiResourceLinkRequest and LtiDeepLinkingRequest "
                    + "launches, not " + messageType + ".");
        }
        String deployment = string(claims, LTI + "deployment_id");
        if (deployment == null || deployment.isBlank()) {
            throw new LaunchRejected("NO_DEPLOYMENT", "The launch has no deployment_id claim.");
        }
        if (!platform.deployments().contains(deployment)) {
            throw new LaunchRejected("UNKNOWN_DEPLOYMENT", "Deployment '" + deployment + "' of " + iss + " is not registered "
                    + "on this Assay server: an administrator needs to add it to the platform's registration.");
        }
        String target = string(claims, LTI + "target_link_uri");
        if (target == null || target.isBlank()) {
            throw new LaunchRejected("NO_TARGET_LINK_URI", "The launch has no target_link_uri claim.");
        }
        Map<String, Object> link = object(claims, LTI + "resource_link");
        Object linkId = link == null ? null : link.get("id");
        if (!deepLinking && (linkId == null || linkId.toString().isBlank())) {
            throw new LaunchRejected("NO_RESOURCE_LINK_ID", "The launch has no resource_link.id claim.");
        }
        Optional<Launch.DeepLinking> deepLink = Optional.empty();
        if (deepLinking) {
            Map<String, Object> settings = object(claims, DL + "deep_linking_settings");
            Object returnUrl = settings == null ? null : settings.get("deep_link_return_url");
            if (returnUrl == null || returnUrl.toString().isBlank()) {
                throw new LaunchRejected("NO_DEEP_LINK_RETURN_URL", "The deep-linking request has no "
                        + "deep_linking_settings.deep_link_return_url.");
            }
            Optional<String> problem = returnUrlProblem(returnUrl.toString());
            if (problem.isPresent()) {
                throw new LaunchRejected("BAD_DEEP_LINK_RETURN_URL", "The LMS's deep-linking return URL " + problem.get()
                        + ", so Assay cannot send the chosen activity back. Tell your LMS administrator.");
            }
            if (settings.get("accept_types") instanceof List<?> types && !types.contains("ltiResourceLink")) {
                throw new LaunchRejected("UNSUPPORTED_CONTENT_TYPE", "The platform accepts " + types + " here; Assay offers "
                        + "ltiResourceLink content.");
            }
            deepLink = Optional.of(new Launch.DeepLinking(returnUrl.toString(),
                    Optional.ofNullable(settings.get("data")).map(Object::toString)));
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new LaunchRejected("NO_SUB", "The launch has no sub claim: Assay needs to know who is answering.");
        }
        if (sub.length() > MAX_SUB_CHARS) {
            throw new LaunchRejected("SUB_TOO_LONG", "The launch's sub claim has " + sub.length() + " characters; LTI 1.3 "
                    + "allows at most " + MAX_SUB_CHARS + ".");
        }
        if (!claims.getClaims().containsKey(LTI + "roles")) {
            throw new LaunchRejected("NO_ROLES", "The launch has no roles claim (an empty list is fine, a missing one is not).");
        }
        List<String> roles;
        try {
            roles = Optional.ofNullable(claims.getStringListClaim(LTI + "roles")).orElse(List.of());
        } catch (ParseException e) {
            throw new LaunchRejected("BAD_ROLES", "The roles claim must be a list of strings.");
        }
        Map<String, Object> context = object(claims, LTI + "context");
        Map<String, Object> customRaw = object(claims, LTI + "custom");
        Map<String, String> custom = new LinkedHashMap<>();
        if (customRaw != null) {
            customRaw.forEach((k, v) -> custom.put(k, v == null ? "" : v.toString()));
        }
        Map<String, Object> ags = object(claims, AGS);
        List<String> scopes = new ArrayList<>();
        if (ags != null && ags.get("scope") instanceof List<?> l) {
            l.forEach(s -> scopes.add(String.valueOf(s)));
        }
        String name = string(claims, "name");
        if (name == null) {
            String given = string(claims, "given_name");
            String family = string(claims, "family_name");
            name = given == null && family == null ? null : ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        }
        return new Launch(platform, deployment, sub, List.copyOf(roles), Optional.ofNullable(name).filter(n -> !n.isBlank()),
                Optional.ofNullable(string(claims, "email")), linkId == null ? "" : linkId.toString(),
                Optional.ofNullable(link).map(m -> m.get("title")).map(Object::toString),
                Optional.ofNullable(context).map(c -> c.get("id")).map(Object::toString),
                Optional.ofNullable(context).map(c -> c.get("title")).map(Object::toString), custom, target,
                Optional.ofNullable(ags).map(a -> a.get("lineitem")).map(Object::toString),
                Optional.ofNullable(ags).map(a -> a.get("lineitems")).map(Object::toString), List.copyOf(scopes), deepLink,
                Optional.ofNullable(object(claims, LTI + "launch_presentation")).map(p -> p.get("return_url"))
                        .map(Object::toString).filter(u -> Origins.of(u).isPresent()),
                Optional.ofNullable(object(claims, NRPS)).map(n -> n.get("context_memberships_url")).map(Object::toString)
                        .filter(u -> u.length() <= LinkStore.MAX_URL_CHARS && Origins.problem(u).isEmpty()));
    }

    /**
     * What is wrong with a deep-linking return URL, said to follow "The LMS's deep-linking return URL": the page
     * form-posts the answer there, and its origin goes into the page's Content-Security-Policy.
     */
    static Optional<String> returnUrlProblem(String url) {
        if (url.length() > MAX_RETURN_URL_CHARS) {
            return Optional.of("has " + url.length() + " characters (at most " + MAX_RETURN_URL_CHARS + ")");
        }
        return Origins.problem(url);
    }

    private void verifySignature(SignedJWT jwt, String kid, Platform platform) throws LaunchRejected {
        List<JWK> keys;
        try {
            keys = jwks.apply(platform).get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).keyType(KeyType.RSA).build()), null);
        } catch (KeySourceException e) {
            throw new LaunchRejected("JWKS_UNAVAILABLE", "The platform's keys could not be fetched from " + platform.jwksUrl()
                    + ": " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new LaunchRejected("UNKNOWN_KID", "The platform's JWKS (" + platform.jwksUrl() + ") has no RSA key with kid '"
                    + kid + "', even after fetching it again.");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier((RSAKey) keys.get(0)))) {
                throw new LaunchRejected("BAD_SIGNATURE", "The id_token's signature does not verify with the platform's key '"
                        + kid + "'.");
            }
        } catch (JOSEException e) {
            throw new LaunchRejected("BAD_SIGNATURE", "The id_token's signature cannot be checked: " + e.getMessage());
        }
    }

    private static String string(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
