package dev.assay.lti;

import java.util.Set;

/**
 * A registered LTI 1.3 platform (an LMS): who it is, where its endpoints are, its deployments of Assay, and the URL it
 * reaches Assay by ({@code toolUrl}, null when not given).
 */
public record Platform(long id, String issuer, String clientId, String authUrl, String tokenUrl, String jwksUrl, String name,
                       Set<String> deployments, String toolUrl) {
    /** URLs on the platform's own web server(s): the pages that may show (frame) Assay are there. */
    public java.util.List<String> pages() {
        return java.util.List.of(issuer, authUrl, tokenUrl);
    }
}
