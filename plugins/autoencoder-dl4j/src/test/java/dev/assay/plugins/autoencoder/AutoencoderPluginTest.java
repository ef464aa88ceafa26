package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.api.Attachment;
import dev.assay.api.QuestionResources;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class AutoencoderPluginTest {
    /** hw7 8.b's yes/no question, as its YAML words it. */
    static final AeConfig.VerdictQuestion HW7_VERDICT = new AeConfig.VerdictQuestion(
            "does weight decay bias the decoder toward orthonormal columns?", "yes",
            "Weight decay pushes them toward $1 - \\lambda/s_i$, just below 1: a decoder with (nearly) orthonormal columns.");
    static final AeConfig HW7 = new AeConfig(new AeConfig.Data(new AeConfig.Generate(20, 2000, 5, 7L,
            List.of(10.0, 8.0, 6.0, 5.0, 4.0, 0.5, 0.4, 0.3, 0.2, 0.1)), null), 0.1, 5, HW7_VERDICT, null, null, null, null);

    /** One plugin for the tests that grade: the reference is trained once (seconds of DL4J) and then cached. */
    static final AutoencoderPlugin SHARED = new AutoencoderPlugin();

    @Test
    void everyHw7CaseOfThisPluginPasses() throws Exception {
        GradingEngine engine = new GradingEngine(EngineSettings.defaults());
        var pack = new PackLoader(PluginRegistry.of(SHARED), new ConfigBinder(
                Validation.buildDefaultValidatorFactory().getValidator()))
                .load(PackReader.read(Path.of(System.getProperty("assay.repo.root", "../.."), "deploy/packs/hw7")));
        var results = new QuestionTestRunner(engine).run(pack).results().stream()
                .filter(r -> r.questionId().equals("hw7/8b-orthonormal")).toList();
        assertThat(results).hasSize(22);
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).as(r.label() + " " + r.detail())
                .isEqualTo(QuestionTestRunner.Outcome.PASS));
    }

    @Test
    void theClosedFormIsTheOptimumItClaimsToBe() {
        ClosedForm cf = new ClosedForm(DataSet.generate(HW7.data().generate()), 0.1, 5);
        assertThat(cf.loss(cf.w1, cf.w2)).isCloseTo(cf.loss, within(1e-10));
        assertThat(cf.s[4] / cf.s[5]).as("a clear gap after the 5th eigenvalue").isGreaterThan(5);
        assertThat(cf.largestPrincipalAngle(cf.w2)).isLessThan(1e-5);
        double[] eig = ClosedForm.gramEigenvalues(cf.w2);
        double[] predicted = cf.predictedEigenvalues();
        for (int i = 0; i < 5; i++) {
            assertThat(eig[i]).isCloseTo(predicted[i], within(1e-10));
        }
        // Any perturbation costs loss: it is a minimum.
        DMatrixRMaj moved = cf.w2.copy();
        moved.set(0, 0, moved.get(0, 0) + 1e-3);
        assertThat(cf.loss(cf.w1, moved)).isGreaterThan(cf.loss);
    }

    @Test
    void theDataSetIsTheSameEveryTimeAndHandedOutAsCsvAndNpy() throws Exception {
        DMatrixRMaj a = DataSet.generate(HW7.data().generate());
        DMatrixRMaj b = DataSet.generate(HW7.data().generate());
        assertThat(a.data).isEqualTo(b.data);
        AutoencoderPlugin plugin = new AutoencoderPlugin();
        Attachment npy = plugin.handout(HW7, "X.npy", QuestionResources.NONE).orElseThrow();
        Attachment csv = plugin.handout(HW7, "X.csv", QuestionResources.NONE).orElseThrow();
        assertThat(Matrices.read("X.npy", npy.content()).data).isEqualTo(a.data);
        DMatrixRMaj fromCsv = Matrices.read("X.csv", csv.content());
        assertThat(fromCsv.numRows).isEqualTo(20);
        assertThat(fromCsv.numCols).isEqualTo(2000);
        assertThat(fromCsv.get(3, 7)).isCloseTo(a.get(3, 7), within(1e-15));
        assertThat(plugin.handouts(HW7)).extracting(h -> h.name()).containsExactly("X.csv", "X.npy");
    }

    static byte[] npy(String descr, boolean fortran, int rows, int cols, double... values) {
        return npyFile(descr, fortran, "(" + rows + ", " + cols + ")", values);
    }

    /** A float64 .npy file whose header claims the given shape, followed by the given values. */
    static byte[] npyClaiming(String shape, double... values) {
        return npyFile("<f8", false, shape, values);
    }

    private static byte[] npyFile(String descr, boolean fortran, String shape, double... values) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        boolean f4 = descr.endsWith("4");
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + values.length * (f4 ? 4 : 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buf.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (f4) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        return buf.array();
    }

    @Test
    void npyShapesThatCannotBeTrueAreRefusedWithTheReasonNeverRead() {
        // 2**63 does not fit in a long: this was a NumberFormatException, so PLUGIN_FAILED on every regrade
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(9223372036854775808, 2)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("dimension of 9223372036854775808")
                .hasMessageContaining("far more than");
        // 2**62 × 4 overflowed to 0 entries, so an empty file was read as a 0×4 matrix
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(4611686018427387904, 4)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("far more than");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(4294967296, 4294967296)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("far more than");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(1000000, 1000000)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("at most 1000000");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(-1, 2)", 1, 2)))
                .isInstanceOf(WeightsException.class).hasMessageContaining("dimension of -1").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(0, 4)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(2, 3, 4)")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("3-dimensional");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("()", 1)))
                .isInstanceOf(WeightsException.class).hasMessageContaining("single number");
        assertThatThrownBy(() -> Matrices.read("W1", npyClaiming("(2, 'x')")))
                .isInstanceOf(WeightsException.class).hasMessageContaining("where a dimension should be");
    }

    @Test
    void npyShapesAsNumPyWritesThemAreRead() throws Exception {
        assertThat(Matrices.read("v", npyClaiming("(3,)", 1, 2, 3)).numRows).isEqualTo(3);
        DMatrixRMaj old = Matrices.read("W", npyClaiming("(2L, 3L)", 1, 2, 3, 4, 5, 6)); // Python 2's longs
        assertThat(old.numCols).isEqualTo(3);
        assertThat(old.get(1, 0)).isEqualTo(4.0);
    }

    @Test
    void nonFiniteEntriesAreRefusedWithTheirPositionInEveryFormat() {
        assertThatThrownBy(() -> Matrices.read("W1", npy("<f8", false, 2, 2, 1, 2, 3, Double.NaN)))
                .hasMessageContaining("W1, row 2, column 2: NaN");
        assertThatThrownBy(() -> Matrices.read("W1", npy("<f4", true, 2, 2, 1, Double.POSITIVE_INFINITY, 3, 4)))
                .hasMessageContaining("W1, row 2, column 1: an infinite value");
        assertThatThrownBy(() -> Matrices.read("W1.csv", "1,2\n3,nan\n".getBytes()))
                .hasMessageContaining("W1.csv, line 2, column 2: NaN");
        // a first line holding NaN is data, not a header to skip
        assertThatThrownBy(() -> Matrices.read("W1.csv", "nan,1\n1,2\n".getBytes()))
                .hasMessageContaining("W1.csv, line 1, column 1: NaN");
        assertThatThrownBy(() -> Matrices.read("W1.csv", "1,-inf\n".getBytes()))
                .hasMessageContaining("line 1, column 2: an infinite value");
        assertThatThrownBy(() -> Matrices.read("W1.csv", "1,1e999\n".getBytes()))
                .hasMessageContaining("line 1, column 2: 1e999 is too large");
        assertThatThrownBy(() -> Matrices.read("W2.json", "[[1, 2], [NaN, 0]]".getBytes()))
                .hasMessageContaining("W2.json, row 2, column 1: NaN");
        assertThatThrownBy(() -> Matrices.read("W2.json", "[[1, -Infinity]]".getBytes()))
                .hasMessageContaining("row 1, column 2: an infinite value");
        // Java's parser reads 1e999 as infinity: it was accepted from JSON
        assertThatThrownBy(() -> Matrices.read("W2.json", "[[1e999, 0]]".getBytes()))
                .hasMessageContaining("row 1, column 1: 1e999 is too large");
    }

    @Test
    void onlyDecimalNumbersAreNumbers() {
        // Java's Double.parseDouble also takes hex floats and a d or f suffix; no CSV or JSON writer means them
        assertThatThrownBy(() -> Matrices.read("W1.csv", "1,2\n0x1p3,1\n".getBytes())).hasMessageContaining("line 2, column 1: '0x1p3' is not a number");
        assertThatThrownBy(() -> Matrices.read("W1.csv", "1,2\n1d,1\n".getBytes())).hasMessageContaining("'1d' is not a number");
        assertThatThrownBy(() -> Matrices.read("W1.json", "[[1, 2f]]".getBytes())).hasMessageContaining("'2f' is not a number");
        assertThatThrownBy(() -> Matrices.read("W1.json", "[[1, 2]] x".getBytes())).hasMessageContaining("more after");
        assertThatThrownBy(() -> Matrices.read("W1.json", "[[]]".getBytes())).hasMessageContaining("holds no numbers");
        assertThatThrownBy(() -> Matrices.read("W1.json", "[[1, ]]".getBytes())).hasMessageContaining("row 1, column 2 is not a number");
    }

    @Test
    void aLongJsonArrayIsReadWithoutRecursingPerRow() throws Exception {
        int rows = 200_000;
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            json.append(i == 0 ? "" : ",").append("[").append(i % 7).append(".5]");
        }
        DMatrixRMaj m = Matrices.read("W.json", json.append("]").toString().getBytes());
        assertThat(m.numRows).isEqualTo(rows);
        assertThat(m.get(rows - 1, 0)).isEqualTo((rows - 1) % 7 + 0.5);
    }

    @Test
    void npyFilesInEveryLayoutNumPyWrites() throws Exception {
        DMatrixRMaj c = Matrices.read("W", npy("<f8", false, 2, 3, 1, 2, 3, 4, 5, 6));
        DMatrixRMaj f = Matrices.read("W", npy("<f4", true, 2, 3, 1, 4, 2, 5, 3, 6));
        DMatrixRMaj big = Matrices.read("W", npy(">f8", false, 2, 3, 1, 2, 3, 4, 5, 6));
        for (DMatrixRMaj m : List.of(c, f, big)) {
            assertThat(m.numRows).isEqualTo(2);
            assertThat(m.get(0, 2)).isEqualTo(3.0);
            assertThat(m.get(1, 0)).isEqualTo(4.0);
        }
        assertThat(Matrices.read("v", npy("<f8", false, 3, 1, 1, 2, 3)).numRows).isEqualTo(3);
    }

    @Test
    void hostileOrMalformedFilesAreRefusedWithAReason() {
        assertThatThrownBy(() -> Matrices.read("W1", npy("<i8", false, 1, 1, 1))).hasMessageContaining("float32 or float64");
        byte[] lying = npy("<f8", false, 1001, 1000, 1, 2);
        assertThatThrownBy(() -> Matrices.read("W1", lying)).hasMessageContaining("at most 1000000")
                .satisfies(e -> assertThat(e).isInstanceOf(WeightsException.class));
        byte[] shortData = npy("<f8", false, 2, 2, 1, 2, 3);
        assertThatThrownBy(() -> Matrices.read("W1", shortData)).hasMessageContaining("but the file holds 24 bytes");
        byte[] v9 = npy("<f8", false, 1, 1, 1);
        v9[6] = 9;
        assertThatThrownBy(() -> Matrices.read("W1", v9)).hasMessageContaining("version 9");
        byte[] hugeHeader = npy("<f8", false, 1, 1, 1);
        hugeHeader[6] = 2;
        assertThatThrownBy(() -> Matrices.read("W1", hugeHeader)).isInstanceOf(WeightsException.class);
        assertThatThrownBy(() -> Matrices.read("W1", npy("<f8", false, 1, 2, 1, Double.NaN))).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Matrices.read("W1", "1,2\n3".getBytes())).hasMessageContaining("row 2 has 1 numbers");
        assertThatThrownBy(() -> Matrices.read("W1", "1,2\n3,x\n".getBytes())).hasMessageContaining("line 2, column 2: 'x' is not a number");
        assertThatThrownBy(() -> Matrices.read("W1", "a,b\n".getBytes())).hasMessageContaining("holds no numbers");
        assertThatThrownBy(() -> Matrices.read("W1", "[[1, 2], {\"a\": 1}]".getBytes())).hasMessageContaining("JSON array");
    }

    @Test
    void aTrainingSetupIsComparedWithEq6() throws Exception {
        TrainingSetup eq6 = TrainingSetup.read("setup.yaml", ("layers: 2\nbias: false\nloss: nn.MSELoss\noptimizer: SGD\n"
                + "lr: 0.4\nweight_decay: 0.01\nepochs: 2000\n").getBytes());
        assertThat(eq6.differencesFromEq6(20, 0.1)).isEmpty();
        assertThat(eq6.steps(2000)).isEqualTo(2000);

        TrainingSetup adam = TrainingSetup.read("setup.json",
                "{\"optimizer\": \"Adam\", \"lr\": 0.01, \"weight_decay\": 0.1, \"bias\": true}".getBytes());
        assertThat(adam.differencesFromEq6(20, 0.1)).hasSize(3)
                .anySatisfy(d -> assertThat(d).contains("Adam rescales"))
                .anySatisfy(d -> assertThat(d).contains("affine"))
                .anySatisfy(d -> assertThat(d).contains("λ = 1.000").contains("weight_decay = 2λ/m = 0.01000"));
        assertThat(TrainingSetup.read("s", "{\"optimizer\": \"AdamW\", \"weight_decay\": 0.01}".getBytes())
                .differencesFromEq6(20, 0.1)).singleElement().asString().contains("decouples");
        TrainingSetup minibatch = TrainingSetup.read("s", "epochs: 100\nbatch_size: 500\n".getBytes());
        assertThat(minibatch.steps(2000)).isEqualTo(400);
        assertThat(TrainingSetup.read("s", "epochs: 100000\n".getBytes()).steps(2000)).isEqualTo(TrainingSetup.MAX_EPOCHS);

        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", "optimiser: sgd\n".getBytes()))
                .hasMessageContaining("not a training setup");
        // numbers no training can use are refused when read, with what to write instead
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", "lr: .nan\n".getBytes())).hasMessageContaining("not a training setup");
        assertThatThrownBy(() -> TrainingSetup.read("setup.yaml", "lr: 'NaN'\n".getBytes())).hasMessageContaining("lr is NaN");
        assertThatThrownBy(() -> TrainingSetup.read("setup.json", "{\"lr\": \"Infinity\", \"weight_decay\": -0.1}".getBytes()))
                .hasMessageContaining("lr is Infinity").hasMessageContaining("weight_decay is -0.1");
        assertThatThrownBy(() -> TrainingSetup.read("setup.json", "{\"epochs\": 0, \"batch_size\": -5}".getBytes()))
                .hasMessageContaining("epochs is 0").hasMessageContaining("batch_size is -5");
    }

    @Test
    void aBalancedDecoderForAnotherLambdaIsRecognised() {
        double[] s = {10, 8, 6};
        double[] forLambdaOne = {1 - 1 / 10.0, 1 - 1 / 8.0, 1 - 1 / 6.0};
        assertThat(Measurement.impliedLambda(forLambdaOne, s, 3, 0.01)).isCloseTo(1.0, within(1e-12));
        assertThat(Measurement.impliedLambda(new double[]{2.0, 0.5, 1.2}, s, 3, 0.01)).isNaN();
    }

    @Test
    void theFigureIsASmallSelfContainedSvgWithATextAlternative() throws Exception {
        dev.assay.api.Figure f = EigenvalueChart.of(new double[]{1.5, 0.9}, new double[]{0.99, 0.98}, 0.1);
        assertThat(f.mediaType()).isEqualTo("image/svg+xml");
        String svg = new String(f.data(), StandardCharsets.UTF_8);
        // well-formed XML whose root is an svg element of the size the pages reserve
        var root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(f.data())).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("560");
        assertThat(root.getAttribute("height")).isEqualTo("320");
        // two bars per eigenvalue (plus the background and two legend swatches), the line at 1 and its label
        assertThat(root.getElementsByTagName("rect").getLength()).isEqualTo(2 * 2 + 3);
        assertThat(svg).contains("1 (orthonormal columns)").contains("λ = 0.1");
        // nothing that runs or fetches: no scripts, no event handlers, no links, no external references
        assertThat(svg.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "href", "onload", "onclick",
                "<foreignobject", "url(", "<image", "@import");
        assertThat(f.data().length).as("a few KB at most").isLessThan(4096);
        assertThat(f.altText()).contains("1.500 vs 0.990").contains("0.900 vs 0.980");
    }

    @Test
    void theFigureStaysSmallAndFiniteWhateverTheEigenvalues() throws Exception {
        int k = 256;
        double[] yours = new double[k];
        double[] predicted = new double[k];
        for (int i = 0; i < k; i++) {
            yours[i] = i == 0 ? 1e308 : i == 1 ? Double.NaN : i == 2 ? -1e-17 : 1.0 / (i + 1);
            predicted[i] = 0.99;
        }
        dev.assay.api.Figure f = EigenvalueChart.of(yours, predicted, 0.1);
        String svg = new String(f.data(), StandardCharsets.UTF_8);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(f.data()));
        assertThat(f.data().length).isLessThan(8192);
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity").contains("the 32 largest of 256");
        assertThat(f.altText()).contains("the 32 largest of 256");
    }

    @Test
    void aGradeStoresTheSvgFigure() throws Exception {
        var grade = SHARED.grade(ReconstructionCreditTest.request("Yes.", ReconstructionCreditTest.optimum().w1,
                ReconstructionCreditTest.optimum().w2));
        var figure = grade.feedback().stream().filter(b -> b.figure() != null).findFirst().orElseThrow().figure();
        assertThat(figure.mediaType()).isEqualTo("image/svg+xml");
        assertThat(figure.data().length).isLessThan(4096);
    }

    @Test
    void csvWithAHeaderAndJsonAreRead() throws Exception {
        DMatrixRMaj csv = Matrices.read("W1.csv", "a,b\n1.5,2\n3,4e-1\n".getBytes());
        assertThat(csv.get(1, 1)).isEqualTo(0.4);
        DMatrixRMaj json = Matrices.read("W1.json", "[[1, 2.5], [-3, 4]]".getBytes());
        assertThat(json.get(0, 1)).isEqualTo(2.5);
        assertThat(json.get(1, 0)).isEqualTo(-3.0);
        DMatrixRMaj t = CommonOps_DDRM.transpose(json, null);
        assertThat(t.get(1, 0)).isEqualTo(2.5);
    }
}
