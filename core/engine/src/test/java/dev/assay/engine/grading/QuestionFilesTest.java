package dev.assay.engine.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.HandoutInfo;
import dev.assay.api.Limits;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.testplugins.FilesTestPlugin;
import dev.assay.engine.testplugins.FilesTestPlugin.Behaviour;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The files of a question go through the engine's door: whatever the plugin does (throw, hang, give nothing) the
 * caller gets the file or a clear error, and a file is made once per configuration.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the door, a hanging plugin hung the caller
class QuestionFilesTest {
    private final GradingEngine engine = new GradingEngine(EngineSettings.defaults()
            .withLimits(Limits.DEFAULT.withTimeLimit(Duration.ofMillis(300))).withInterruptGrace(Duration.ofMillis(100)));
    private final QuestionFiles files = new QuestionFiles(engine);
    private final FilesTestPlugin plugin = new FilesTestPlugin();
    private final LoadedPlugin loaded = new LoadedPlugin(plugin, plugin.id(), plugin.version(), "test",
            new URLClassLoader("test-files-loader", new URL[0], QuestionFilesTest.class.getClassLoader()));

    @AfterEach
    void close() {
        engine.close();
    }

    private ReadyQuestion question(FilesTestPlugin.Config config) {
        return new ReadyQuestion("t/files", loaded, config, "", null);
    }

    private static FilesTestPlugin.Config handoutThat(Behaviour b) {
        return new FilesTestPlugin.Config("v1", null, b, null, null);
    }

    private static String text(PluginResult<Optional<Attachment>> r) {
        return new String(r.value().orElseThrow().content(), StandardCharsets.UTF_8);
    }

    @Test
    void aHandoutIsMadeOnceForAConfigurationUnderThePluginsClassLoader() {
        ReadyQuestion v1 = question(FilesTestPlugin.Config.fine("v1"));

        assertThat(files.handouts(v1).value()).extracting(HandoutInfo::name).containsExactly("data.csv", "data.bin");
        for (int i = 0; i < 3; i++) {
            assertThat(text(files.handout(v1, "data.csv"))).isEqualTo("1,2,v1");
        }
        assertThat(plugin.contentsMade()).isEqualTo(1);
        assertThat(plugin.lastContextLoader()).isSameAs(loaded.loader());

        ReadyQuestion v2 = question(FilesTestPlugin.Config.fine("v2"));
        assertThat(text(files.handout(v2, "data.csv"))).as("a new configuration hands out its own file").isEqualTo("1,2,v2");
        assertThat(plugin.contentsMade()).isEqualTo(2);
        assertThat(text(files.handout(v1, "data.csv"))).isEqualTo("1,2,v1");
        assertThat(plugin.contentsMade()).isEqualTo(2);
    }

