package dev.assay.lti;

import dev.assay.api.Attachment;
import dev.assay.api.Validation;
import dev.assay.server.interfaces.web.AnswerBody;
import dev.assay.server.interfaces.web.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.logging.Logger;

/** OIDC login, the launch, and the student page's API (bearer session token, no cookies). */
@Path("")
@ApplicationScoped
public class LtiResource {
    private static final Logger LOG = Logger.getLogger(LtiResource.class.getName());
    /** The page loads only what Assay serves. Who may frame it and where its forms may post are added per page. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

    @Inject
    LoginFlow logins;
    @Inject
    LaunchFlow launches;
    @Inject
    DeepLinking deepLinking;
    @Inject
    StudentPage pages;
    @Inject
    InstructorPanel panel;
    @Inject
    SessionTokens sessions;
    @Inject
    PlatformStore platforms;

    @Context
    UriInfo uri;

    /** The application's root URL (with its context path), where /lti/launch and the static files are. */
    private URI appRoot() {
        return uri.getBaseUri().resolve("..");
    }

    /**
     * The page, shown in frames of the LMS pages at {@code framedBy} (origins; none: no frame at all), whose forms may
     * also post to {@code formTarget}'s origin (a deep-linking return to the LMS). LMSs show tools in an iframe (Moodle's
     * default launch container, its "Select content" dialog), so the page names them in {@code frame-ancestors};
     * the server sends no X-Frame-Options (the boot command file turns Payara's SAMEORIGIN off).
     */
    static Response html(int status, String body, String formTarget, java.util.Collection<String> framedBy) {
        String formAction = "'self'" + (formTarget == null ? "" : Origins.of(formTarget).map(o -> " " + o).orElse(""));
        String csp = CSP + "; form-action " + formAction + "; frame-ancestors " + Origins.sources(framedBy);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                .header("Content-Security-Policy", csp).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff").build();
    }

    /** The origins of every registered platform's pages: who may frame a refusal whose platform is not known. */
    private java.util.Set<String> registeredPlatformOrigins() {
        return Origins.of(platforms.all().stream().flatMap(p -> p.pages().stream()).toList());
    }

    /**
     * A refusal, framed by its platform's pages; when the platform is not known, by any registered platform's (the
     * page has no session and nothing to click, so showing it where an LMS frames Assay harms nobody).
     */
    private Response rejected(String where, LaunchRejected e) {
        if (e.code().equals("LOGIN_NO_TOOL_URL")) {
            LOG.severe(() -> "LTI " + where + " refused [" + e.code() + "]: " + e.getMessage());
        } else {
            LOG.warning(() -> "LTI " + where + " refused [" + e.code() + "]: " + e.getMessage());
        }
        java.util.Set<String> framedBy = e.platform().map(p -> Origins.of(p.pages())).orElseGet(this::registeredPlatformOrigins);
        int status = e.code().equals("UNKNOWN_ISSUER") || e.code().startsWith("LOGIN") ? 400 : 401;
        return html(status, Pages.error(pages.base(), "This launch was refused", e.getMessage(), e.code()), null, framedBy);
    }

