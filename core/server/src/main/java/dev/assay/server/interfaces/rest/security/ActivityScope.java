package dev.assay.server.interfaces.rest.security;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.WorkspaceAccess;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Whose students' answers a call reads or changes: the one place that decides the gradebook target (an LMS activity,
 * {@code lti:<link id>}) for every endpoint over students' data. One assignment may be used by several LMS courses, so
 * a workspace token granted from an activity is held to that activity's answers: its target is forced, and a
 * {@code ?target=} naming another is refused (403). A workspace token granted without a target (by an admin) and the
 * admin token see every answer, or one activity's when they name it.
 */
public final class ActivityScope {
    private ActivityScope() {
    }

    /** The target for this call: see the class comment. */
    public static Optional<String> target(SecurityContext security, String requested) {
        return target(security.getUserPrincipal() instanceof Caller c ? c : null, requested);
    }

    /**
     * The target for this caller and {@code ?target=} (null or blank: none named); FORBIDDEN when a workspace token of
     * one activity names another.
     */
    static Optional<String> target(Caller caller, String requested) {
        Optional<String> named = Optional.ofNullable(requested).map(String::trim).filter(t -> !t.isEmpty());
        Optional<String> granted = caller == null ? Optional.empty() : caller.workspace().flatMap(WorkspaceAccess::target);
        if (granted.isEmpty()) {
            return named;
        }
        if (named.isPresent() && !named.get().equals(granted.get())) {
            throw new AssayException(AssayException.Kind.FORBIDDEN, "This workspace token is for the LMS activity '"
                    + granted.get() + "': it shows only the answers given through it, not those of '" + named.get()
                    + "'. Leave out ?target= (or open the workspace from the other activity).");
        }
        return granted;
    }
}
