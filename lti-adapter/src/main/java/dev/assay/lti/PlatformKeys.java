package dev.assay.lti;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's JWKS, fetched over HTTP and cached (15 minutes); a kid not in the cached set makes one
 * refetch (at most one a second per platform, so a flood of unknown kids does not become a flood of fetches).
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
        int timeout = (int) settings.httpTimeout().toMillis();
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL(),
                            new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
                    .cache(15 * 60_000L, timeout)
                    .rateLimited(1_000L)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUrl is not a URL: " + url, e);
        }
    }
}
