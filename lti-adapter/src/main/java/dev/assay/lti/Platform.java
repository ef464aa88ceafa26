package dev.assay.lti;

import java.util.Set;

/** A registered LTI 1.3 platform (an LMS): who it is, where its endpoints are, its deployments of Assay. */
public record Platform(long id, String issuer, String clientId, String authUrl, String tokenUrl, String jwksUrl, String name,
                       Set<String> deployments) {
}
