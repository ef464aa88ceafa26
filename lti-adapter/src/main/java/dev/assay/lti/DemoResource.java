package dev.assay.lti;

import dev.assay.server.application.AssayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * /demo: the demo course's start page, and HW7 opened as a student or as an instructor. Each visitor is one demo
 * student (and one demo instructor), named by a random id in a cookie for /demo only (HttpOnly, SameSite=Lax), so a
 * reload keeps their work; a request without a valid cookie makes one visitor, no more. The pages are not framed.
 */
@Path("")
@ApplicationScoped
public class DemoResource {
    private static final Logger LOG = Logger.getLogger(DemoResource.class.getName());
    static final String COOKIE = "assay-demo";
    /** How long a browser keeps its demo visitor: 30 days. */
    private static final int COOKIE_SECONDS = 30 * 24 * 3600;

    @Inject
    DemoSettings settings;
    @Inject
    DemoCourse demo;
    @Inject
    StudentPage pages;

    @Context
    UriInfo uri;

    @GET
    public Response home() {
        if (!settings.enabled()) {
            return off();
        }
        return LtiResource.html(200, Pages.demoHome(pages.base()), null, Set.of());
    }

    @GET
    @Path("student")
    public Response asStudent(@CookieParam(COOKIE) String cookie) {
        return open(cookie, false);
    }

    @GET
    @Path("instructor")
    public Response asInstructor(@CookieParam(COOKIE) String cookie) {
        return open(cookie, true);
    }

    private Response open(String cookie, boolean teaches) {
        if (!settings.enabled()) {
            return off();
        }
        Optional<String> known = DemoCourse.visitor(cookie);
        String visitor = known.orElseGet(DemoCourse::newVisitor);
        String html;
        try {
            html = demo.page(visitor, teaches);
        } catch (AssayException e) {
            LOG.warning(() -> "Demo course: " + e.getMessage());
            return LtiResource.html(503, Pages.error(pages.base(), "The demo course is not available", e.getMessage(),
                    "DEMO_UNAVAILABLE"), null, Set.of());
        }
        Response page = LtiResource.html(200, html, null, Set.of());
        return known.isPresent() ? page : Response.fromResponse(page).header("Set-Cookie", cookie(visitor)).build();
    }

    /** The visitor's cookie: for /demo only, out of scripts' reach, not sent along from other sites' pages. */
    private String cookie(String visitor) {
        return COOKIE + "=" + visitor + "; Path=" + pages.base() + "/demo; Max-Age=" + COOKIE_SECONDS + "; HttpOnly; SameSite=Lax"
                + ("https".equals(uri.getBaseUri().getScheme()) ? "; Secure" : "");
    }

    private Response off() {
        return LtiResource.html(404, Pages.error(pages.base(), "The demo is off", "This Assay server does not serve the demo "
                + "course: its administrator turned it off (assay.demo.enabled=false), or it runs on a shared database, where "
                + "the demo is off unless assay.demo.enabled=true.", "DEMO_OFF"), null, Set.of());
    }
}
