package dev.assay.plugins.autoencoder;

import dev.assay.api.Attachment;
import dev.assay.api.ConfigProblem;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.HandoutInfo;
import dev.assay.api.QuestionResources;
import dev.assay.api.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear autoencoders: checks uploaded weights W1 (k×m) and W2 (m×k), or the weights a student's training setup
 * reaches, against the closed-form optimum of Eq. 6 on the question's data set ({@link Measurement}: loss gap,
 * principal angles to span(U_k), the eigenvalues of W2ᵀW2 against 1 − λ/s_i), and the yes/no verdict where the
 * question asks one ({@link AeConfig.VerdictQuestion}); {@link Scoring} turns that into a score, {@link Diagnosis} and
 * {@link Evidence} into feedback. This class is the plugin's face to the engine.
 *
 * <p>The optimum is computed two ways, in closed form and by training with Deeplearning4j, and the two must
 * agree before either is trusted. Training runs on the {@link TrainingDevice} (CUDA where the build carries it
 * and the GPU can run it, else the CPU), one job at a time by default, each within the question's time budget; the
 * plugin tells the engine so ({@link #concurrency()}), and the engine grades that many answers at once.
 */
public final class AutoencoderPlugin implements GraderPlugin<AeConfig> {
    private static final System.Logger LOG = System.getLogger(AutoencoderPlugin.class.getName());

    /** One training at a time on this machine's device by default. */
    private final TrainingDevice device = new TrainingDevice(Integer.getInteger("assay.autoencoder.concurrentJobs", 1));
    private final DataSets dataSets = new DataSets();
    private final References references = new References(device, dataSets);

    @Override
    public Optional<java.time.Duration> timeLimit(AeConfig config) {
        // the reference on a question's first grade, then the student's setup (the engine's queue holds the waiting)
        return Optional.of(config.trainingBudget().multipliedBy(2).plusSeconds(10));
    }

    /**
     * As many answers at once as the device trains jobs at once: any answer may need training (a setup, or the
     * reference on a question's first grade), and the others are better kept in the engine's queue, holding no worker.
     */
    @Override
    public OptionalInt concurrency() {
        return OptionalInt.of(device.concurrentJobs());
    }

    @Override
    public java.util.Map<String, String> status() {
        return device.status();
    }

    @Override
    public String id() {
        return "autoencoder-dl4j";
    }

    @Override
    public Class<AeConfig> configType() {
        return AeConfig.class;
    }

    @Override
    public List<ConfigProblem> checkConfig(AeConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (c.data().generate() == null && c.data().csv() == null) {
            problems.add(new ConfigProblem("data", "give generate: {m, n, seed, spectrum} or csv: path in the pack"));
        }
        if (c.data().generate() != null && c.k() >= c.data().generate().m()) {
            problems.add(new ConfigProblem("k", "the bottleneck k must be smaller than m"));
        }
        if (c.verdict() != null && !isYesOrNo(c.verdict().expected())) {
            problems.add(new ConfigProblem("verdict.expected", "write yes or no"));
        }
        if (c.expectedVerdict() != null) {
            if (c.verdict() != null) {
                problems.add(new ConfigProblem("expectedVerdict", "this is the old name of verdict.expected: remove it, "
                        + "verdict.expected says it"));
            } else if (!isYesOrNo(c.expectedVerdict())) {
                problems.add(new ConfigProblem("expectedVerdict", "write yes or no"));
            } else {
                LOG.log(System.Logger.Level.WARNING, "autoencoder-dl4j: expectedVerdict is the old name of verdict.expected and "
                        + "is still read; write verdict: {question, expected, explanation} instead, so that feedback can "
                        + "ask the question");
            }
        }
        return problems;
    }

    private static boolean isYesOrNo(String verdict) {
        return verdict.equalsIgnoreCase("yes") || verdict.equalsIgnoreCase("no");
    }

    @Override
    public List<HandoutInfo> handouts(AeConfig config) {
        return List.of(new HandoutInfo("X.csv", "text/csv", "the data set X (rows: features, columns: samples), CSV"),
                new HandoutInfo("X.npy", "application/x-npy", "the same data as a NumPy array (float64)"));
    }

    @Override
    public List<dev.assay.api.AnswerFile> answerFiles(AeConfig config) {
        return List.of(new dev.assay.api.AnswerFile("W1", ".csv,.json,.npy", "the encoder, k×m"),
                new dev.assay.api.AnswerFile("W2", ".csv,.json,.npy", "the decoder, m×k"),
                new dev.assay.api.AnswerFile("setup", ".json,.yaml,.yml", "or, instead of weights, your training setup"));
    }

    @Override
    public Optional<Attachment> handout(AeConfig config, String name, QuestionResources resources) {
        try {
            DMatrixRMaj x = dataSets.of(config.data(), resources).x();
            return switch (name) {
                case "X.csv" -> Optional.of(new Attachment("X.csv", "text/csv", Matrices.csv(x)));
                case "X.npy" -> Optional.of(new Attachment("X.npy", "application/x-npy", Npy.write(x)));
                default -> Optional.empty();
            };
        } catch (WeightsException e) {
            return Optional.empty();
        }
    }

    @Override
    public Validation validate(GradingRequest<AeConfig> request) {
        List<String> read = new ArrayList<>();
        Optional<Attachment> setupFile = AnswerFiles.setup(request);
        if (setupFile.isPresent()) {
            try {
                TrainingSetup s = TrainingSetup.read(setupFile.get().name(), setupFile.get().content());
                read.add("training setup: " + s.optimizerName() + ", loss " + s.lossName() + ", decay " + s.decay());
            } catch (WeightsException e) {
                return Validation.invalid("MALFORMED_FILE", e.getMessage(), Echo.NONE);
            }
        }
        for (String base : read.isEmpty() ? List.of("W1", "W2") : List.<String>of()) {
            Optional<Attachment> f = AnswerFiles.named(request, base);
            if (f.isEmpty()) {
                return Validation.invalid("MISSING_FILE", "Upload " + base + " (CSV, JSON or .npy).", Echo.NONE);
            }
            try {
                DMatrixRMaj m = Matrices.read(f.get().name(), f.get().content());
                read.add(base + ": " + m.numRows + "×" + m.numCols);
            } catch (WeightsException e) {
                return Validation.invalid("MALFORMED_FILE", e.getMessage(), Echo.NONE);
            }
        }
        if (request.config().askedVerdict().isPresent()) {
            Verdict v = Verdict.read(request.answer().text());
            read.add("verdict: " + (v.isClear() ? v.answer() : v.unclear() != null ? "not one clear answer (" + v.unclear()
                    + "): write yes or no" : "none yet (write yes or no)"));
        }
        return Validation.valid(Echo.text(String.join("; ", read)));
    }

    @Override
    public Grade grade(GradingRequest<AeConfig> request) throws InterruptedException {
        AeConfig c = request.config();
        Optional<Attachment> setupFile = AnswerFiles.setup(request);
        TrainingSetup setup = null;
        DMatrixRMaj w1 = null;
        DMatrixRMaj w2 = null;
        try {
            if (setupFile.isPresent()) {
                setup = TrainingSetup.read(setupFile.get().name(), setupFile.get().content());
            } else {
                w1 = AnswerFiles.weights(request, "W1");
                w2 = AnswerFiles.weights(request, "W2");
            }
        } catch (WeightsException e) {
            return Grade.invalid("MALFORMED_FILE", e.getMessage(), Echo.NONE);
        }
        Reference ref;
        try {
            ref = references.of(c, request.context().resources());
        } catch (WeightsException e) {
            return NotGraded.dataUnavailable(e);
        } catch (TrainingDevice.BudgetExceeded e) {
            return NotGraded.referenceOverBudget(c, e);
        } catch (TrainingDevice.Busy e) {
            return NotGraded.busy(e);
        }
        if (!ref.agree()) {
            return NotGraded.referenceDisagrees(ref);
        }
        TrainedSetup trained = null;
        if (setup != null) {
            List<String> differences = setup.differencesFromEq6(ref.closedForm().x.numRows, c.lambda());
            Dl4jReference.Run run;
            TrainingSetup s = setup;
            try {
                run = device.run(c.trainingBudget(), deadline -> Dl4jReference.train(ref.closedForm().x, c.k(), 7, s, deadline));
            } catch (TrainingDevice.BudgetExceeded e) {
                return approach(NotGraded.trainingOverBudget(c, setup, differences, e), request).build();
            } catch (TrainingDevice.Busy e) {
                return NotGraded.busy(e);
            }
            w1 = run.w1();
            w2 = run.w2();
            trained = new TrainedSetup(differences.isEmpty() ? "SETUP_IS_EQ6" : "SETUP_NOT_EQ6", Evidence.setup(differences, run));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return approach(assess(c, ref, w1, w2, trained, request.answer().text()), request).build();
    }

    /** What training a student's setup did: whether it is Eq. 6 (a note), and the evidence that says how and what it reached. */
    private record TrainedSetup(String note, FeedbackBlock evidence) {
        static Grade.Builder addTo(Grade.Builder g, TrainedSetup trained) {
            return trained == null ? g : g.note(trained.note()).feedback(trained.evidence());
        }
    }

    /** The grade of a pair of weights, uploaded or trained from a setup ({@code trained}, else null), with its feedback. */
    private static Grade.Builder assess(AeConfig c, Reference ref, DMatrixRMaj w1, DMatrixRMaj w2, TrainedSetup trained,
                                        String answerText) {
        ClosedForm optimum = ref.closedForm();
        int m = optimum.x.numRows;
        Echo echo = Echo.text("W1 " + w1.numRows + "×" + w1.numCols + ", W2 " + w2.numRows + "×" + w2.numCols);
        if (w1.numRows != c.k() || w1.numCols != m || w2.numRows != m || w2.numCols != c.k()) {
            return Grade.builder(Grade.Status.GRADED).score(0).note("WRONG_SHAPE").echo(echo)
                    .feedback(FeedbackBlock.diagnosis(Diagnosis.wrongShape(c.k(), m, w1, w2)));
        }
        VerdictOutcome verdict = VerdictOutcome.of(c.askedVerdict(), answerText);
        if (!Matrices.allFinite(w1) || !Matrices.allFinite(w2)) {
            // only a student's setup can get here (uploads with NaN or infinity are refused when read)
            Grade.Builder g = graded(Scoring.diverged(c.checks(), verdict), echo)
                    .feedback(FeedbackBlock.diagnosis(Diagnosis.diverged(verdict)));
            return TrainedSetup.addTo(g, trained);
        }
        Measurement measured = Measurement.of(optimum, w1, w2);
        Scoring.Score score = Scoring.of(measured, c.tolerances(), c.checks(), verdict);
        Grade.Builder g = graded(score, echo)
                .feedback(FeedbackBlock.diagnosis(Diagnosis.of(c, optimum, w1, w2, measured, score.checks(), verdict)));
        return TrainedSetup.addTo(g, trained)
                .feedback(Evidence.table(c.tolerances(), ref, measured, score.checks()))
                .feedback(Evidence.eigenvalues(measured, c.lambda(), verdict));
    }

    private static Grade.Builder graded(Scoring.Score score, Echo echo) {
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(score.value()).echo(echo);
        score.notes().forEach(g::note);
        return g;
    }

    private static Grade.Builder approach(Grade.Builder g, GradingRequest<AeConfig> r) {
        return r.expectedApproach().isBlank() ? g : g.feedback(FeedbackBlock.expectedApproach(r.expectedApproach()));
    }
}
