package dev.assay.lti;

import dev.assay.server.interfaces.web.WebSupport;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The LTI endpoints under /lti: login, launch, the page's API, platform administration. */
@ApplicationPath("lti")
public class LtiApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new java.util.HashSet<>(Set.of(LtiResource.class, LtiAdminResource.class, RegistrationResource.class));
        classes.addAll(WebSupport.providers());
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        return WebSupport.JACKSON_ONLY;
    }
}
