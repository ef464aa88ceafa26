package dev.assay.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.Limits;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.PluginCalls;
import dev.assay.engine.json.Json;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.engine.plugin.PluginRegistry;
import dev.assay.engine.testplugins.FilesTestPlugin;
import jakarta.validation.Validation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plugin's own configuration check goes through the engine's door: whatever it does, the pack loads and says why. */
class ConfigCheckTest {
    private final PluginCalls calls = new PluginCalls(EngineSettings.defaults()
            .withLimits(Limits.DEFAULT.withTimeLimit(Duration.ofMillis(300))).withInterruptGrace(Duration.ofMillis(100)));
    private final ConfigBinder binder = new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator(), calls);
    private final LoadedPlugin plugin = PluginRegistry.of(new FilesTestPlugin()).find("test-files").orElseThrow();

    @AfterEach
    void close() {
        calls.close();
    }

    private ConfigBinder.Result bind(String check) throws Exception {
        JsonNode config = Json.json().readTree("{\"tag\": \"t\", \"check\": \"" + check + "\"}");
        return binder.bind(plugin, config);
    }

    @Test
    void aCheckThatPassesBindsTheConfiguration() throws Exception {
        assertThat(bind("FINE").ok()).isTrue();
        assertThat(bind("FINE").config()).isEqualTo(new FilesTestPlugin.Config("t", null, null, null,
                FilesTestPlugin.Behaviour.FINE));
    }

    @Test
    void aCheckThatThrowsIsAProblemThatNamesThePlugin() throws Exception {
        ConfigBinder.Result r = bind("THROW");
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("The grader test-files failed to check the configuration (IllegalStateException: side call exploded)."));
    }

    @Test
    void aCheckThatGivesNothingIsAProblem() throws Exception {
        assertThat(bind("RETURN_NULL").problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("The grader test-files failed to check the configuration: it gave nothing."));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the door, loading the pack hung here
    void aCheckThatHangsIsStoppedAtTheLimit() throws Exception {
        assertThat(bind("POLITE_HANG").problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("The grader test-files took longer than its limit of 300 ms to check the configuration and was stopped."));
    }
}