    @Test
    void downloadsAtOnceWaitForOneMaking() throws Exception {
        ReadyQuestion q = question(FilesTestPlugin.Config.fine("v1"));
        ExecutorService students = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PluginResult<Optional<Attachment>>>> downloads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                downloads.add(students.submit(() -> {
                    start.await();
                    return files.handout(q, "data.csv");
                }));
            }
            start.countDown();
            for (Future<PluginResult<Optional<Attachment>>> d : downloads) {
                assertThat(text(d.get())).isEqualTo("1,2,v1");
            }
        } finally {
            students.shutdownNow();
        }
        assertThat(plugin.contentsMade()).isEqualTo(1);
    }

    @Test
    void aHandoutThatThrowsIsAClearErrorAndIsAskedForAgainNextTime() {
        ReadyQuestion q = question(handoutThat(Behaviour.THROW));

        PluginResult<Optional<Attachment>> r = files.handout(q, "data.csv");

        assertThat(r.ok()).isFalse();
        assertThat(r.note()).isEqualTo(GradingEngine.NOTE_PLUGIN_FAILED);
        assertThat(r.message()).isEqualTo("The grader test-files failed to prepare the file data.csv of t/files "
                + "(IllegalStateException: side call exploded).");
        files.handout(q, "data.csv");
        assertThat(plugin.contentsMade()).as("a failure is not kept").isEqualTo(2);
    }

    @Test
    void aHandoutThatHangsIsStoppedAtTheQuestionsLimit() {
        PluginResult<Optional<Attachment>> r = files.handout(question(handoutThat(Behaviour.POLITE_HANG)), "data.csv");

        assertThat(r.note()).isEqualTo(GradingEngine.NOTE_TIMEOUT);
        assertThat(r.message()).isEqualTo("The grader test-files took longer than its limit of 300 ms to prepare the file "
                + "data.csv of t/files and was stopped.");
    }

    @Test
    void aHandoutThatIgnoresTheInterruptIsAbandonedAndCounted() {
        PluginResult<Optional<Attachment>> r = files.handout(question(handoutThat(Behaviour.STUBBORN_HANG)), "data.csv");

        assertThat(r.note()).isEqualTo(GradingEngine.NOTE_TIMEOUT);
        assertThat(engine.abandonedThreads()).isEqualTo(1);
        assertThat(engine.health("test-files").abandoned()).isEqualTo(1);
    }

    @Test
    void aHandoutThatGivesNothingIsAClearError() {
        PluginResult<Optional<Attachment>> r = files.handout(question(handoutThat(Behaviour.RETURN_NULL)), "data.csv");

        assertThat(r.note()).isEqualTo(GradingEngine.NOTE_PLUGIN_FAILED);
        assertThat(r.message()).isEqualTo("The grader test-files failed to prepare the file data.csv of t/files: it gave nothing.");
    }

    @Test
    void aListedFileThePluginDoesNotMakeIsItsFaultAndAnUnlistedOneIsNotAskedFor() {
        PluginResult<Optional<Attachment>> r = files.handout(question(handoutThat(Behaviour.EMPTY)), "data.csv");
        assertThat(r.note()).isEqualTo(GradingEngine.NOTE_PLUGIN_FAILED);
        assertThat(r.message()).isEqualTo("The grader test-files lists the file data.csv for t/files but did not produce it.");

        PluginResult<Optional<Attachment>> unlisted = files.handout(question(handoutThat(Behaviour.FINE)), "../secret.csv");
        assertThat(unlisted.ok()).isTrue();
        assertThat(unlisted.value()).isEmpty();
        assertThat(plugin.contentsMade()).as("the plugin is not asked for a file it does not list").isEqualTo(1);
    }

    @Test
    void aListThatFailsIsAClearErrorForTheListAndForEachFile() {
        ReadyQuestion q = question(new FilesTestPlugin.Config("v1", Behaviour.THROW, null, Behaviour.RETURN_NULL, null));

        assertThat(files.handouts(q).message()).isEqualTo("The grader test-files failed to list the files t/files hands out "
                + "(IllegalStateException: side call exploded).");
        assertThat(files.handout(q, "data.csv").message()).isEqualTo(files.handouts(q).message());
        assertThat(files.answerFiles(q).message()).isEqualTo("The grader test-files failed to list the files an answer to "
                + "t/files may carry: it gave nothing.");
        assertThat(plugin.contentsMade()).isZero();
    }

    @Test
    void aFileIsTypedAsThePluginDeclaresItElseGenerically() {
        ReadyQuestion q = question(FilesTestPlugin.Config.fine("v1"));

        assertThat(files.mediaTypeOf(q, "W.wts")).as("an answer file's own extension").isEqualTo("application/x-test-weights");
        assertThat(files.mediaTypeOf(q, "W.BIN")).as("the type of a handed-out file").isEqualTo("application/x-test-binary");
        assertThat(files.mediaTypeOf(q, "W.csv")).isEqualTo("text/csv");
        assertThat(files.mediaTypeOf(q, "W.npy")).as("the engine knows no plugin's kinds").isEqualTo("application/octet-stream");

        Answer typed = files.withMediaTypes(q, new Answer("", List.of(
                new Attachment("W.wts", "application/octet-stream", new byte[]{1}),
                new Attachment("data.bin", "application/x-mine", new byte[]{2}))));
        assertThat(typed.attachments()).extracting(Attachment::mediaType)
                .containsExactly("application/x-test-weights", "application/x-mine");
    }
}
