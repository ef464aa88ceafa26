package dev.assay.lti;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's JWKS, fetched over HTTP and cached (15 minutes); a kid not in the cached set makes one
 * refetch (at most one a second per platform, so a flood of unknown kids does not become a flood of fetches).
 * Each fetch has one deadline for the whole answer ({@link BoundedHttp}), so a slow platform delays its own
 * launches by that much at most.
 */
@ApplicationScoped
public class PlatformKeys {
    @Inject
    LtiSettings settings;

    private final ConcurrentHashMap<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public JWKSource<SecurityContext> of(Platform p) {
        return sources.computeIfAbsent(p.id() + " " + p.jwksUrl(), k -> build(p.jwksUrl()));
    }

    private JWKSource<SecurityContext> build(String url) {
        BoundedHttp http = new BoundedHttp(settings.httpTimeout());
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL(), retriever(http))
                    .cache(15 * 60_000L, http.deadline().toMillis() + 1_000L)
                    .rateLimited(1_000L)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksUrl is not a URL: " + url, e);
        }
    }

    /** Nimbus's retriever over {@link BoundedHttp}: the JWKS whole within the deadline, or an error saying why. */
    static ResourceRetriever retriever(BoundedHttp http) {
        return (URL url) -> {
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(url.toURI()).timeout(http.deadline()).header("Accept", "application/json")
                        .GET().build());
            } catch (URISyntaxException e) {
                throw new IOException("not a URL: " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            }
            if (r.statusCode() / 100 != 2) {
                throw new IOException(url + " answered " + r.statusCode());
            }
            return new Resource(r.body(), r.headers().firstValue("Content-Type").orElse(null));
        };
    }
}
