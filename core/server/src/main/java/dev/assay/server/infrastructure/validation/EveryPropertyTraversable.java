package dev.assay.server.infrastructure.validation;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation here checks request bodies and plugin configurations, never JPA entities, so the
 * default resolver's per-property "is this lazily loaded?" questions to the persistence provider are
 * pure cost on every request. Every property is reachable and cascadable.
 */
public class EveryPropertyTraversable implements TraversableResolver {
    @Override
    public boolean isReachable(Object bean, Path.Node node, Class<?> rootType, Path path, ElementType type) {
        return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node node, Class<?> rootType, Path path, ElementType type) {
        return true;
    }
}