    @GET
    @Path("login")
    public Response loginGet(@QueryParam("iss") String iss, @QueryParam("login_hint") String loginHint,
                             @QueryParam("target_link_uri") String target, @QueryParam("lti_message_hint") String messageHint,
                             @QueryParam("client_id") String clientId, @QueryParam("lti_deployment_id") String deployment) {
        return login(iss, loginHint, target, messageHint, clientId, deployment);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginPost(@FormParam("iss") String iss, @FormParam("login_hint") String loginHint,
                              @FormParam("target_link_uri") String target, @FormParam("lti_message_hint") String messageHint,
                              @FormParam("client_id") String clientId, @FormParam("lti_deployment_id") String deployment) {
        return login(iss, loginHint, target, messageHint, clientId, deployment);
    }

    private Response login(String iss, String loginHint, String target, String messageHint, String clientId, String deployment) {
        try {
            return Response.status(302).location(logins.login(iss, loginHint, target, messageHint, clientId, deployment,
                    appRoot())).header("Cache-Control", "no-store").build();
        } catch (LaunchRejected e) {
            return rejected("login", e);
        }
    }

    @POST
    @Path("launch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response launch(@FormParam("id_token") String idToken, @FormParam("state") String state,
                           @FormParam("error") String error, @FormParam("error_description") String errorDescription) {
        if (error != null) {
            LOG.warning(() -> "LTI launch: the platform answered " + error + ": " + errorDescription);
            return html(400, Pages.error(pages.base(), "The LMS did not complete the launch", "It answered '" + error + "'"
                    + (errorDescription == null ? "" : ": " + errorDescription) + ".", "PLATFORM_ERROR"), null,
                    registeredPlatformOrigins());
        }
        try {
            LaunchFlow.LaunchPage page = launches.launch(idToken, state);
            return html(200, page.html(), page.formTarget(), page.framedBy());
        } catch (LaunchRejected e) {
            return rejected("launch", e);
        }
    }

    private Sessions.Session session(String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        return sessions.sessions().verify(token).orElseThrow(() -> ErrorBody.of(401,
                "Your session has expired or is not valid: open the activity again from your course.").asException());
    }

    @POST
    @Path("api/questions/{pack}/{name}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> validate(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("pack") String pack,
                                        @PathParam("name") String name, @Valid @NotNull AnswerBody body) {
        Sessions.Session s = session(auth);
        Validation v = pages.validate(s, pack + "/" + name, body.toAnswer());
        return Map.of("valid", v.valid(), "html", Pages.preview(v.valid(), v.echo(), v.messages()));
    }

    @POST
    @Path("api/questions/{pack}/{name}/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("pack") String pack,
                                      @PathParam("name") String name, @Valid @NotNull AnswerBody body) {
        Sessions.Session s = session(auth);
        return Map.of("html", pages.submit(s, pack + "/" + name, body.toAnswer()));
    }

    @GET
    @Path("api/questions/{pack}/{name}/files/{file}")
    @Produces(MediaType.WILDCARD)
    public Response handout(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("pack") String pack,
                            @PathParam("name") String name, @PathParam("file") String file) {
        Attachment a = pages.handout(session(auth), pack + "/" + name, file);
        return Response.ok(a.content(), a.mediaType()).header("Content-Disposition", "attachment; filename=\""
                + a.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\"").build();
    }

    public record BindBody(@NotNull String assignment) {
    }

    public record ReviewBody(@NotNull Double points, @jakarta.validation.constraints.Size(max = 20_000) String comment) {
    }

    @POST
    @Path("api/instructor/review/{submission}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> review(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("submission") long submission,
                                      @Valid @NotNull ReviewBody body) {
        return Map.of("html", panel.review(session(auth), submission, body.points(), body.comment()));
    }

    /** The panel's "Not started" list, asked for once the page is shown (the LMS's class list may take a while). */
    @GET
    @Path("api/instructor/roster")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> roster(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return Map.of("html", panel.roster(session(auth)));
    }

    @POST
    @Path("api/instructor/regrades")
    @Produces(MediaType.APPLICATION_JSON)
    public InstructorPanel.PanelRegrade regrade(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        return panel.regrade(session(auth));
    }

    @GET
    @Path("api/instructor/regrades/{execution}")
    @Produces(MediaType.APPLICATION_JSON)
    public InstructorPanel.PanelRegrade regradeStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                                                 @PathParam("execution") long execution) {
        return panel.regradeStatus(session(auth), execution);
    }

    @POST
    @Path("api/deeplink")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DeepLinking.DeepLinkResponse deepLink(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Valid @NotNull BindBody body) {
        return deepLinking.deepLink(session(auth), body.assignment(), appRoot());
    }

    @POST
    @Path("api/link/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> bind(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Valid @NotNull BindBody body) {
        return Map.of("html", launches.bind(session(auth), body.assignment()));
    }
}
