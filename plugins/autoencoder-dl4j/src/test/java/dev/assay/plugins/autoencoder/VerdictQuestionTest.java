package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.ConfigProblem;
import dev.assay.api.Grade;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The yes/no question is the question's configuration, not the plugin's: its wording, its right answer and what the
 * numbers show about it come from the configuration, and a question may ask none.
 */
class VerdictQuestionTest {
    private static final AeConfig.Data HW7_DATA = AutoencoderPluginTest.HW7.data();

    private static AeConfig asking(AeConfig.VerdictQuestion verdict, String legacyExpectedVerdict) {
        return new AeConfig(HW7_DATA, 0.1, 5, verdict, null, null, null, legacyExpectedVerdict);
    }

    private static Grade grade(AeConfig config, String text, DMatrixRMaj w1, DMatrixRMaj w2) throws InterruptedException {
        var r = ReconstructionCreditTest.request(text, w1, w2);
        return AutoencoderPluginTest.SHARED.grade(new dev.assay.api.GradingRequest<>(r.questionId(), config,
                r.expectedApproach(), r.answer(), r.context()));
    }

    private static Grade gradeOptimum(AeConfig config, String text) throws InterruptedException {
        return grade(config, text, ReconstructionCreditTest.optimum().w1, ReconstructionCreditTest.optimum().w2);
    }

    private static String figureCaption(Grade g) {
        return g.feedback().stream().filter(b -> b.figure() != null).findFirst().orElseThrow().markdown();
    }

    @Test
    void theQuestionsOwnWordingIsAskedAndItsExplanationShown() throws Exception {
        AeConfig other = asking(new AeConfig.VerdictQuestion("is the encoder the decoder's transpose at the optimum?", "yes",
                "Both layers shrink alike: the encoder is the decoder's transpose."), null);
        Grade noVerdict = gradeOptimum(other, "The penalty balances the layers.");
        assertThat(noVerdict.notes()).contains("VERDICT_WRONG", "VERDICT_MISSING");
        String diagnosis = noVerdict.feedback().get(0).markdown();
        assertThat(diagnosis).contains("Say yes or no: is the encoder the decoder's transpose at the optimum?")
                .doesNotContain("orthonormal");
        assertThat(figureCaption(noVerdict)).isEqualTo("Both layers shrink alike: the encoder is the decoder's transpose.");

        AeConfig expectingNo = asking(new AeConfig.VerdictQuestion("is the decoder's loss convex?", "no", null), null);
        Grade no = gradeOptimum(expectingNo, "No: it has many minima.");
        assertThat(no.score()).isEqualTo(1.0, within(1e-12));
        assertThat(no.feedback().get(0).markdown()).isEqualTo("Your weights reach the regularised optimum, and your verdict is right.");
        assertThat(figureCaption(no)).as("no explanation configured").isEqualTo(Evidence.EIGENVALUES_AT_THE_OPTIMUM);
        assertThat(gradeOptimum(expectingNo, "Yes.").notes()).containsExactly("SUBSPACE_OK", "ORTHONORMAL_OK", "VERDICT_WRONG");
    }

    @Test
    void aQuestionWithoutAVerdictGradesTheWeightsAloneOnTheWholeScore() throws Exception {
        AeConfig weightsOnly = asking(null, null);
        for (String text : List.of("", "No.", "yes or no")) {
            Grade g = gradeOptimum(weightsOnly, text);
            assertThat(g.score()).as(text).isEqualTo(1.0, within(1e-12));
            assertThat(g.notes()).as(text).containsExactly("SUBSPACE_OK", "ORTHONORMAL_OK");
            assertThat(g.feedback().get(0).markdown()).isEqualTo("Your weights reach the regularised optimum.");
            assertThat(figureCaption(g)).isEqualTo(Evidence.EIGENVALUES_AT_THE_OPTIMUM);
        }
        // W2 = U_kA, W1 = A⁻¹U_kᵀ (no weight decay): the subspace's share of the three checks
        DMatrixRMaj a = CommonOps_DDRM.diag(2, 1, 0.5, 1.5, 0.8);
        DMatrixRMaj w2 = new DMatrixRMaj(20, 5);
        CommonOps_DDRM.mult(ReconstructionCreditTest.optimum().uk, a, w2);
        CommonOps_DDRM.invert(a);
        DMatrixRMaj w1 = new DMatrixRMaj(5, 20);
        CommonOps_DDRM.multTransB(a, ReconstructionCreditTest.optimum().uk, w1);
        assertThat(grade(weightsOnly, "Yes.", w1, w2).score()).isEqualTo(0.3 / 0.8, within(1e-12));

        var echo = AutoencoderPluginTest.SHARED.validate(new dev.assay.api.GradingRequest<>("q", weightsOnly, "",
                ReconstructionCreditTest.request("", w1, w2).answer(), ReconstructionCreditTest.request("", w1, w2).context()));
        assertThat(echo.echo().text()).isEqualTo("W1: 5×20; W2: 20×5");
    }

