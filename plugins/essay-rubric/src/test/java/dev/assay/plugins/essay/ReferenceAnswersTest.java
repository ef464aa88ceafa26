package dev.assay.plugins.essay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Calibration;
import dev.assay.api.ReferenceGrading;
import dev.assay.engine.Engines;
import dev.assay.engine.eval.Agreement;
import dev.assay.engine.eval.Calibrator;
import dev.assay.engine.eval.HumanScore;
import dev.assay.engine.eval.MachineScores;
import dev.assay.engine.eval.ReferenceQuestions;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ./assay eval asks of essay-rubric, asked as the engine asks it: through the plugin's capabilities. */
class ReferenceAnswersTest {
    static final String REFERENCE = "the teacher feeds the true previous token to the decoder at every training step";
    static final String[] REFERENCE_WORDS = {"teacher", "feeds", "true", "previous", "token", "decoder", "every",
            "training", "step"};

    private static Engines engines() {
        return Engines.of(PluginRegistry.of(new EssayRubricPlugin()), EngineSettings.defaults(),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Test
    void evalFindsTheCapabilitiesByAskingThePlugin() {
        EssayRubricPlugin plugin = new EssayRubricPlugin();
        assertThat(plugin.capability(ReferenceGrading.class)).isPresent();
        assertThat(plugin.capability(Calibration.class)).isPresent();
        assertThat(plugin.capability(String.class)).isEmpty();
    }

    @Test
    void aQuestionFromReferencesIsAReferenceModeQuestionThatCopiesNothingBack() {
        try (Engines e = engines()) {
            ReferenceQuestions made = ReferenceQuestions.by(e, null);
            assertThat(made.pluginId()).isEqualTo("essay-rubric");

            CatalogQuestion q = made.question("refs/tf", "What does teacher forcing feed the decoder?",
                    List.of(REFERENCE, "the ground truth token from the previous step"), 2);

            assertThat(q.state()).as(q.problemLines().toString()).isEqualTo(QuestionState.READY);
            EssayConfig c = (EssayConfig) q.ready().config();
            assertThat(c.mode()).isEqualTo(EssayConfig.Mode.reference);
            assertThat(c.references()).containsExactly(REFERENCE, "the ground truth token from the previous step");
            assertThat(c.questionText()).isEqualTo("What does teacher forcing feed the decoder?");
            assertThat(c.thresholds()).containsExactly(0.3, 0.5);
        }
    }

    @Test
    void aRubricHasNothingToCalibrateAndReferenceModeTriesEveryIncreasingPairOfThresholds() {
        ReferenceAnswers r = new ReferenceAnswers();
        EssayConfig rubric = new EssayConfig(EssayConfig.Mode.rubric, null, null, null, null, null, null, null, null);
        assertThat(r.candidates(rubric)).isEmpty();

        List<Calibration.Candidate<EssayConfig>> tried = r.candidates(r.referenceConfig("", List.of(REFERENCE), 1));
        assertThat(tried).hasSize(17 * 18 / 2);
        assertThat(tried).allSatisfy(c -> assertThat(c.config().thresholds().get(0)).isLessThan(c.config().thresholds().get(1)));
        assertThat(tried.get(0).label()).isEqualTo("thresholds: [0.05, 0.10]");
        assertThat(tried.get(tried.size() - 1).label()).isEqualTo("thresholds: [0.85, 0.90]");
    }

    /**
     * People who give full credit from a similarity of 0.70 and half from 0.45 (the defaults are 0.5 and 0.3):
     * calibration finds thresholds under which the plugin agrees with them, where the defaults do not.
     */
    @Test
    void calibrationFitsTheThresholdsToTheHumanScores() {
        List<HumanScore> scored = new ArrayList<>();
        for (int k = 1; k <= REFERENCE_WORDS.length; k++) {
            String answer = String.join(" ", java.util.Arrays.copyOf(REFERENCE_WORDS, k));
            double similarity = EssayRubricPlugin.similarity(new Text(answer), REFERENCE);
            double human = similarity >= 0.70 ? 2 : similarity >= 0.45 ? 1 : 0;
            scored.add(new HumanScore("refs/tf", answer, human, null));
        }
        assertThat(scored).extracting(HumanScore::score).contains(0.0, 1.0, 2.0);
        try (Engines e = engines()) {
            CatalogQuestion q = ReferenceQuestions.by(e, null).question("refs/tf", "", List.of(REFERENCE), 2);
            Agreement before = Agreement.of(MachineScores.pairs(e.engine(), q.ready(), scored, 2));

            Calibrator.Fit fit = new Calibrator(e).calibrate(q, scored, 2);

            assertThat(before.qwk()).as("the defaults disagree with these people").isLessThan(0.99);
            assertThat(fit.outcome()).isEqualTo(Calibrator.Outcome.FITTED);
            assertThat(fit.label()).matches("thresholds: \\[0\\.\\d\\d, 0\\.\\d\\d\\]");
            assertThat(fit.after().qwk()).isEqualTo(1.0);
            assertThat(fit.after().exact()).isEqualTo(1.0);
        }
    }
}
