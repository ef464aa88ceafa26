package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The one-time registration URL an LMS opens (LTI Dynamic Registration): {@code /lti/register?token=…}, with the LMS's
 * {@code openid_configuration} and {@code registration_token} added by the LMS. It answers a page, in the LMS's frame.
 */
@Path("register")
@ApplicationScoped
public class RegistrationResource {
    @Inject
    DynamicRegistration registration;
    @Inject
    StudentPage pages;

    @GET
    public Response register(@QueryParam("token") String token, @QueryParam("openid_configuration") String openidConfiguration,
                             @QueryParam("registration_token") String registrationToken) {
        DynamicRegistration.Outcome o = registration.register(token, openidConfiguration, registrationToken);
        return LtiResource.html(o.status(), Pages.registration(pages.base(), o.title(), o.message(), o.done()), null,
                o.framedBy());
    }
}