    @Test
    void aConfigurationStoredWithExpectedVerdictAloneStillAsksForAVerdict() throws Exception {
        AeConfig stored = asking(null, "yes");
        assertThat(AutoencoderPluginTest.SHARED.checkConfig(stored)).isEmpty();
        assertThat(gradeOptimum(stored, "Yes.").score()).isEqualTo(1.0, within(1e-12));
        Grade missing = gradeOptimum(stored, "The penalty balances them.");
        assertThat(missing.score()).isEqualTo(0.8, within(1e-12));
        assertThat(missing.notes()).contains("VERDICT_WRONG", "VERDICT_MISSING");
        assertThat(missing.feedback().get(0).markdown()).contains("Say yes or no, then give your argument.");
        assertThat(AutoencoderPluginTest.SHARED.checkConfig(asking(null, "maybe")))
                .containsExactly(new ConfigProblem("expectedVerdict", "write yes or no"));
        assertThat(AutoencoderPluginTest.SHARED.checkConfig(asking(AutoencoderPluginTest.HW7_VERDICT, "yes")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("expectedVerdict");
                    assertThat(p.message()).contains("old name of verdict.expected");
                });
    }

    private static ConfigBinder.Result bind(String json) throws Exception {
        var loaded = PluginRegistry.of(AutoencoderPluginTest.SHARED).find("autoencoder-dl4j").orElseThrow();
        return new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator())
                .bind(loaded, new ObjectMapper().readTree(json));
    }

    @Test
    void aVerdictQuestionNeedsItsWordingAndAYesOrNo() throws Exception {
        String data = "\"data\": {\"generate\": {\"m\": 20, \"n\": 200, \"seed\": 1, \"spectrum\": [5, 4]}}, \"lambda\": 0.1, \"k\": 2";
        assertThat(bind("{" + data + ", \"verdict\": {\"expected\": \"yes\"}}").problems())
                .extracting(ConfigProblem::path).containsExactly("verdict.question");
        assertThat(bind("{" + data + ", \"verdict\": {\"question\": \"is it?\", \"expected\": \"perhaps\"}}").problems())
                .containsExactly(new ConfigProblem("verdict.expected", "write yes or no"));
        ConfigBinder.Result ok = bind("{" + data + ", \"verdict\": {\"question\": \"is it?\", \"expected\": \"No\"}}");
        assertThat(ok.problems()).isEmpty();
        assertThat(((AeConfig) ok.config()).askedVerdict()).hasValueSatisfying(v -> assertThat(v.expected()).isEqualTo("No"));
        assertThat(((AeConfig) bind("{" + data + "}").config()).askedVerdict()).isEmpty();
    }

    @Test
    void hw7sPackCarriesTodaysWording() throws Exception {
        var pack = new dev.assay.engine.pack.PackLoader(PluginRegistry.of(AutoencoderPluginTest.SHARED), new ConfigBinder(
                Validation.buildDefaultValidatorFactory().getValidator())).load(dev.assay.engine.pack.PackReader.read(
                java.nio.file.Path.of(System.getProperty("assay.repo.root", "../.."), "deploy/packs/hw7")));
        AeConfig hw7 = (AeConfig) pack.ordered().stream().filter(q -> q.def().id().equals("hw7/8b-orthonormal")).findFirst()
                .orElseThrow().ready().config();
        assertThat(hw7.askedVerdict()).contains(AutoencoderPluginTest.HW7_VERDICT);
        Grade g = gradeOptimum(hw7, "Weight decay shrinks the weights.");
        assertThat(g.feedback().get(0).markdown())
                .endsWith("Say yes or no: does weight decay bias the decoder toward orthonormal columns?");
        assertThat(figureCaption(g)).isEqualTo("Weight decay pushes them toward $1 - \\lambda/s_i$, just below 1: a decoder "
                + "with (nearly) orthonormal columns.");
    }
}
