package dev.assay.lti;

import dev.assay.server.interfaces.rest.AssayApplication;
import dev.assay.server.interfaces.rest.ErrorMappers;
import dev.assay.server.interfaces.rest.JsonProvider;
import dev.assay.server.interfaces.rest.ObjectMapperResolver;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The LTI endpoints under /lti: login, launch, the page's API, platform administration. */
@ApplicationPath("lti")
public class LtiApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new java.util.HashSet<>(Set.of(LtiResource.class, LtiAdminResource.class, JsonProvider.class,
                ObjectMapperResolver.class, dev.assay.server.interfaces.rest.BodySizeLimit.class));
        classes.addAll(ErrorMappers.ALL);
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        return AssayApplication.JACKSON_ONLY;
    }
}
