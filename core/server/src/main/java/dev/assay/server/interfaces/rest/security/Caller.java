package dev.assay.server.interfaces.rest.security;

import dev.assay.server.application.api.WorkspaceAccess;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Who made an API call: the admin (the admin token, every role) or an instructor with a workspace token, whose name is
 * the actor recorded for what they do (configuration versions' authors, reviews).
 *
 * @param workspace the workspace token's grant; empty for the admin
 */
public record Caller(String actor, Set<Role> roles, Optional<WorkspaceAccess> workspace) implements Principal {
    static final String ADMIN = "admin";

    static Caller admin() {
        return new Caller(ADMIN, Set.of(Role.values()), Optional.empty());
    }

    static Caller instructor(WorkspaceAccess access) {
        return new Caller(access.actor(), Set.of(Role.INSTRUCTOR), Optional.of(access));
    }

    /**
     * Who a review is recorded as given by: a workspace token's instructor (a name in the request body cannot change it);
     * for the admin token, the name the body gives, else "instructor".
     */
    public static String reviewer(SecurityContext security, String named) {
        if (security.getUserPrincipal() instanceof Caller c && c.workspace().isPresent()) {
            return c.actor();
        }
        return named == null || named.isBlank() ? "instructor" : named;
    }

    @Override
    public String getName() {
        return actor;
    }

    /** The role a client shows: ADMIN or INSTRUCTOR. */
    public Role role() {
        return roles.contains(Role.ADMIN) ? Role.ADMIN : Role.INSTRUCTOR;
    }
}
