package dev.assay.engine.plugin;

import dev.assay.api.GraderPlugin;
import java.util.Objects;

/**
 * A plugin the registry loaded.
 *
 * @param origin {@code classpath} or the plugin's folder
 */
public record LoadedPlugin(GraderPlugin<?> plugin, String id, String version, String origin, ClassLoader loader) {
    public LoadedPlugin {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(loader, "loader");
    }

    @SuppressWarnings("unchecked")
    public <C extends Record> GraderPlugin<C> typed() {
        return (GraderPlugin<C>) plugin;
    }
}
