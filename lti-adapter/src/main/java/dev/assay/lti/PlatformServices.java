package dev.assay.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.assay.server.interfaces.web.FiniteNumbers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls to a platform's services (AGS, NRPS) with the tool's access token: an OAuth2 client_credentials token obtained
 * with a private_key_jwt assertion signed by the tool's current key, cached per platform and scope until 30 s before it
 * expires, and one fresh token when the service answers 401. Each call has one deadline for its whole answer
 * ({@link BoundedHttp}). The one token client of the adapter.
 */
@ApplicationScoped
public class PlatformServices {
    @Inject
    ToolKeys keys;
    @Inject
    LtiSettings settings;

    private BoundedHttp http;

    private record Token(String value, Instant expires) {
    }

    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

    /** An LMS answer that means "try later" (5xx, 429, or no usable token answer). */
    static class TryLater extends Exception {
        TryLater(String message) {
            super(message);
        }
    }

    /** An LMS answer that will not change by trying again. */
    static class Refuse extends Exception {
        Refuse(String message) {
            super(message);
        }
    }

    /** The token endpoint refused the tool a token for the scope (the service is not enabled for Assay, say). */
    static final class TokenRefused extends Refuse {
        final int status;

        TokenRefused(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    @PostConstruct
    void init() {
        http = new BoundedHttp(settings.httpTimeout());
    }

    /**
     * One call to a service of the platform under the scope's token, the answer whatever its status (a 401 is tried
     * once more with a fresh token first).
     */
    HttpResponse<String> call(Platform p, String scope, String method, String url, String contentType, String accept,
                              String body) throws TryLater, Refuse, IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(settings.httpTimeout())
                    .header("Authorization", "Bearer " + token(p, scope));
            if (accept != null) {
                r.header("Accept", accept);
            }
            r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                r.header("Content-Type", contentType);
            }
            HttpResponse<String> res = http.send(r.build());
            if (res.statusCode() == 401 && attempt == 0) {
                tokens.remove(p.id() + " " + scope); // expired early or revoked: one fresh token
                continue;
            }
            return res;
        }
    }

    /** A cached access token for the platform and scope; a new one through the token endpoint when needed. */
    private String token(Platform p, String scope) throws TryLater, Refuse, IOException, InterruptedException {
        String key = p.id() + " " + scope;
        Token t = tokens.get(key);
        if (t != null && t.expires().isAfter(Instant.now().plusSeconds(30))) {
            return t.value();
        }
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion(p), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(p.tokenUrl())).timeout(settings.httpTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (res.statusCode() / 100 != 2) {
            String what = "the token endpoint " + p.tokenUrl() + " answered " + res.statusCode() + ": " + clip(res.body());
            if (res.statusCode() >= 500 || res.statusCode() == 429) {
                throw new TryLater(what);
            }
            throw new TokenRefused(what + " (is Assay's JWKS URL or public key registered with the platform, and the service "
                    + "enabled for it?)", res.statusCode());
        }
        JsonNode json = FiniteNumbers.REST_MAPPER.readTree(res.body());
        String value = json.path("access_token").asText();
        if (value.isBlank()) {
            throw new TryLater("the token endpoint gave no access_token");
        }
        long seconds = json.path("expires_in").asLong(3600);
        tokens.put(key, new Token(value, Instant.now().plusSeconds(seconds)));
        return value;
    }

    /** The private_key_jwt client assertion: signed with the tool's current key, for the token endpoint. */
    String assertion(Platform p) {
        Instant now = Instant.now();
        return keys.sign(new JWTClaimsSet.Builder().issuer(p.clientId()).subject(p.clientId()).audience(p.tokenUrl())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .build(), "a client assertion");
    }

    static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
