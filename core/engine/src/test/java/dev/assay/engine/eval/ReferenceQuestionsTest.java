package dev.assay.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.engine.Engines;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.plugin.PluginRegistry;
import dev.assay.engine.testplugins.EchoTestPlugin;
import dev.assay.engine.testplugins.OverlapTestPlugin;
import jakarta.validation.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eval asks a plugin for what it needs, and says clearly when the plugin chosen, or every plugin, lacks it. */
class ReferenceQuestionsTest {
    private static Engines engines(dev.assay.api.GraderPlugin<?>... plugins) {
        return Engines.of(PluginRegistry.of(plugins), EngineSettings.defaults(),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Test
    void theOnePluginThatCanIsChosenAndItsQuestionIsCheckedAsAPacksIs() {
        try (Engines e = engines(new EchoTestPlugin(), new OverlapTestPlugin())) {
            ReferenceQuestions made = ReferenceQuestions.by(e, null);
            assertThat(made.pluginId()).isEqualTo("test-overlap");

            CatalogQuestion q = made.question("refs/r1", "Name them.", List.of("alpha beta"), 2);
            assertThat(q.state()).isEqualTo(QuestionState.READY);
            assertThat(q.ready().config()).isEqualTo(new OverlapTestPlugin.Config(List.of("alpha beta"), 0.5));
            assertThat(q.def().points()).isEqualTo(2);
            assertThat(q.def().prompt()).isEqualTo("Name them.");

            CatalogQuestion none = made.question("refs/r2", "", List.of(), 1);
            assertThat(none.state()).as("a configuration the plugin's own constraints refuse").isEqualTo(QuestionState.INVALID_CONFIG);
            assertThat(none.problemLines()).contains("config.references: must not be empty");
        }
    }

    @Test
    void aPluginWithoutTheCapabilityOrNoneAtAllIsAClearUsageError() {
        try (Engines e = engines(new EchoTestPlugin(), new OverlapTestPlugin())) {
            assertThatThrownBy(() -> ReferenceQuestions.by(e, "test-echo")).isInstanceOf(EvalUsageException.class)
                    .hasMessage("the plugin 'test-echo' cannot grade questions from reference answers (it does not offer "
                            + "ReferenceGrading); these can: test-overlap");
            assertThatThrownBy(() -> ReferenceQuestions.by(e, "nope")).isInstanceOf(EvalUsageException.class)
                    .hasMessage("the plugin 'nope' is not installed; installed: test-echo, test-overlap");
        }
        try (Engines e = engines(new EchoTestPlugin())) {
            assertThatThrownBy(() -> ReferenceQuestions.by(e, null)).isInstanceOf(EvalUsageException.class)
                    .hasMessage("no installed plugin can grade questions from reference answers (ReferenceGrading); install one");
        }
    }
}
