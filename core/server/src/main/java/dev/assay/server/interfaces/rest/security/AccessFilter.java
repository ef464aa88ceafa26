package dev.assay.server.interfaces.rest.security;

import dev.assay.server.application.api.WorkspaceAccess;
import dev.assay.server.application.api.Workspaces;
import dev.assay.server.interfaces.web.AdminToken;
import dev.assay.server.interfaces.web.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates API calls and checks {@link Allowed}. Two credentials: the bearer admin token ({@code assay.admin.token}),
 * which carries every role, and an instructor workspace token ({@link Workspaces}), which carries the INSTRUCTOR role for
 * one assignment only: its questions, that assignment's own endpoints, the plugins' list and configuration schemas, and
 * {@code GET /api/me}; anything else is refused (403) naming the assignment the token is for. Every method must name its
 * roles, so a method without {@link Allowed} is refused rather than left open.
 */
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {
    @Inject
    @ConfigProperty(name = "assay.admin.token")
    Optional<String> adminToken;

    @Inject
    Workspaces workspaces;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Caller caller = authenticate(header);
        if (caller == null) {
            request.abortWith(error(Response.Status.UNAUTHORIZED, bearer(header).map(t -> t.chars().filter(ch -> ch == '.').count() == 2)
                    .orElse(false)
                    ? "This workspace token is not valid or has expired: open the workspace again from the LMS (or ask "
                    + "for a new token)."
                    : adminToken.filter(t -> !t.isBlank()).isEmpty()
                    ? "This server has no admin token configured: set ASSAY_ADMIN_TOKEN (or assay.admin.token) and restart."
                    : "Send the admin token (or an instructor workspace token) as 'Authorization: Bearer <token>'."));
            return;
        }
        if (caller.workspace().isPresent()) {
            Optional<String> outside = outsideScope(caller.workspace().get(), request.getMethod(),
                    request.getUriInfo().getPath());
            if (outside.isPresent()) {
                request.abortWith(error(Response.Status.FORBIDDEN, outside.get()));
                return;
            }
        }
        Allowed allowed = resource.getResourceMethod() == null ? null
                : Optional.ofNullable(resource.getResourceMethod().getAnnotation(Allowed.class))
                .orElse(resource.getResourceClass().getAnnotation(Allowed.class));
        if (allowed == null || caller.roles().stream().noneMatch(List.of(allowed.value())::contains)) {
            request.abortWith(error(Response.Status.FORBIDDEN, "Your role may not do this."));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.roles().stream().anyMatch(r -> r.name().equalsIgnoreCase(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private Caller authenticate(String header) {
        if (AdminToken.matches(header, adminToken)) {
            return Caller.admin();
        }
        return bearer(header).flatMap(workspaces::verify).map(Caller::instructor).orElse(null);
    }

    private static Optional<String> bearer(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty()) : Optional.empty();
    }

    /**
     * Why a workspace token may not make this call, if it may not: it reaches {@code GET me}, {@code GET plugins…}, {@code render…},
     * {@code assignments/{its id}…} and {@code questions/{pack}/{name}…} for its assignment's questions.
     */
    Optional<String> outsideScope(WorkspaceAccess access, String method, String path) {
        List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        String first = segments.get(0);
        boolean within = switch (first) {
            case "me" -> segments.size() == 1 && "GET".equals(method);
            case "plugins" -> "GET".equals(method);
            case "render" -> true; // renders the caller's own text, reads nothing stored
            case "assignments" -> segments.size() >= 2 && segments.get(1).equals(String.valueOf(access.assignment()));
            // Not answering in a student's name: a grade must come from the student (a preview is the instructor's try).
            case "questions" -> segments.size() >= 3 && workspaces.covers(access, segments.get(1) + "/" + segments.get(2))
                    && !(segments.size() == 4 && "submissions".equals(segments.get(3)) && "POST".equals(method));
            default -> false;
        };
        return within ? Optional.empty() : Optional.of("This workspace token is for assignment "
                + workspaces.describe(access) + ": it reaches that assignment, its questions, the plugins and /api/me, not "
                + method + " /api/" + path.replaceAll("^/+", "") + ". Use the admin token for the rest.");
    }

    private static Response error(Response.Status status, String message) {
        Response.ResponseBuilder r = Response.fromResponse(ErrorBody.of(status.getStatusCode(), message).response());
        if (status == Response.Status.UNAUTHORIZED) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"assay\"");
        }
        return r.build();
    }
}
