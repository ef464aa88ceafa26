package dev.assay.it;

import dev.assay.engine.TestPlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real plugin jar for the system tests, compiled from source into the server's plugins folder
 * before Payara Micro starts: full credit when the trimmed answer equals {@code expected}; an answer
 * {@code unsure: X} is graded the same way but provisionally (NEEDS_REVIEW), for the review queue.
 */
final class ItPlugin {
    static final String ID = "it-exact";

    private ItPlugin() {
    }

    /** The shipped WAR, as every Arquillian system test deploys it, with this plugin installed first. */
    static org.jboss.shrinkwrap.api.spec.WebArchive assayWar() {
        install();
        return org.jboss.shrinkwrap.api.ShrinkWrap.createFromZipFile(org.jboss.shrinkwrap.api.spec.WebArchive.class,
                new java.io.File(System.getProperty("assay.war", "target/assay.war")));
    }

    static void install() {
        Path dir = Path.of(System.getProperty("assay.it.plugins", "target/it-plugins"));
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            TestPlugins.buildPluginFolder(dir.resolve(ID), Map.of("it.plugin.ExactPlugin", SOURCE),
                    "it.plugin.ExactPlugin", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SOURCE = """
            package it.plugin;

            import dev.assay.api.*;
            import jakarta.validation.constraints.NotBlank;

            public final class ExactPlugin implements GraderPlugin<ExactPlugin.Config> {
                public record Config(@Doc("the answer that earns full credit") @NotBlank String expected) {}

                public String id() { return "it-exact"; }
                public String version() { return "1.2.3"; }
                public Class<Config> configType() { return Config.class; }

                public Validation validate(GradingRequest<Config> r) {
                    String t = r.answer().text().trim();
                    return t.isEmpty() ? Validation.invalid("EMPTY", "Type an answer.", Echo.NONE)
                            : Validation.valid(new Echo(t, "\\\\text{" + t + "}"));
                }

                public Grade grade(GradingRequest<Config> r) {
                    String t = r.answer().text().trim();
                    if (t.equals("boom")) {
                        throw new IllegalStateException("the it-exact plugin fails on 'boom', on purpose");
                    }
                    if (t.startsWith("unsure:")) { // graded provisionally, for an instructor to review
                        boolean right = t.substring(7).trim().equals(r.config().expected());
                        return Grade.builder(Grade.Status.NEEDS_REVIEW).score(right ? 1 : 0).note("NEEDS_REVIEW")
                                .feedback(FeedbackBlock.diagnosis("Your instructor will look at this.")).echo(Echo.text(t)).build();
                    }
                    boolean right = t.equals(r.config().expected());
                    return Grade.builder(Grade.Status.GRADED).score(right ? 1 : 0)
                            .note(right ? "EXACT" : "WRONG")
                            .feedback(FeedbackBlock.diagnosis(right ? "Right." : "Not quite: you wrote " + t + "."))
                            .feedback(FeedbackBlock.expectedApproach(r.expectedApproach()))
                            .echo(Echo.text(t)).build();
                }
            }
            """;
}
