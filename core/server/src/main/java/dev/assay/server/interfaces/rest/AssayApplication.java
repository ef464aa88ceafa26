package dev.assay.server.interfaces.rest;

import dev.assay.server.interfaces.rest.security.AccessFilter;
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
                ReviewResource.class, JsonProvider.class, ObjectMapperResolver.class, AccessFilter.class, BodySizeLimit.class));
        classes.addAll(ErrorMappers.ALL);
        return classes;
    }

    /**
     * Jackson (JsonProvider) writes every body, as the CLI and the stored grades do; JSON-B and MOXy stay out,
     * and no JSON feature is auto-discovered. Every Assay JAX-RS application uses these properties.
     */
    public static final Map<String, Object> JACKSON_ONLY = Map.of("jersey.config.disableJsonBinding", true,
            "jersey.config.server.disableJsonBinding", true, "jersey.config.disableMoxyJson", true,
            "jersey.config.server.disableMoxyJson", true, "jersey.config.jsonFeature", "AssayJsonProvider",
            "jersey.config.server.jsonFeature", "AssayJsonProvider");

    @Override
    public Map<String, Object> getProperties() {
        return JACKSON_ONLY;
    }
}
