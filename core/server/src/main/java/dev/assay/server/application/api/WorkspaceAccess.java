package dev.assay.server.application.api;

import java.time.Instant;
import java.util.Optional;

/** What a verified workspace token grants: the instructor it was given to, one assignment, until it expires. */
public record WorkspaceAccess(String actor, long assignment, Optional<String> target, Instant expires) {
}
