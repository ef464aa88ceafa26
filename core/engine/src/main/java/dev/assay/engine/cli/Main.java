package dev.assay.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.Limits;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.json.GradeLine;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.MediaTypes;
import dev.assay.engine.pack.PackException;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.plugin.PluginLoadFailure;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay}: grade answers, run a pack's question tests, list plugins — all offline, in one JVM. */
@Command(name = "assay", mixinStandardHelpOptions = true, version = "assay 0.1.0",
        description = "Assay's command line: offline grading, pack tests and plugins.",
        subcommands = {Main.GradeCommand.class, Main.TestPackCommand.class, Main.PluginsCommand.class, EvalCommand.class, FilesCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--plugins-dir", description = "Plugin folders, separated by '${sys:path.separator}' "
            + "(default: $ASSAY_PLUGINS_DIR or -Dassay.plugins.dir)")
    String pluginsDir;

    @Option(names = "--time-limit", description = "Time limit per answer, e.g. 10s, 2m (default 10s)")
    String timeLimit;

    @Option(names = {"-v", "--verbose"}, description = "Log what the engine does")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("assay: " + (e instanceof UserError || e instanceof PluginError ? e.getMessage() : e.toString()));
            return e instanceof UserError ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** A mistake on the command line or in the input: exit 2 with the message, no stack trace. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    /** A plugin that failed to do what the command needs (the message names it and says what happened): exit 1. */
    static final class PluginError extends RuntimeException {
        PluginError(String message) {
            super(message);
        }
    }

    /** Held so that the levels set on them stick (JUL keeps loggers weakly). */
    private static final Logger ASSAY_LOG = Logger.getLogger("dev.assay");
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate.validator");

    Engines engines() {
        ASSAY_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
        HIBERNATE_LOG.setLevel(Level.WARNING);
        String dirs = pluginsDir != null ? pluginsDir
                : System.getenv("ASSAY_PLUGINS_DIR") != null ? System.getenv("ASSAY_PLUGINS_DIR")
                : System.getProperty("assay.plugins.dir", "");
        // One person's batch: no other user's answers to keep a worker free for, so any plugin may use them all.
        EngineSettings settings = EngineSettings.defaults();
        settings = settings.withPluginShare(settings.workers());
        if (timeLimit != null) {
            settings = settings.withLimits(Limits.DEFAULT.withTimeLimit(parseDuration(timeLimit)));
        }
        Engines engines = Engines.create(Main.class.getClassLoader(), PluginRegistry.parseDirs(dirs), settings, validator());
        for (PluginLoadFailure f : engines.registry().failures()) {
            System.err.println("assay: plugin not loaded from " + f.origin() + ": " + f.reason());
        }
        return engines;
    }

    static Validator validator() {
        return Validation.buildDefaultValidatorFactory().getValidator();
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new UserError("'" + s + "' is not a duration; write e.g. 10s, 500ms or 2m");
        }
    }

    static LoadedPack loadPack(Engines engines, Path dir) {
        try {
            return engines.loader().load(PackReader.read(dir));
        } catch (PackException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "grade", description = "Grade one answer, or a JSON-lines file of answers, and print the grades as JSON.")
    static final class GradeCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(names = "--pack", required = true, description = "The course pack (folder or zip)")
        Path pack;

        @Option(names = "--question", description = "Question id, e.g. hw7/3bi-grad-w2")
        String question;

        @Option(names = "--answer", description = "The answer text")
        String answer;

        @Option(names = "--file", description = "An answer file, NAME=PATH (repeatable)")
        Map<String, Path> files = new LinkedHashMap<>();

        @Option(names = "--input", description = "JSON lines: {\"question\": ID, \"answer\": TEXT, \"files\": {NAME: PATH}}; "
                + "relative paths are read from the input file's folder")
        Path input;

        @Override
        public Integer call() throws Exception {
            if ((input == null) == (question == null)) {
                throw new UserError("give either --question ID --answer TEXT, or --input answers.jsonl");
            }
            try (Engines engines = main.engines()) {
                LoadedPack loaded = loadPack(engines, pack);
                ObjectMapper json = Json.json();
                PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
                if (question != null) {
                    if (answer == null) {
                        throw new UserError("--question needs --answer TEXT (use --answer '' for an empty answer)");
                    }
                    Map<String, String> paths = new LinkedHashMap<>();
                    files.forEach((k, v) -> paths.put(k, v.toString()));
                    out.println(json.writeValueAsString(gradeOne(engines, loaded, question, answer, paths, Path.of("."))));
                    out.flush();
                    return 0;
                }
                return gradeBatch(engines, loaded, out);
            }
        }

        private int gradeBatch(Engines engines, LoadedPack loaded, PrintWriter out) throws Exception {
            Path base = input.toAbsolutePath().getParent();
            int workers = engines.engine().settings().workers();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try (BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                // A bounded window of lines in flight keeps output in input order and memory flat.
                java.util.ArrayDeque<Future<GradeLine>> window = new java.util.ArrayDeque<>();
                String line;
                int number = 0;
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    final String text = line;
                    final int n = number;
                    window.add(pool.submit(() -> gradeLine(engines, loaded, text, n, base)));
                    if (window.size() >= workers * 4) {
                        out.println(Json.json().writeValueAsString(window.poll().get()));
                    }
                }
                while (!window.isEmpty()) {
                    out.println(Json.json().writeValueAsString(window.poll().get()));
                }
            } finally {
                pool.shutdownNow();
                out.flush();
            }
            return 0;
        }

        private GradeLine gradeLine(Engines engines, LoadedPack loaded, String line, int number, Path base) {
            JsonNode node;
            try {
                node = Json.json().readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return new GradeLine("", Grade.Status.ERROR, 0, List.of("BAD_INPUT_LINE"),
                        List.of(dev.assay.api.FeedbackBlock.of(dev.assay.api.FeedbackBlock.Kind.INFO,
                                "line " + number + " is not JSON: " + e.getOriginalMessage())), dev.assay.api.Echo.NONE);
            }
            String q = node.path("question").asText("");
            Map<String, String> paths = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                paths.put(f.getKey(), f.getValue().asText());
            }
            try {
                return gradeOne(engines, loaded, q, node.path("answer").asText(""), paths, base);
            } catch (UserError e) {
                return new GradeLine(q, Grade.Status.ERROR, 0, List.of("BAD_INPUT_LINE"),
                        List.of(dev.assay.api.FeedbackBlock.of(dev.assay.api.FeedbackBlock.Kind.INFO,
                                "line " + number + ": " + e.getMessage())), dev.assay.api.Echo.NONE);
            }
        }

        static GradeLine gradeOne(Engines engines, LoadedPack loaded, String questionId, String text,
                                  Map<String, String> paths, Path base) {
            CatalogQuestion q = loaded.question(questionId).orElseThrow(() -> new UserError("the pack "
                    + loaded.pack().id() + " has no question '" + questionId + "'; its questions: "
                    + String.join(", ", loaded.questions().keySet().stream().sorted().toList())));
            List<Attachment> attachments = new ArrayList<>();
            boolean ready = q.state() == QuestionState.READY;
            for (Map.Entry<String, String> f : paths.entrySet()) {
                Path p = base.resolve(f.getValue());
                try {
                    if (Files.size(p) > engines.engine().settings().limits().maxAttachmentBytes()) {
                        throw new UserError("file " + p + " is larger than the limit for answer files");
                    }
                    String fileName = p.getFileName().toString();
                    String type = ready ? engines.files().mediaTypeOf(q.ready(), fileName) : MediaTypes.guess(fileName);
                    attachments.add(new Attachment(f.getKey(), type, Files.readAllBytes(p)));
                } catch (IOException e) {
                    throw new UserError("cannot read the file for " + f.getKey() + ": " + p);
                }
            }
            Grade grade = ready
                    ? engines.engine().grade(q.ready(), new Answer(text, attachments)).grade()
                    : q.notReadyGrade();
            return GradeLine.of(questionId, grade);
        }
    }

    @Command(name = "test-pack", description = "Run a pack's question tests; print the failures; exit 1 if any fails.")
    static final class TestPackCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", description = "The course pack (folder or zip)")
        Path pack;

        @Option(names = "--strict", description = "Also fail when tests are skipped because a plugin is missing")
        boolean strict;

        @Override
        public Integer call() {
            try (Engines engines = main.engines()) {
                LoadedPack loaded = loadPack(engines, pack);
                long started = System.nanoTime();
                QuestionTestRunner.Summary summary = new QuestionTestRunner(engines.engine()).run(loaded);
                long ms = (System.nanoTime() - started) / 1_000_000;
                Map<String, String> skippedPlugins = new LinkedHashMap<>();
                for (QuestionTestRunner.Result r : summary.results()) {
                    switch (r.outcome()) {
                        case FAIL -> System.out.println("FAIL " + r.label() + ": " + r.detail()
                                + "\n     answer: " + abbreviate(r.test().answer()));
                        case SKIPPED -> skippedPlugins.merge(r.detail(), r.questionId(),
                                (a, b) -> a.contains(b) ? a : a + ", " + b);
                        case PASS -> {
                            if (main.verbose) {
                                System.out.println("pass " + r.label());
                            }
                        }
                    }
                }
                skippedPlugins.forEach((why, ids) -> System.out.println("SKIPPED (" + why + "): " + ids));
                long pass = summary.count(QuestionTestRunner.Outcome.PASS);
                long fail = summary.count(QuestionTestRunner.Outcome.FAIL);
                long skip = summary.count(QuestionTestRunner.Outcome.SKIPPED);
                System.out.printf("%s: %d questions, %d tests in %d ms%n", loaded.pack().id(), loaded.questions().size(),
                        summary.results().size(), ms);
                System.out.printf("%d passed, %d failed, %d skipped%n", pass, fail, skip);
                return fail > 0 || (strict && skip > 0) ? 1 : 0;
            }
        }

        private static String abbreviate(String s) {
            String one = s.replace("\n", "\\n");
            return one.length() > 160 ? one.substring(0, 157) + "..." : one;
        }
    }

    @Command(name = "plugins", description = "List the grader plugins found: id, version, origin; and any that failed to load.")
    static final class PluginsCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Override
        public Integer call() {
            try (Engines engines = main.engines()) {
                List<LoadedPlugin> plugins = engines.registry().plugins();
                System.out.printf("%-24s %-14s %s%n", "ID", "VERSION", "ORIGIN");
                for (LoadedPlugin p : plugins) {
                    System.out.printf("%-24s %-14s %s%n", p.id(), p.version(), p.origin());
                    engines.engine().status(p).forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v));
                }
                if (plugins.isEmpty()) {
                    System.out.println("(no grader plugins found; set --plugins-dir or ASSAY_PLUGINS_DIR)");
                }
                for (PluginLoadFailure f : engines.registry().failures()) {
                    System.out.println("NOT LOADED " + f.origin() + ": " + f.reason());
                }
                return 0;
            }
        }
    }
}
