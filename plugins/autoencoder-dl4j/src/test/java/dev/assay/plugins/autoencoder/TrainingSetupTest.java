package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A student's training setup is read within bounds: a few settings, never a document that takes seconds to parse. */
class TrainingSetupTest {
    private static GradingRequest<AeConfig> withSetup(String name, byte[] setup) {
        return new GradingRequest<>("hw7/8b-orthonormal", AutoencoderPluginTest.HW7, "", new Answer("Yes.",
                List.of(new Attachment(name, "application/yaml", setup))),
                new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE));
    }

    @Test
    void aSetupOverItsSizeLimitIsRefusedBeforeParsingWithItsSizeAndTheLimit() throws Exception {
        // a 15 MiB quoted scalar took 29 s in validate() and again in grade()
        byte[] huge = ("optimizer: \"" + "a".repeat(15 * 1024 * 1024) + "\"\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", huge)).isInstanceOf(WeightsException.class)
                .hasMessageContaining("setup.yaml is 15.0 MiB").hasMessageContaining("at most 64.0 KiB");

        var preview = AutoencoderPluginTest.SHARED.validate(withSetup("setup.yaml", huge));
        assertThat(preview.valid()).isFalse();
        assertThat(preview.notes()).containsExactly("MALFORMED_FILE");
        assertThat(String.join(" ", preview.messages())).contains("15.0 MiB").contains("64.0 KiB");
        Grade g = AutoencoderPluginTest.SHARED.grade(withSetup("setup.yaml", huge));
        assertThat(g.status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        assertThat(g.notes()).containsExactly("MALFORMED_FILE");
        assertThat(g.feedback().get(0).markdown()).contains("setup.yaml is 15.0 MiB").contains("at most 64.0 KiB");

        byte[] justOver = ("# " + "x".repeat(64 * 1024) + "\nepochs: 10\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", justOver)).hasMessageContaining("64.0 KiB; a training setup");
    }

    @Test
    void aSetupWithinTheLimitIsRead() throws Exception {
        byte[] commented = ("# " + "x".repeat(60 * 1024) + "\noptimizer: SGD\nlr: 0.4\nweight_decay: 0.01\nepochs: 10\n")
                .getBytes(StandardCharsets.UTF_8);
        TrainingSetup s = TrainingSetup.read("setup.yaml", commented);
        assertThat(s.optimizerName()).isEqualTo("sgd");
        assertThat(s.decay()).isEqualTo(0.01);
    }

    @Test
    void nestingAndAliasBombsUnderTheSizeLimitAreRefusedAsNoTrainingSetup() {
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev).append(",*")
                    .append(prev).append(",*").append(prev).append(",*").append(prev).append(",*").append(prev).append(",*")
                    .append(prev).append(",*").append(prev).append(",*").append(prev).append("]\n");
        }
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", laughs.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WeightsException.class).hasMessageContaining("setup.yaml is not a training setup");
        byte[] deep = ("epochs: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", deep))
                .isInstanceOf(WeightsException.class).hasMessageContaining("setup.yaml is not a training setup");
    }
}
