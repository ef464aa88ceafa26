package dev.assay.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars during a test: compiles the given sources against the SPI (and any extra
 * jars), writes them with their META-INF/services entry into a jar in a plugin folder.
 */
public final class TestPlugins {
    private TestPlugins() {
    }

    /** The jars of the test-libs folder Maven fills (two versions of commons-lang3). */
    public static Path testLib(String fileName) {
        Path p = Path.of(System.getProperty("assay.test.libs", "target/test-libs")).resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing test library " + p + " (run the tests through Maven)");
        }
        return p;
    }

    /**
     * Compiles {@code sources} (fully qualified class name → source) into {@code folder/plugin.jar},
     * registering {@code providerClass} as the GraderPlugin, and copies {@code bundled} jars beside it.
     */
    public static Path buildPluginFolder(Path folder, Map<String, String> sources, String providerClass,
                                         List<Path> bundled) throws IOException {
        Files.createDirectories(folder);
        Path src = Files.createTempDirectory(folder.getParent().getParent(), "src");
        Path classes = Files.createTempDirectory(folder.getParent().getParent(), "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file.toString());
        }
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path b : bundled) {
            cp.insert(0, b + java.io.File.pathSeparator);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp.toString(), "-nowarn"));
        args.addAll(files);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin did not compile");
        }
        Path jar = folder.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            if (providerClass != null) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.assay.api.GraderPlugin"));
                write(out, providerClass + "\n");
                out.closeEntry();
            }
        }
        for (Path b : bundled) {
            Files.copy(b, folder.resolve(b.getFileName()));
        }
        return folder;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Source of a plugin that reports the version of commons-lang3 it sees, and whether it can see Jackson. */
    public static String langPluginSource(String pkg, String id) {
        return """
                package %s;

                import dev.assay.api.*;

                public final class LangPlugin implements GraderPlugin<LangPlugin.Config> {
                    public record Config(String greeting) {}

                    public String id() { return "%s"; }
                    public String version() { return "1.0"; }
                    public Class<Config> configType() { return Config.class; }

                    public Validation validate(GradingRequest<Config> r) {
                        return Validation.valid(Echo.text(r.answer().text()));
                    }

                    public Grade grade(GradingRequest<Config> r) {
                        String lang = org.apache.commons.lang3.StringUtils.class.getPackage().getImplementationVersion();
                        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(1.0)
                                .echo(Echo.text(org.apache.commons.lang3.StringUtils.upperCase(r.config().greeting())))
                                .note("LANG_" + lang);
                        try {
                            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader());
                            g.note("SEES_ENGINE_LIBRARIES");
                        } catch (ClassNotFoundException expected) {
                            g.note("ISOLATED");
                        }
                        return g.build();
                    }
                }
                """.formatted(pkg, id);
    }
}
