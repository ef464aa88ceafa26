package dev.assay.engine.testplugins;

import dev.assay.api.AnswerFile;
import dev.assay.api.Attachment;
import dev.assay.api.ConfigProblem;
import dev.assay.api.Echo;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.HandoutInfo;
import dev.assay.api.QuestionResources;
import dev.assay.api.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test plugin with files: it hands out {@code data.csv} and {@code data.bin} and takes an answer file {@code W}, and
 * each of its side calls (handouts, handout, answer files, configuration check, status) behaves as told, the way a
 * real plugin might misbehave. It counts how often the engine asks it for a handout's content.
 */
public final class FilesTestPlugin implements GraderPlugin<FilesTestPlugin.Config> {

    /** EMPTY: a handout's content is missing (the plugin lists a file it does not make). */
    public enum Behaviour { FINE, THROW, RETURN_NULL, POLITE_HANG, STUBBORN_HANG, EMPTY }

    /**
     * @param tag      goes into the handed-out content, so two configurations hand out different files
     * @param handouts how the list of handouts behaves
     * @param handout  how a handout's content behaves
     * @param check    how the configuration check behaves
     */
    public record Config(String tag, Behaviour handouts, Behaviour handout, Behaviour answerFiles, Behaviour check) {
        public Config {
            tag = tag == null ? "" : tag;
            handouts = handouts == null ? Behaviour.FINE : handouts;
            handout = handout == null ? Behaviour.FINE : handout;
            answerFiles = answerFiles == null ? Behaviour.FINE : answerFiles;
            check = check == null ? Behaviour.FINE : check;
        }

        public static Config fine(String tag) {
            return new Config(tag, null, null, null, null);
        }
    }

    private final Behaviour status;
    private final AtomicInteger contentsMade = new AtomicInteger();
    private volatile ClassLoader lastContextLoader;

    public FilesTestPlugin() {
        this(Behaviour.FINE);
    }

    public FilesTestPlugin(Behaviour status) {
        this.status = status;
    }

    /** How many handout contents the plugin has made so far. */
    public int contentsMade() {
        return contentsMade.get();
    }

    /** The context class loader of the plugin's last side call. */
    public ClassLoader lastContextLoader() {
        return lastContextLoader;
    }

    @Override
    public String id() {
        return "test-files";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public List<ConfigProblem> checkConfig(Config config) {
        return behave(config.check(), List.of());
    }

    @Override
    public List<HandoutInfo> handouts(Config config) {
        return behave(config.handouts(), List.of(new HandoutInfo("data.csv", "text/csv", "the data"),
                new HandoutInfo("data.bin", "application/x-test-binary", "the same, packed")));
    }

    @Override
    public Optional<Attachment> handout(Config config, String name, QuestionResources resources) {
        contentsMade.incrementAndGet();
        Optional<Attachment> made = switch (name) {
            case "data.csv" -> Optional.of(new Attachment(name, "text/csv", ("1,2," + config.tag()).getBytes(StandardCharsets.UTF_8)));
            case "data.bin" -> Optional.of(new Attachment(name, "application/x-test-binary", new byte[]{1, 2}));
            default -> Optional.empty();
        };
        return config.handout() == Behaviour.EMPTY ? Optional.empty() : behave(config.handout(), made);
    }

    @Override
    public List<AnswerFile> answerFiles(Config config) {
        return behave(config.answerFiles(), List.of(new AnswerFile("W", ".csv,.wts", "the weights",
                Map.of(".wts", "application/x-test-weights"))));
    }

    @Override
    public Map<String, String> status() {
        return behave(status, Map.of("device", "none"));
    }

    private <T> T behave(Behaviour b, T fine) {
        lastContextLoader = Thread.currentThread().getContextClassLoader();
        switch (b) {
            case FINE -> {
                return fine;
            }
            case THROW -> throw new IllegalStateException("side call exploded");
            case RETURN_NULL -> {
                return null;
            }
            case POLITE_HANG -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fine;
            }
            case STUBBORN_HANG -> {
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException ignored) {
                        // deliberately ignores the engine
                    }
                }
                return fine;
            }
            default -> throw new AssertionError(b);
        }
    }

    @Override
    public Validation validate(GradingRequest<Config> request) {
        return Validation.valid(Echo.text(request.answer().text()));
    }

    @Override
    public Grade grade(GradingRequest<Config> request) {
        return Grade.builder(Grade.Status.GRADED).score(1).build();
    }
}
