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
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear autoencoders (hw7 8.b): checks uploaded weights W1 (k×m) and W2 (m×k) against the closed-form
 * optimum of Eq. 6 on the question's data set: loss gap, principal angles to span(U_k), the eigenvalues
 * of W2ᵀW2 against 1 − λ/s_i, and the yes/no verdict.
 *
 * <p>The optimum is computed two ways, in closed form and by training with Deeplearning4j, and the two must
 * agree before either is trusted. Training runs on the {@link TrainingDevice} (CUDA where the build carries it
 * and the GPU can run it, else the CPU), one job at a time by default, each within the question's time budget; the
 * plugin tells the engine so ({@link #concurrency()}), and the engine grades that many answers at once.
 */
public final class AutoencoderPlugin implements GraderPlugin<AeConfig> {

    /** Data sets and optima are pure functions of the data, λ and k: computed once for each. */
    private final ConcurrentHashMap<ReferenceKey, Reference> optima = new ConcurrentHashMap<>();

    private record ReferenceKey(AeConfig.Data data, double lambda, int k) {
        static ReferenceKey of(AeConfig c) {
            return new ReferenceKey(c.data(), c.lambda(), c.k());
        }
    }
    /** One training at a time on this machine's device by default. */
    private final TrainingDevice device = new TrainingDevice(Integer.getInteger("assay.autoencoder.concurrentJobs", 1));

    /** Both references, and whether they agree. */
    record Reference(ClosedForm closedForm, Dl4jReference.Run dl4j, double dl4jGap, double dl4jAngle) {
        boolean agree() {
            return Math.abs(dl4jGap) <= 1e-3 && dl4jAngle <= 1.0;
        }
    }

    @Override
    public Optional<java.time.Duration> timeLimit(AeConfig config) {
        // the reference on a question's first grade, then the student's setup (the engine's queue holds the waiting)
        return Optional.of(budget(config).multipliedBy(2).plusSeconds(10));
    }

    /**
     * As many answers at once as the device trains jobs at once: any answer may need training (a setup, or the
     * reference on a question's first grade), and the others are better kept in the engine's queue, holding no worker.
     */
    @Override
    public OptionalInt concurrency() {
        return OptionalInt.of(device.concurrentJobs());
    }

    private static java.time.Duration budget(AeConfig c) {
        return java.time.Duration.ofSeconds(c.trainingBudgetSeconds());
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
        if (!c.expectedVerdict().equalsIgnoreCase("yes") && !c.expectedVerdict().equalsIgnoreCase("no")) {
            problems.add(new ConfigProblem("expectedVerdict", "write yes or no"));
        }
        return problems;
    }

    private Reference optimum(AeConfig c, QuestionResources resources)
            throws WeightsException, InterruptedException, TrainingDevice.BudgetExceeded, TrainingDevice.Busy {
        ReferenceKey key = ReferenceKey.of(c);
        Reference ref = optima.get(key);
        if (ref != null) {
            return ref;
        }
        DMatrixRMaj x = DataSet.of(c.data(), resources);
        return device.run(budget(c), deadline -> {
            Reference again = optima.get(key); // trained by the job ahead of this one
            if (again != null) {
                return again;
            }
            ClosedForm cf = new ClosedForm(x, c.lambda(), c.k());
            long seed = c.data().generate() == null ? 1 : c.data().generate().seed();
            Dl4jReference.Run run = Dl4jReference.train(x, c.lambda(), c.k(), seed, deadline);
            Reference made = new Reference(cf, run, (cf.loss(run.w1(), run.w2()) - cf.loss) / cf.loss,
                    cf.largestPrincipalAngle(run.w2()));
            if (optima.size() < 16) {
                optima.put(key, made);
            }
            return made;
        });
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
            DMatrixRMaj x = DataSet.of(config.data(), resources);
            return switch (name) {
                case "X.csv" -> Optional.of(new Attachment("X.csv", "text/csv", Matrices.csv(x)));
                case "X.npy" -> Optional.of(new Attachment("X.npy", "application/x-npy", Npy.write(x)));
                default -> Optional.empty();
            };
        } catch (WeightsException e) {
            return Optional.empty();
        }
    }

    private static Optional<Attachment> file(GradingRequest<AeConfig> r, String base) {
        return r.answer().attachments().stream().filter(a -> {
            String n = a.name();
            int dot = n.lastIndexOf('.');
            return (dot < 0 ? n : n.substring(0, dot)).equalsIgnoreCase(base);
        }).findFirst();
    }

    @Override
    public Validation validate(GradingRequest<AeConfig> request) {
        List<String> read = new ArrayList<>();
        Optional<Attachment> setupFile = file(request, "setup");
        if (setupFile.isPresent() && file(request, "W1").isEmpty()) {
            try {
                TrainingSetup s = TrainingSetup.read(setupFile.get().name(), setupFile.get().content());
                read.add("training setup: " + s.optimizerName() + ", loss " + s.lossName() + ", decay " + s.decay());
            } catch (WeightsException e) {
                return Validation.invalid("MALFORMED_FILE", e.getMessage(), Echo.NONE);
            }
        }
        for (String base : read.isEmpty() ? List.of("W1", "W2") : List.<String>of()) {
            Optional<Attachment> f = file(request, base);
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
        Verdict v = Verdict.read(request.answer().text());
        read.add("verdict: " + (v.isClear() ? v.answer() : v.unclear() != null ? "not one clear answer (" + v.unclear()
                + "): write yes or no" : "none yet (write yes or no)"));
        return Validation.valid(Echo.text(String.join("; ", read)));
    }

    @Override
    public Grade grade(GradingRequest<AeConfig> request) throws InterruptedException {
        AeConfig c = request.config();
        Optional<Attachment> setupFile = file(request, "setup");
        boolean bySetup = setupFile.isPresent() && file(request, "W1").isEmpty();
        TrainingSetup setup = null;
        DMatrixRMaj w1 = null;
        DMatrixRMaj w2 = null;
        try {
            if (bySetup) {
                setup = TrainingSetup.read(setupFile.get().name(), setupFile.get().content());
            } else {
                w1 = weights(request, "W1");
                w2 = weights(request, "W2");
            }
        } catch (WeightsException e) {
            return Grade.invalid("MALFORMED_FILE", e.getMessage(), Echo.NONE);
        }
        Reference ref;
        try {
            ref = optimum(c, request.context().resources());
        } catch (WeightsException e) {
            return Grade.error("DATA_UNAVAILABLE", "The question's data set cannot be built: " + e.getMessage());
        } catch (TrainingDevice.BudgetExceeded e) {
            return Grade.error("REFERENCE_OVER_BUDGET", "The reference training for this question did not finish within its "
                    + "budget of " + c.trainingBudgetSeconds() + " s (" + e.getMessage() + "). Your answer is kept; an "
                    + "instructor needs to raise trainingBudgetSeconds or make the data set smaller, then regrade.");
        } catch (TrainingDevice.Busy e) {
            return busy(e);
        }
        if (!ref.agree()) {
            return Grade.error("REFERENCE_DISAGREES", "The two references for this question disagree (DL4J's training is "
                    + fmt(100 * ref.dl4jGap()) + " % above the closed form, " + fmt(ref.dl4jAngle()) + "° off its subspace), "
                    + "so neither is trusted. Your answer is kept; an instructor needs to check the question's settings.");
        }
        String setupReport = null;
        List<String> differences = List.of();
        if (bySetup) {
            differences = setup.differencesFromEq6(ref.closedForm().x.numRows, c.lambda());
            Dl4jReference.Run run;
            TrainingSetup s = setup;
            try {
                run = device.run(budget(c), deadline -> Dl4jReference.train(ref.closedForm().x, c.k(), 7, s, deadline));
            } catch (TrainingDevice.BudgetExceeded e) {
                return approach(Grade.builder(Grade.Status.INVALID_ANSWER).note("TRAINING_OVER_BUDGET")
                        .echo(Echo.text("training setup: " + setup.optimizerName() + ", " + e.stepsPlanned + " steps"))
                        .feedback(FeedbackBlock.diagnosis("Your setup asks for " + e.stepsPlanned + " full-batch steps. "
                                + "Assay trains each setup for at most " + c.trainingBudgetSeconds() + " s and got through "
                                + e.stepsDone + " of them, so it stopped without grading. Ask for fewer epochs (or a larger "
                                + "batch), or train it yourself and upload W1 and W2 instead."
                                + (differences.isEmpty() ? "" : " Note also: " + String.join("; ", differences) + "."))),
                        request).build();
            } catch (TrainingDevice.Busy e) {
                return busy(e);
            }
            w1 = run.w1();
            w2 = run.w2();
            setupReport = (differences.isEmpty()
                    ? "Your setup is Eq. 6 exactly: two linear layers without bias, mean squared error, plain SGD with "
                    + "weight_decay = 2λ/m. "
                    : "Your setup optimises a different objective than Eq. 6: " + String.join("; ", differences) + ". ")
                    + "Assay trained it with Deeplearning4j (" + run.backend() + ") on the question's data for " + run.steps()
                    + " steps (" + fmt(run.millis() / 1000.0) + " s) and checked the weights it reached, below.";
        }
        ClosedForm opt = ref.closedForm();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        int m = opt.x.numRows;
        int k = c.k();
        Echo echo = Echo.text("W1 " + w1.numRows + "×" + w1.numCols + ", W2 " + w2.numRows + "×" + w2.numCols);
        if (w1.numRows != k || w1.numCols != m || w2.numRows != m || w2.numCols != k) {
            boolean transposed = w1.numRows == m && w1.numCols == k && w2.numRows == k && w2.numCols == m;
            Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0).note("WRONG_SHAPE").echo(echo)
                    .feedback(FeedbackBlock.diagnosis("W1 must be k×m = " + k + "×" + m + " and W2 m×k = " + m + "×" + k
                            + "; yours are " + w1.numRows + "×" + w1.numCols + " and " + w2.numRows + "×" + w2.numCols + "."
                            + (transposed ? " They look transposed: PyTorch's nn.Linear stores weight as (out, in), so save "
                            + "encoder.weight as W1 and decoder.weight as W2 without transposing." : "")));
            return approach(g, request).build();
        }
        AeConfig.Tolerances tol = c.tolerances();
        VerdictOutcome verdict = VerdictOutcome.of(c.expectedVerdict(), request.answer().text());
        if (!Matrices.allFinite(w1) || !Matrices.allFinite(w2)) {
            // only a student's setup can get here (uploads with NaN or infinity are refused when read)
            Scoring.Score diverged = Scoring.diverged(c.checks(), verdict);
            Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(diverged.value()).echo(echo);
            diverged.notes().forEach(g::note);
            List<String> said = new ArrayList<>(List.of("Training your setup diverged: the weights it reached hold NaN or "
                    + "infinite values, so there is nothing to check against the optimum. A smaller learning rate keeps "
                    + "gradient descent stable."));
            verdictFeedback(said, verdict.said(), verdict.right());
            g.feedback(FeedbackBlock.diagnosis(String.join(" ", said)));
            setupEvidence(g, setupReport, differences);
            return approach(g, request).build();
        }
        Measurement measured = Measurement.of(opt, w1, w2);
        Scoring.Score score = Scoring.of(measured, tol, c.checks(), verdict);
        double loss = measured.loss();
        double gap = measured.lossGap();
        double bestWithThisDecoder = measured.bestEncoderLoss();
        double encoderGap = measured.encoderGap();
        double angle = measured.largestAngle();
        double[] eig = measured.eigenvalues();
        double[] predicted = measured.predicted();
        boolean subspaceOk = score.checks().subspace();
        boolean lossOk = score.checks().loss();
        boolean orthoOk = score.checks().orthonormal();
        boolean reconstructs = score.checks().reconstructs();
        boolean verdictOk = verdict.right();
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(score.value()).echo(echo);
        score.notes().forEach(g::note);
        List<String> said = new ArrayList<>();
        double implied = orthoOk ? Double.NaN : Measurement.impliedLambda(eig, opt.s, k, tol.eigenvalue());
        if (!reconstructs) {
            said.add(EncoderDiagnosis.of(w1, w2) + " With your W2 the best encoder reaches a loss of "
                    + fmt(bestWithThisDecoder) + " and your W1 reaches " + fmt(loss) + ": more by " + percent(encoderGap)
                    + " of the optimum's loss ($L^*$ = " + fmt(opt.loss) + "), where a pair trained together is within "
                    + percent(tol.encoderGap()) + ". "
                    + (subspaceOk || orthoOk ? "Your decoder W2 on its own " + (subspaceOk && orthoOk
                    ? "spans the right subspace and has the right eigenvalues" : subspaceOk ? "spans the right subspace"
                    : "has the right eigenvalues") + ", but that earns credit only together with the encoder that goes "
                    + "with it: upload the W1 trained together with this W2 (at the optimum $W_1 = W_2^\\top$)."
                    : "Upload the W1 and W2 of one training run: at the optimum $W_1 = W_2^\\top$."));
        }
        if (!subspaceOk) {
            said.add("Your decoder does not span the top-" + k + " principal subspace (largest principal angle "
                    + fmt(angle) + "°): training has not converged, or the data or the model differ from the question's.");
        } else if (!orthoOk && reconstructs) {
            if (!Double.isNaN(implied)) {
                said.add("Your decoder is balanced, as weight decay makes it, but for λ ≈ " + fmt(implied) + " rather than "
                        + c.lambda() + ": the eigenvalues of $W_2^\\top W_2$ are $1 - " + fmt(implied) + "/s_i$. Check how the "
                        + "penalty is scaled (with nn.MSELoss, weight_decay = 2λ/m).");
            } else {
                said.add("Your decoder spans the right subspace, but the eigenvalues of $W_2^\\top W_2$ are not $1 - \\lambda/s_i$: "
                        + "this is what an optimum without weight decay looks like ($W_2 = U_kA$ for any invertible $A$). "
                        + "With weight decay the optimum is balanced: check that λ = " + c.lambda() + " is applied to both layers.");
            }
        }
        if (subspaceOk && reconstructs && !lossOk && Double.isNaN(implied)) {
            said.add("Your loss is " + fmt(100 * gap) + " % above the optimum: train longer or with a smaller step.");
        }
        verdictFeedback(said, verdict.said(), verdictOk);
        if (said.isEmpty()) {
            said.add("Your weights reach the regularised optimum, and your verdict is right.");
        }
        g.feedback(FeedbackBlock.diagnosis(String.join(" ", said)));
        setupEvidence(g, setupReport, differences);
        String aloneMark = reconstructs ? "" : " (W2 alone: not credited without its encoder)";
        StringBuilder table = new StringBuilder("| check | yours | optimum / tolerance | |\n|---|---|---|---|\n");
        table.append("| loss $L_\\lambda$ | ").append(fmt(loss)).append(" | ").append(fmt(opt.loss)).append(" (gap ≤ ")
                .append(fmt(100 * tol.lossGap())).append(" %) | ").append(lossOk ? "✓" : "✗").append(" |\n");
        table.append("| loss above the best encoder for your $W_2$, as a share of $L^*$ | ").append(percent(encoderGap))
                .append(" | ≤ ").append(percent(tol.encoderGap())).append(" | ").append(reconstructs ? "✓" : "✗").append(" |\n");
        table.append("| largest principal angle to span($U_k$) | ").append(fmt(angle)).append("° | ≤ ")
                .append(fmt(tol.principalAngleDegrees())).append("° | ").append(subspaceOk ? "✓" + aloneMark : "✗").append(" |\n");
        for (int i = 0; i < k; i++) {
            table.append("| eigenvalue ").append(i + 1).append(" of $W_2^\\top W_2$ | ").append(fmt(eig[i])).append(" | ")
                    .append(fmt(predicted[i])).append(" ± ").append(fmt(tol.eigenvalue())).append(" | ")
                    .append(Math.abs(eig[i] - predicted[i]) <= tol.eigenvalue() ? "✓" + aloneMark : "✗").append(" |\n");
        }
        table.append("\nThe optimum was computed two ways, which agree: in closed form ($L^* = ").append(fmt(opt.loss))
                .append("$) and by training with Deeplearning4j (").append(ref.dl4j().backend()).append(" backend, ")
                .append(ref.dl4j().steps()).append(" steps of gradient descent on Eq. 6: loss ")
                .append(String.format(Locale.ROOT, "%.2e", ref.dl4jGap())).append(" relative to $L^*$, largest angle ")
                .append(String.format(Locale.ROOT, "%.1e", ref.dl4jAngle())).append("°).");
        g.feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "Your weights against the optimum", table.toString(), null));
        g.feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "The eigenvalues of your $W_2^\\top W_2$",
                "Weight decay pushes them toward $1 - \\lambda/s_i$, just below 1: a decoder with (nearly) orthonormal columns.",
                EigenvalueChart.of(eig, predicted, c.lambda())));
        return approach(g, request).build();
    }

    /** For an answer that was a training setup (report not null): how it relates to Eq. 6 and what training did. */
    private static void setupEvidence(Grade.Builder g, String setupReport, List<String> differences) {
        if (setupReport != null) {
            g.note(differences.isEmpty() ? "SETUP_IS_EQ6" : "SETUP_NOT_EQ6")
                    .feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "Your training setup", setupReport, null));
        }
    }

    private static void verdictFeedback(List<String> said, Verdict verdict, boolean verdictOk) {
        if (verdictOk) {
            return;
        }
        if (verdict.unclear() != null) {
            said.add("Your verdict needs to be one clear answer, and yours is not yet: " + verdict.unclear() + ". Start with "
                    + "yes or no, then give your argument; you can resubmit with the same weights.");
        } else if (!verdict.isClear()) {
            said.add("Say yes or no: does weight decay bias the decoder toward orthonormal columns?");
        } else {
            said.add("Your verdict (" + verdict.answer() + ") is not what the numbers show.");
        }
    }

    private static String percent(double share) {
        // NaN when the loss is beyond the arithmetic (weights of 1e200); above 99,999 % the number says nothing more
        return Double.isNaN(share) ? "n/a" : share > 999.99 ? "over 99,999 %"
                : String.format(Locale.ROOT, "%.1f %%", 100 * Math.max(0, share)); // never below 0 but for rounding
    }

    private static Grade busy(TrainingDevice.Busy e) {
        return Grade.error("TRAINING_BUSY", "Assay could not train for this answer now: " + e.getMessage() + ". Your answer "
                + "is kept and will be graded when it is regraded; nothing is lost.");
    }

    private static Grade.Builder approach(Grade.Builder g, GradingRequest<AeConfig> r) {
        return r.expectedApproach().isBlank() ? g : g.feedback(FeedbackBlock.expectedApproach(r.expectedApproach()));
    }

    private static DMatrixRMaj weights(GradingRequest<AeConfig> r, String base) throws WeightsException {
        Attachment f = file(r, base).orElseThrow(() -> new WeightsException("Upload your " + base
                + " as a file named " + base + " (CSV, JSON or .npy); the answer has " + (r.answer().attachments().isEmpty()
                ? "no files" : "only " + r.answer().attachments().stream().map(Attachment::name).toList()) + "."));
        return Matrices.read(f.name(), f.content());
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.4g", d);
    }
}
