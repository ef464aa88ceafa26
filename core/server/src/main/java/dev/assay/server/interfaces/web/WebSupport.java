package dev.assay.server.interfaces.web;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every Assay JAX-RS application (/api here, /lti in the adapter) registers, so that they all read and write
 * bodies alike and answer every error in one shape: Jackson with Assay's mapper and finite numbers only
 * ({@link JsonProvider}, {@link ObjectMapperResolver}), a cap on request bodies ({@link BodySizeLimit}), and the error
 * mappers ({@link ErrorMappers#ALL}).
 */
public final class WebSupport {
    private WebSupport() {
    }

    /** The providers and error mappers to add to an application's classes. */
    public static Set<Class<?>> providers() {
        Set<Class<?>> classes = new HashSet<>(Set.of(JsonProvider.class, ObjectMapperResolver.class, BodySizeLimit.class));
        classes.addAll(ErrorMappers.ALL);
        return classes;
    }

    /**
     * An application's properties: Jackson (JsonProvider) writes every body, as the CLI and the stored grades do;
     * JSON-B and MOXy stay out, and no JSON feature is auto-discovered.
     */
    public static final Map<String, Object> JACKSON_ONLY = Map.of("jersey.config.disableJsonBinding", true,
            "jersey.config.server.disableJsonBinding", true, "jersey.config.disableMoxyJson", true,
            "jersey.config.server.disableMoxyJson", true, "jersey.config.jsonFeature", "AssayJsonProvider",
            "jersey.config.server.jsonFeature", "AssayJsonProvider");
}
