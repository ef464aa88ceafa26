package dev.assay.server.interfaces.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for URLs Assay takes from a platform or an administrator, and for the web origin (scheme://host[:port])
 * of such a URL: what goes into a Content-Security-Policy is rebuilt from what {@link URI} parsed as a scheme, a host
 * and a port, never raw text from the URL. Used by the workspace's framing filter and by the LTI adapter.
 */
public final class WebOrigin {
    private WebOrigin() {
    }

    /**
     * What keeps the text from being a URL Assay will use (an absolute http(s) URL with a host and no user name), as a
     * phrase that follows the URL's name ("The LMS's return URL 'x' is not an http(s) address"); empty when it is one.
     */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is empty");
        }
        String shown = "'" + (url.length() > 80 ? url.substring(0, 80) + "…" : url) + "'";
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
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

    /** The URL's origin, lower-cased and without a default port; empty when it is not a URL Assay uses ({@link #problem}). */
    public static Optional<String> of(String url) {
        if (problem(url).isPresent()) {
            return Optional.empty();
        }
        URI u = URI.create(url);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
