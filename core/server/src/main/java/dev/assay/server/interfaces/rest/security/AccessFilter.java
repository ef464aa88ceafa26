package dev.assay.server.interfaces.rest.security;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates API calls and checks {@link Allowed}. The bearer admin token
 * ({@code assay.admin.token}) is the credential until LTI launches exist; every method must name
 * its roles, so a method without {@link Allowed} is refused rather than left open.
 */
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {
    @Inject
    @ConfigProperty(name = "assay.admin.token")
    Optional<String> adminToken;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Set<Role> roles = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (roles == null) {
            request.abortWith(error(Response.Status.UNAUTHORIZED, adminToken.filter(t -> !t.isBlank()).isEmpty()
                    ? "This server has no admin token configured: set ASSAY_ADMIN_TOKEN (or assay.admin.token) and restart."
                    : "Send the admin token as 'Authorization: Bearer <token>'."));
            return;
        }
        Allowed allowed = resource.getResourceMethod() == null ? null
                : Optional.ofNullable(resource.getResourceMethod().getAnnotation(Allowed.class))
                .orElse(resource.getResourceClass().getAnnotation(Allowed.class));
        if (allowed == null || roles.stream().noneMatch(List.of(allowed.value())::contains)) {
            request.abortWith(error(Response.Status.FORBIDDEN, "Your role may not do this."));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "admin";
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.stream().anyMatch(r -> r.name().equalsIgnoreCase(role));
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

    private Set<Role> authenticate(String header) {
        return AdminToken.matches(header, adminToken) ? EnumSet.allOf(Role.class) : null;
    }

    private static Response error(Response.Status status, String message) {
        Response.ResponseBuilder r = Response.fromResponse(ErrorBody.of(status.getStatusCode(), message).response());
        if (status == Response.Status.UNAUTHORIZED) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"assay\"");
        }
        return r.build();
    }
}
