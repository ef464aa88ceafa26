package dev.assay.engine.plugin;

import dev.assay.api.GraderPlugin;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

    /** The plugin's own status for health reports, read under its class loader; a failing plugin says why. */
    public Map<String, String> status() {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Map<String, String> s = plugin.status();
            return s == null ? Map.of() : new TreeMap<>(s);
        } catch (RuntimeException | LinkageError e) {
            return Map.of("statusError", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
