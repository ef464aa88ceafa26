package dev.assay.engine.plugin;

import dev.assay.api.GraderPlugin;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The grader plugins of one engine: those on the application class path, then one per sub-folder
 * of each plugins folder (the jars in it, each folder with a class loader of its own). A plugin that
 * fails to load is recorded with the reason and skipped; the rest load.
 */
public final class PluginRegistry {
    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());
    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final String CLASSPATH_ORIGIN = "classpath";

    private final Map<String, LoadedPlugin> plugins;
    private final List<PluginLoadFailure> failures;

    private PluginRegistry(Map<String, LoadedPlugin> plugins, List<PluginLoadFailure> failures) {
        this.plugins = Collections.unmodifiableMap(plugins);
        this.failures = List.copyOf(failures);
    }

    /** Plugins on {@code appLoader}'s class path, then those in the given plugin folders. */
    public static PluginRegistry load(ClassLoader appLoader, List<Path> pluginDirs) {
        Map<String, LoadedPlugin> found = new LinkedHashMap<>();
        List<PluginLoadFailure> failures = new ArrayList<>();
        discover(appLoader, CLASSPATH_ORIGIN, found, failures);
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> folders;
            try (Stream<Path> s = Files.list(dir)) {
                folders = s.filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                failures.add(new PluginLoadFailure(dir.toString(), "cannot list the plugins folder: " + e.getMessage()));
                continue;
            }
            for (Path folder : folders) {
                loadFolder(folder, PluginRegistry.class.getClassLoader(), found, failures);
            }
        }
        for (PluginLoadFailure f : failures) {
            LOG.warning(() -> "Plugin not loaded from " + f.origin() + ": " + f.reason());
        }
        return new PluginRegistry(found, failures);
    }

    /** Parses {@code a:b:c} (the platform's path separator) into folders. */
    public static List<Path> parseDirs(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        for (String part : spec.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                dirs.add(Path.of(part.trim()));
            }
        }
        return dirs;
    }

    private static void loadFolder(Path folder, ClassLoader spiLoader, Map<String, LoadedPlugin> found,
                                   List<PluginLoadFailure> failures) {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path jar : s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            failures.add(new PluginLoadFailure(folder.toString(), "cannot read the folder: " + e.getMessage()));
            return;
        }
        if (jars.isEmpty()) {
            failures.add(new PluginLoadFailure(folder.toString(), "the folder holds no .jar files"));
            return;
        }
        PluginClassLoader loader = new PluginClassLoader("assay-plugin-" + folder.getFileName(),
                jars.toArray(URL[]::new), spiLoader);
        int before = found.size();
        int failuresBefore = failures.size();
        discover(loader, folder.toString(), found, failures);
        if (found.size() == before && failures.size() == failuresBefore) {
            failures.add(new PluginLoadFailure(folder.toString(),
                    "no grader plugin found: a jar must list its class in META-INF/services/" + GraderPlugin.class.getName()));
        }
    }

    @SuppressWarnings("rawtypes")
    private static void discover(ClassLoader loader, String origin, Map<String, LoadedPlugin> found,
                                 List<PluginLoadFailure> failures) {
        ServiceLoader<GraderPlugin> serviceLoader = ServiceLoader.load(GraderPlugin.class, loader);
        Iterator<GraderPlugin> it = serviceLoader.iterator();
        // A broken provider makes hasNext()/next() throw; the iterator can go on past it.
        for (int guard = 0; guard < 1000; guard++) {
            GraderPlugin plugin;
            try {
                if (!it.hasNext()) {
                    return;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new PluginLoadFailure(origin, describe(e)));
                continue;
            }
            if (plugin.getClass().getClassLoader() != loader && !CLASSPATH_ORIGIN.equals(origin)) {
                continue; // seen through the parent: not this folder's plugin
            }
            register(plugin, loader, origin, found, failures);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void register(GraderPlugin plugin, ClassLoader loader, String origin,
                                 Map<String, LoadedPlugin> found, List<PluginLoadFailure> failures) {
        String id;
        String version;
        try {
            id = plugin.id();
            version = plugin.version();
            if (plugin.configType() == null || !plugin.configType().isRecord()) {
                failures.add(new PluginLoadFailure(origin, "plugin " + id + ": configType() must be a record class"));
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            failures.add(new PluginLoadFailure(origin, plugin.getClass().getName() + " failed to describe itself: " + describe(e)));
            return;
        }
        if (id == null || !PLUGIN_ID.matcher(id).matches()) {
            failures.add(new PluginLoadFailure(origin, plugin.getClass().getName()
                    + ": id '" + id + "' is not valid (lower-case letters, digits and '-')"));
            return;
        }
        LoadedPlugin existing = found.get(id);
        if (existing != null) {
            failures.add(new PluginLoadFailure(origin, "plugin id '" + id + "' is already taken by the plugin from "
                    + existing.origin() + "; this one is skipped"));
            return;
        }
        found.put(id, new LoadedPlugin(plugin, id, version == null ? "unknown" : version, origin, loader));
        LOG.log(Level.INFO, "Loaded grader plugin {0} {1} from {2}", new Object[]{id, version, origin});
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause != e) {
            sb.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            e = cause;
            cause = cause.getCause();
        }
        return sb.toString();
    }

    public List<LoadedPlugin> plugins() {
        return List.copyOf(plugins.values());
    }

    public Optional<LoadedPlugin> find(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    public List<PluginLoadFailure> failures() {
        return failures;
    }

    /** For tests and tools: a registry of the given plugins, as if found on the class path. */
    public static PluginRegistry of(GraderPlugin<?>... list) {
        Map<String, LoadedPlugin> map = new LinkedHashMap<>();
        for (GraderPlugin<?> p : list) {
            map.put(p.id(), new LoadedPlugin(p, p.id(), p.version(), CLASSPATH_ORIGIN, p.getClass().getClassLoader()));
        }
        return new PluginRegistry(map, List.of());
    }

}
