package dev.assay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The engine knows no plugin: its main sources name no shipped plugin's id (anywhere, comments included) and hold no
 * string that is one of a shipped plugin's configuration fields ({@code "mode"}, {@code "thresholds"}), which is how a
 * plugin's configuration leaks into code that builds or reads it as JSON. What a plugin is and needs comes through the
 * SPI (core/api) and its optional capabilities.
 *
 * <p>The plugins are read from their sources, parsed (not compiled) with the JDK's compiler: the plugin class each
 * {@code META-INF/services} file names, the id its {@code id()} returns, and the components of the record its
 * {@code configType()} returns.
 */
class NoPluginKnowledgeTest {
    static final Path ROOT = Path.of(System.getProperty("assay.repo.root", "../.."));
    static final Path ENGINE_MAIN = ROOT.resolve("core/engine/src/main/java");
    static final String SERVICES = "src/main/resources/META-INF/services/dev.assay.api.GraderPlugin";

    /**
     * Strings the engine owns that happen to be a plugin's field name too, with why: the file, and the strings in it.
     * A line of eval's references file is {@code {question, text, reference, scale}} (README, The CLI): eval's own
     * input format, which a plugin configuration field named {@code reference} does not make plugin knowledge.
     */
    static final Map<String, Set<String>> ENGINE_VOCABULARY = Map.of("dev/assay/engine/cli/EvalCommand.java", Set.of("reference"));

    /** A shipped plugin as its sources describe it. */
    record ShippedPlugin(String folder, String id, Set<String> configFields) {
    }

    @Test
    void theEngineNamesNoShippedPluginNorItsConfigurationFields() throws IOException {
        List<ShippedPlugin> plugins = shippedPlugins();
        assertThat(plugins).as("the shipped plugins, read from plugins/*").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(p -> assertThat(p.configFields()).as(p.id()).isNotEmpty());

        List<String> mentions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ENGINE_MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                mentions.addAll(mentions(ENGINE_MAIN.relativize(f).toString(), Files.readString(f), plugins));
            }
        }
        assertThat(mentions).as("plugin knowledge in core/engine/src/main; ask the plugin through the SPI instead").isEmpty();
    }

    /** The check can fail: the code eval had before issue 12 is caught on both counts. */
    @Test
    void theCheckCatchesWhatTheEngineUsedToHold() {
        ShippedPlugin essay = new ShippedPlugin("essay-rubric", "essay-rubric", Set.of("mode", "references", "thresholds"));
        String before = """
                class EvalCommand {
                    @Option(names = "--plugin", defaultValue = "essay-rubric") String plugin;
                    void refs() { o.put("mode", "reference"); o.putArray("thresholds"); }
                }
                """;
        assertThat(mentions("EvalCommand.java", before, List.of(essay))).containsExactly(
                "EvalCommand.java:2: the plugin id essay-rubric",
                "EvalCommand.java:3: \"mode\", a configuration field of essay-rubric",
                "EvalCommand.java:3: \"thresholds\", a configuration field of essay-rubric");
    }

    static List<String> mentions(String file, String source, List<ShippedPlugin> plugins) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (ShippedPlugin p : plugins) {
                if (lines[i].contains(p.id())) {
                    found.add(file + ":" + (i + 1) + ": the plugin id " + p.id());
                }
            }
        }
        Parsed parsed = parse(List.of(new SourceText(file, source)));
        CompilationUnitTree unit = parsed.units().get(0);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitLiteral(LiteralTree literal, Void unused) {
                if (literal.getValue() instanceof String s) {
                    for (ShippedPlugin p : plugins) {
                        if (p.configFields().contains(s) && !ENGINE_VOCABULARY.getOrDefault(file, Set.of()).contains(s)) {
                            long line = unit.getLineMap().getLineNumber(parsed.positions().getStartPosition(unit, literal));
                            found.add(file + ":" + line + ": \"" + s + "\", a configuration field of " + p.id());
                        }
                    }
                }
                return null;
            }
        }.scan(unit, null);
        return found;
    }

    static List<ShippedPlugin> shippedPlugins() throws IOException {
        List<ShippedPlugin> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(ROOT.resolve("plugins"))) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve(SERVICES))).sorted().toList()) {
                List<SourceText> sources = new ArrayList<>();
                try (Stream<Path> files = Files.walk(folder.resolve("src/main/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        sources.add(new SourceText(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
                    }
                }
                Map<String, ClassTree> classes = classes(parse(sources).units());
                for (String provider : Files.readAllLines(folder.resolve(SERVICES))) {
                    if (provider.isBlank() || provider.startsWith("#")) {
                        continue;
                    }
                    ClassTree plugin = classes.get(simpleName(provider.trim()));
                    assertThat(plugin).as("the source of " + provider).isNotNull();
                    String id = (String) ((LiteralTree) returned(plugin, "id")).getValue();
                    String configType = ((MemberSelectTree) returned(plugin, "configType")).getExpression().toString();
                    ClassTree config = classes.get(simpleName(configType));
                    assertThat(config).as("the source of " + configType).isNotNull();
                    out.add(new ShippedPlugin(folder.getFileName().toString(), id, components(config)));
                }
            }
        }
        return out;
    }

    /** What the method of this name returns: its body's one return statement. */
    private static Tree returned(ClassTree type, String method) {
        for (Tree m : type.getMembers()) {
            if (m instanceof MethodTree mt && mt.getName().contentEquals(method) && mt.getParameters().isEmpty()) {
                for (StatementTree s : mt.getBody().getStatements()) {
                    if (s instanceof ReturnTree r) {
                        return r.getExpression();
                    }
                }
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no " + method + "() that returns a value");
    }

    /** A record's components: the instance fields its parse tree holds. */
    private static Set<String> components(ClassTree record) {
        Set<String> names = new TreeSet<>();
        for (Tree m : record.getMembers()) {
            if (m instanceof VariableTree v && !v.getModifiers().getFlags().contains(Modifier.STATIC)) {
                names.add(v.getName().toString());
            }
        }
        return names;
    }

    private static Map<String, ClassTree> classes(List<CompilationUnitTree> units) {
        Map<String, ClassTree> byName = new TreeMap<>();
        for (CompilationUnitTree u : units) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree c, Void unused) {
                    byName.putIfAbsent(c.getSimpleName().toString(), c);
                    return super.visitClass(c, unused);
                }
            }.scan(u, null);
        }
        return byName;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    record SourceText(String name, String text) {
    }

    record Parsed(List<CompilationUnitTree> units, SourcePositions positions) {
    }

    private static Parsed parse(List<SourceText> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        List<JavaFileObject> objects = new ArrayList<>();
        for (SourceText s : sources) {
            objects.add(new javax.tools.SimpleJavaFileObject(java.net.URI.create("string:///" + s.name().replace('\\', '/')),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.text();
                }
            });
        }
        JavacTask task = (JavacTask) javac.getTask(null, files, d -> { }, List.of("-proc:none"), null, objects);
        try {
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            return new Parsed(units, Trees.instance(task).getSourcePositions());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
