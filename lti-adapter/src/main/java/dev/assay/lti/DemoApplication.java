package dev.assay.lti;

import dev.assay.server.interfaces.web.WebSupport;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The demo course's pages under /demo (its answers go through the student page's API under /lti, with its session). */
@ApplicationPath("demo")
public class DemoApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(Set.of(DemoResource.class));
        classes.addAll(WebSupport.providers());
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        return WebSupport.JACKSON_ONLY;
    }
}
