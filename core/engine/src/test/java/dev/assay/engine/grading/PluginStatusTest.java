package dev.assay.engine.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.testplugins.FilesTestPlugin;
import dev.assay.engine.testplugins.FilesTestPlugin.Behaviour;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plugin's status, read for every health probe, goes through the engine's door like every other call. */
class PluginStatusTest {
    private final GradingEngine engine = new GradingEngine(EngineSettings.defaults()
            .withInterruptGrace(Duration.ofMillis(200)));

    @AfterEach
    void close() {
        engine.close();
    }

    /** The plugin as loaded from a folder of its own: a class loader that is not the caller's. */
    private static LoadedPlugin loaded(FilesTestPlugin plugin) {
        ClassLoader own = new URLClassLoader("test-files-loader", new URL[0], PluginStatusTest.class.getClassLoader());
        return new LoadedPlugin(plugin, plugin.id(), plugin.version(), "test", own);
    }

    @Test
    void statusIsReadUnderThePluginsClassLoader() {
        FilesTestPlugin plugin = new FilesTestPlugin(Behaviour.FINE);
        LoadedPlugin loaded = loaded(plugin);

        assertThat(engine.status(loaded)).containsExactly(java.util.Map.entry("device", "none"));
        assertThat(plugin.lastContextLoader()).isSameAs(loaded.loader());
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(loaded.loader());
    }

    @Test
    void aStatusThatThrowsSaysWhyInsteadOfFailingTheProbe() {
        assertThat(engine.status(loaded(new FilesTestPlugin(Behaviour.THROW))))
                .containsExactly(java.util.Map.entry("statusError", "IllegalStateException: side call exploded"));
    }

    @Test
    void aStatusThatSaysNothingIsEmpty() {
        assertThat(engine.status(loaded(new FilesTestPlugin(Behaviour.RETURN_NULL)))).isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the door, the probe hung here for ever
    void aStatusThatHangsIsCutOffSoTheProbeAnswers() {
        assertThat(engine.status(loaded(new FilesTestPlugin(Behaviour.POLITE_HANG))))
                .containsExactly(java.util.Map.entry("statusError", "no answer within 2 s"));
    }
}
