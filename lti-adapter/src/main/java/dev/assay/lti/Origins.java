package dev.assay.lti;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Web origins (scheme://host[:port]) of http(s) URLs, for Content-Security-Policy sources: only what
 * {@link URI} parsed as a scheme, a host and a port goes into a header, never raw text from a URL.
 */
final class Origins {
    private Origins() {
    }

    /** The URL's origin, or empty when it is not an absolute http(s) URL with a host. */
    static Optional<String> of(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The distinct origins of those URLs that have one, in order. */
    static Set<String> of(Collection<String> urls) {
        Set<String> out = new LinkedHashSet<>();
        for (String u : urls) {
            of(u).ifPresent(out::add);
        }
        return out;
    }

    /** A CSP source list: the origins, or {@code 'none'} when there are none. */
    static String sources(Collection<String> origins) {
        return origins.isEmpty() ? "'none'" : String.join(" ", origins);
    }

    /** Whether both URLs have the same origin. */
    static boolean same(String a, String b) {
        Optional<String> oa = of(a);
        return oa.isPresent() && oa.equals(of(b));
    }
}
