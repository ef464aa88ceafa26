package dev.assay.lti;

import dev.assay.server.interfaces.web.WebOrigin;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Web origins (scheme://host[:port]) of http(s) URLs, for Content-Security-Policy sources, by the core's one rule
 * ({@link WebOrigin}): only what a URI parser read as a scheme, a host and a port goes into a header.
 */
final class Origins {
    private Origins() {
    }

    /**
     * What keeps the text from being a URL Assay will use (an absolute http(s) URL with a host and no user name), as a
     * phrase that follows the URL's name ("The LMS's return URL 'x' is not an http(s) address"); empty when it is one.
     * The one check for every URL a platform or an administrator gives.
     */
    static Optional<String> problem(String url) {
        return WebOrigin.problem(url);
    }

    /** The URL's origin, or empty when it is not a URL Assay uses ({@link #problem}). */
    static Optional<String> of(String url) {
        return WebOrigin.of(url);
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
