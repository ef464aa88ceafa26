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

    /**
     * What keeps the text from being a URL Assay will use (an absolute http(s) URL with a host and no user name), as a
     * phrase that follows the URL's name ("The LMS's return URL 'x' is not an http(s) address"); empty when it is one.
     * The one check for every URL a platform or an administrator gives.
     */
    static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is empty");
        }
        String shown = "'" + (url.length() > 80 ? url.substring(0, 80) + "…" : url) + "'";
        URI u;
        try {
            u = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of(shown + " is not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of(shown + " is not an http(s) address");
        }
        if (u.getHost() == null) {
            return Optional.of(shown + " names no host");
        }
        if (u.getRawUserInfo() != null) {
            return Optional.of(shown + " carries a user name");
        }
        return Optional.empty();
    }

    /** The URL's origin, or empty when it is not a URL Assay uses ({@link #problem}). */
    static Optional<String> of(String url) {
        if (problem(url).isPresent()) {
            return Optional.empty();
        }
        URI u = URI.create(url);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
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
