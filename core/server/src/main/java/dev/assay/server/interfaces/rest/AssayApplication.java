package dev.assay.server.interfaces.rest;

import dev.assay.server.interfaces.rest.security.AccessFilter;
import dev.assay.server.interfaces.web.WebSupport;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API under /api. Its classes are listed, not scanned: no library's providers slip in. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Assay", version = "0.1.0",
        description = "Grading and feedback engine: packs, questions, answers, grades."),
        security = @SecurityRequirement(name = "admin-token"))
@SecurityScheme(securitySchemeName = "admin-token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class AssayApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new java.util.HashSet<>(Set.of(PluginResource.class, PackResource.class,
                AssignmentResource.class, QuestionResource.class, SubmissionResource.class, OutboxResource.class,
                ReviewResource.class, MeResource.class, RenderResource.class, RosterResource.class, AccessFilter.class));
        classes.addAll(WebSupport.providers());
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        return WebSupport.JACKSON_ONLY;
    }
}
