package dev.assay.server.application.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A token that opens the instructor workspace for one assignment (through the REST API the workspace pages call).
 *
 * @param target the LMS link's target its submissions are tagged with, so the pages can ask for that activity's roster
 *               and standings; empty outside an LMS
 */
public record WorkspaceGrant(String token, Instant expires, long assignment, Optional<String> target) {
}
