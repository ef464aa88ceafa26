package dev.assay.lti;

import dev.assay.server.application.AssayException;
import dev.assay.server.interfaces.web.AdminToken;
import dev.assay.server.interfaces.web.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Platform registrations and the tool's keys, for administrators (the admin bearer token). */
@Path("admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class LtiAdminResource {
    @Inject
    PlatformStore platforms;

    @Inject
    ToolKeys keys;

    @Inject
    RegistrationTokens registrationTokens;

    @Inject
    LtiSettings settings;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @Inject
    @ConfigProperty(name = "assay.admin.token")
    Optional<String> adminToken;

    private void admin(String authorization) {
        if (!AdminToken.matches(authorization, adminToken)) {
            throw new WebApplicationException(Response.fromResponse(ErrorBody.of(401,
                    "Send the admin token as 'Authorization: Bearer <token>'.").response())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"assay\"").build());
        }
    }

    @GET
    @Path("platforms")
    public List<Platform> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        admin(auth);
        return platforms.all();
    }

    @POST
    @Path("platforms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, PlatformStore.Registration r) {
        admin(auth);
        if (r == null) {
            throw new AssayException(AssayException.Kind.INVALID, "Send the registration as JSON: issuer, clientId, authUrl, "
                    + "tokenUrl, jwksUrl, deploymentIds.");
        }
        List<String> problems = r.problems();
        if (!problems.isEmpty()) {
            throw new AssayException(AssayException.Kind.INVALID, "The registration is incomplete.", problems.stream()
                    .map(p -> new AssayException.Problem(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2))).toList());
        }
        return Response.status(201).entity(platforms.register(r)).build();
    }

    /** What the admin may say when creating a registration URL: the URL the LMS reaches Assay by (optional). */
    public record RegistrationBody(String toolUrl) {
    }

    /**
     * A one-time registration URL for LTI Dynamic Registration, valid 24 hours or until an LMS has registered with it.
     * It names Assay's root as {@code toolUrl} gives it, else assay.lti.public-url, else as this request reached Assay.
     */
    @POST
    @Path("registrations")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response createRegistration(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, RegistrationBody body) {
        admin(auth);
        String root = Optional.ofNullable(body).map(RegistrationBody::toolUrl).filter(u -> !u.isBlank())
                .or(settings::publicUrl)
                .orElseGet(() -> uri.getBaseUri().resolve("..").toString())
                .replaceAll("/+$", "").replaceAll("/lti/launch$", "");
        Optional<String> problem = Origins.problem(root);
        if (problem.isPresent()) {
            throw new AssayException(AssayException.Kind.INVALID, "The tool URL " + problem.get() + ".",
                    List.of(new AssayException.Problem("toolUrl", "give the http(s) URL the LMS reaches Assay by")));
        }
        RegistrationTokens.Issued issued = registrationTokens.issue(root);
        return Response.status(201).entity(Map.of("url", root + "/lti/register?token=" + issued.token(),
                "expires", issued.expires().toString())).build();
    }

    @POST
    @Path("keys/rotate")
    public Map<String, Object> rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        admin(auth);
        String kid = keys.rotate();
        // In a cluster the new key signs once every node publishes it (assay.lti.key-activation-seconds); on one node now.
        return Map.of("newKid", kid, "signingKid", keys.signingKey().getKeyID(), "newKeySignsFrom",
                keys.activationOfNewKey().toString(), "published", keys.jwks().getKeys().stream().map(k -> k.getKeyID()).toList());
    }
}
