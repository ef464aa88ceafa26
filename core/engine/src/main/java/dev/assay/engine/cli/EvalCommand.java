package dev.assay.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.ReferenceGrading;
import dev.assay.engine.Engines;
import dev.assay.engine.eval.Agreement;
import dev.assay.engine.eval.Calibrator;
import dev.assay.engine.eval.EvalUsageException;
import dev.assay.engine.eval.Folds;
import dev.assay.engine.eval.HumanScore;
import dev.assay.engine.eval.MachineScores;
import dev.assay.engine.eval.ReferenceQuestions;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.QuestionState;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Agreement between Assay's grades and human ones: Pearson r, quadratic weighted kappa, exact
 * agreement and mean absolute error, overall and per question. Questions come from a pack, or are
 * made on the fly from a file of reference answers by a plugin that can ({@link ReferenceQuestions}), so any public
 * short-answer data set can be scored; {@code --calibrate} fits each question to the human scores where its plugin
 * can ({@link Calibrator}).
 */
@Command(name = "eval", description = "Compare grades with human scores: Pearson r, QWK, exact agreement, MAE.")
final class EvalCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--pack", description = "A course pack whose questions the input refers to")
    Path pack;

    @Option(names = "--input", required = true, description = "JSON lines: {\"question\": ID, \"answer\": TEXT, \"score\": HUMAN"
            + " [, \"max\": SCALE]}; the human score is in points (default scale: the question's points)")
    Path input;

    @Option(names = "--references", description = "JSON lines defining questions on the fly: {\"question\": ID, \"text\": QUESTION,"
            + " \"reference\": ANSWER, \"scale\": MAX}; several lines for one id add references")
    Path references;

    @Option(names = "--plugin", description = "Plugin for --references questions (default: the one installed plugin that "
            + "can grade against reference answers)")
    String plugin;

    @Option(names = "--calibrate", description = "Fit each question's settings (similarity thresholds, say) to the human "
            + "scores (QWK) where its plugin can, and report the fit (on the same answers: not a measure of agreement)")
    boolean calibrate;

    @Option(names = "--folds", description = "Cross-validate in K folds (--references questions): each fold is graded by "
            + "configurations that learned only from the other folds' answers; the figures are on the pooled held-out "
            + "grades")
    Integer folds;

    @Option(names = "--by", description = "With --folds: answer (default; each question's answers are split into folds) or "
            + "question (whole questions are held out: no graded answer of a test question is seen)")
    String by;

    @Option(names = "--learn-from", description = "Graded answers (same format as --input) the plugin learns from before "
            + "grading --input (a data set's train split, say); no answer of --input may be among them")
    Path learnFrom;

    @Option(names = "--seed", description = "Seed of the fold split (default 1)")
    long seed = 1;

    @Option(names = "--json", description = "Print one JSON object: overall, review and per question figures")
    boolean json;

    @Option(names = "--predictions", description = "Write each answer's human and machine score (JSON lines) to this file")
    Path predictions;

    /** How long a plugin may take to learn from a fold's graded answers (it reads thousands of them). */
    static final Duration LEARN_LIMIT = Duration.ofMinutes(30);

    /** A machine grade this far from the person's, as a share of the scale (3 points of 5), is a large error. */
    static final double LARGE_ERROR = 0.6;

    /** One question of a references file: its text, its reference answers in order, its scale. */
    private static final class ReferenceLines {
        String text = "";
        final List<String> references = new ArrayList<>();
        int scale;

        ReferenceLines(int scale) {
            this.scale = scale;
        }
    }

    /** A graded answer and the fold it was held out in (-1: not cross-validated). */
    record Prediction(MachineScores.Scored scored, int fold) {
    }

    @Override
    public Integer call() throws Exception {
        if (pack == null && references == null) {
            throw new Main.UserError("give --pack DIR, --references refs.jsonl, or both");
        }
        boolean crossValidate = folds != null || by != null;
        if (learnFrom != null && crossValidate) {
            throw new Main.UserError("use --learn-from or --folds/--by, not both");
        }
        if (by != null && !List.of("answer", "question").contains(by)) {
            throw new Main.UserError("--by takes answer or question, not '" + by + "'");
        }
        if (learnFrom != null && references == null) {
            throw new Main.UserError("--learn-from teaches questions made from --references; give --references refs.jsonl");
        }
        if (crossValidate && references == null) {
            throw new Main.UserError("--folds and --by cross-validate questions made from --references (the plugin learns "
                    + "each question from graded answers); give --references refs.jsonl");
        }
        if (crossValidate && calibrate) {
            throw new Main.UserError("use --calibrate or --folds, not both: cross-validation already fits on the other folds");
        }
        try (Engines engines = main.engines()) {
            Map<String, CatalogQuestion> questions = new LinkedHashMap<>();
            Map<String, Integer> scales = new LinkedHashMap<>();
            if (pack != null) {
                LoadedPack loaded = Main.loadPack(engines, pack);
                for (CatalogQuestion q : loaded.ordered()) {
                    questions.put(q.def().id(), q);
                    scales.put(q.def().id(), (int) Math.round(q.def().points()));
                }
            }
            Map<String, ReferenceLines> defined = new LinkedHashMap<>();
            ReferenceQuestions made = null;
            if (references != null) {
                made = referenceQuestions(engines, questions, scales, defined);
            }
            List<HumanScore> lines = read(input);
            Map<String, List<HumanScore>> byQuestion = new LinkedHashMap<>();
            for (HumanScore l : lines) {
                if (!questions.containsKey(l.question())) {
                    throw new Main.UserError("the input names question '" + l.question() + "', which neither the pack nor the "
                            + "references define");
                }
                if ((crossValidate || learnFrom != null) && !defined.containsKey(l.question())) {
                    throw new Main.UserError("cross-validation grades questions made from --references; '" + l.question()
                            + "' is the pack's");
                }
                byQuestion.computeIfAbsent(l.question(), k -> new ArrayList<>()).add(l);
            }
            List<Prediction> all = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            Map<String, Calibrator.Fit> fits = new LinkedHashMap<>();
            if (learnFrom != null) {
                Map<String, List<HumanScore>> train = new LinkedHashMap<>();
                java.util.Set<String> ids = new java.util.HashSet<>();
                lines.forEach(l -> {
                    if (l.id() != null) {
                        ids.add(l.id());
                    }
                });
                for (HumanScore h : read(learnFrom)) {
                    if (!defined.containsKey(h.question())) {
                        throw new Main.UserError(learnFrom + " names question '" + h.question() + "', which the references "
                                + "do not define");
                    }
                    if (h.id() != null && ids.contains(h.id())) {
                        throw new Main.UserError("the answer '" + h.id() + "' is in both " + learnFrom + " and " + input
                                + ": learning from an answer and then grading it is not a measure of agreement");
                    }
                    train.computeIfAbsent(h.question(), k -> new ArrayList<>()).add(h);
                }
                byQuestion.keySet().forEach(q -> train.putIfAbsent(q, List.of()));
                crossValidateFold(engines, made, defined, new Folds.Fold(-1, byQuestion, train), scales, all, skipped);
            } else if (crossValidate) {
                int k = folds == null ? 5 : folds;
                List<Folds.Fold> split;
                try {
                    split = "question".equals(by) ? Folds.byQuestion(byQuestion, k, seed) : Folds.byAnswer(byQuestion, k, seed);
                } catch (EvalUsageException e) {
                    throw new Main.UserError(e.getMessage());
                }
                for (Folds.Fold f : split) {
                    crossValidateFold(engines, made, defined, f, scales, all, skipped);
                }
            } else {
                for (Map.Entry<String, List<HumanScore>> e : byQuestion.entrySet()) {
                    CatalogQuestion q = questions.get(e.getKey());
                    if (q.state() != QuestionState.READY) {
                        skipped.put(e.getKey(), String.join("; ", q.problemLines()));
                        continue;
                    }
                    for (MachineScores.Scored s : MachineScores.score(engines.engine(), q.ready(), e.getValue(),
                            scales.get(e.getKey()))) {
                        all.add(new Prediction(s, -1));
                    }
                    if (calibrate) {
                        fits.put(e.getKey(), new Calibrator(engines).calibrate(q, e.getValue(), scales.get(e.getKey())));
                    }
                }
            }
            if (predictions != null) {
                writePredictions(all);
            }
            Report report = Report.of(byQuestion.keySet(), all);
            if (json) {
                System.out.println(Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(report.json(
                        crossValidate ? ("question".equals(by) ? "by question" : "by answer")
                                : learnFrom != null ? "learned from " + learnFrom.getFileName() : "as configured",
                        crossValidate ? (folds == null ? 5 : folds) : 0, skipped)));
            } else {
                report.print(skipped, fits);
            }
            return 0;
        }
    }

    /** Learns the fold's configurations from its training answers only, and grades its held-out answers with them. */
    private static void crossValidateFold(Engines engines, ReferenceQuestions made, Map<String, ReferenceLines> defined,
                                          Folds.Fold f, Map<String, Integer> scales, List<Prediction> out,
                                          Map<String, String> skipped) {
        List<String> ids = new ArrayList<>(f.test().keySet());
        List<ReferenceGrading.Question> toGrade = new ArrayList<>();
        for (String id : ids) {
            toGrade.add(question(defined.get(id), f.train().getOrDefault(id, List.of()), scales.get(id)));
        }
        List<ReferenceGrading.Question> others = new ArrayList<>();
        for (Map.Entry<String, List<HumanScore>> e : f.train().entrySet()) {
            if (!f.test().containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                others.add(question(defined.get(e.getKey()), e.getValue(), scales.get(e.getKey())));
            }
        }
        List<String> refIds = ids.stream().map(id -> id.contains("/") ? id : "refs/" + id).toList();
        List<CatalogQuestion> learned = made.learned(refIds, toGrade, others, LEARN_LIMIT);
        for (int i = 0; i < ids.size(); i++) {
            CatalogQuestion q = learned.get(i);
            if (q.state() != QuestionState.READY) {
                skipped.put(ids.get(i), String.join("; ", q.problemLines()));
                continue;
            }
            for (MachineScores.Scored s : MachineScores.score(engines.engine(), q.ready(), f.test().get(ids.get(i)),
                    scales.get(ids.get(i)))) {
                out.add(new Prediction(s, f.index()));
            }
        }
    }

    /** A references question with these graded answers, their points put on the question's scale. */
    private static ReferenceGrading.Question question(ReferenceLines q, List<HumanScore> graded, int scale) {
        List<ReferenceGrading.Graded> g = new ArrayList<>();
        for (HumanScore h : graded) {
            int max = h.max() != null ? h.max() : scale;
            g.add(new ReferenceGrading.Graded(h.answer(), max == 0 ? 0 : h.score() * scale / max));
        }
        return new ReferenceGrading.Question(q.text, q.references, q.scale, g);
    }

    private void writePredictions(List<Prediction> all) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Prediction p : all) {
            ObjectNode n = Json.json().createObjectNode();
            MachineScores.Scored s = p.scored();
            n.put("question", s.human().question());
            if (s.human().id() != null) {
                n.put("id", s.human().id());
            }
            n.put("answer", s.human().answer());
            n.put("human", s.human().score());
            n.put("machine", Math.round(s.machine() * 10000) / 10000.0);
            n.put("max", s.max());
            n.put("review", s.review());
            if (p.fold() >= 0) {
                n.put("fold", p.fold());
            }
            sb.append(Json.json().writeValueAsString(n)).append('\n');
        }
        Files.writeString(predictions, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The figures: overall, per question, and how well the review flag finds the large errors. */
    record Report(Map<String, Agreement> perQuestion, Agreement overall, int flagged, int large, int caught) {

        static Report of(Iterable<String> order, List<Prediction> all) {
            Map<String, List<Agreement.Pair>> byQ = new LinkedHashMap<>();
            for (String q : order) {
                byQ.put(q, new ArrayList<>());
            }
            int flagged = 0;
            int large = 0;
            int caught = 0;
            List<Agreement.Pair> pairs = new ArrayList<>();
            for (Prediction p : all) {
                MachineScores.Scored s = p.scored();
                byQ.get(s.human().question()).add(s.pair());
                pairs.add(s.pair());
                boolean isLarge = Math.abs(s.human().score() - s.machine()) >= LARGE_ERROR * s.max() - 1e-9;
                flagged += s.review() ? 1 : 0;
                large += isLarge ? 1 : 0;
                caught += isLarge && s.review() ? 1 : 0;
            }
            Map<String, Agreement> per = new LinkedHashMap<>();
            byQ.forEach((q, ps) -> {
                if (!ps.isEmpty()) {
                    per.put(q, Agreement.of(ps));
                }
            });
            return new Report(per, Agreement.of(pairs), flagged, large, caught);
        }

        double flaggedShare() {
            return overall.n() == 0 ? Double.NaN : (double) flagged / overall.n();
        }

        double caughtShare() {
            return large == 0 ? Double.NaN : (double) caught / large;
        }

        ObjectNode json(String mode, int k, Map<String, String> skipped) {
            ObjectNode root = Json.json().createObjectNode();
            root.put("split", mode);
            if (k > 0) {
                root.put("folds", k);
            }
            root.set("overall", figures(overall));
            ObjectNode review = root.putObject("review");
            review.put("flagged", flagged);
            number(review, "flaggedShare", flaggedShare());
            review.put("largeErrors", large);
            review.put("largeErrorsFlagged", caught);
            number(review, "largeErrorsCaughtShare", caughtShare());
            ObjectNode qs = root.putObject("questions");
            perQuestion.forEach((q, a) -> qs.set(q, figures(a)));
            if (!skipped.isEmpty()) {
                ObjectNode s = root.putObject("skipped");
                skipped.forEach(s::put);
            }
            return root;
        }

        static ObjectNode figures(Agreement a) {
            ObjectNode n = Json.json().createObjectNode();
            number(n, "pearson", a.pearson());
            number(n, "rmse", a.rmse());
            number(n, "qwk", a.qwk());
            number(n, "exact", a.exact());
            number(n, "mae", a.mae());
            number(n, "macroF1", a.macroF1());
            n.put("n", a.n());
            return n;
        }

        /** Four decimals; NaN (no variance, no answers) as null. */
        private static void number(ObjectNode n, String name, double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                n.putNull(name);
            } else {
                n.put(name, Math.round(v * 10000) / 10000.0);
            }
        }

        void print(Map<String, String> skipped, Map<String, Calibrator.Fit> fits) {
            System.out.printf("%-32s %6s %8s %8s %8s %8s %8s %8s%n", "QUESTION", "N", "PEARSON", "QWK", "EXACT", "MAE",
                    "RMSE", "MACRO-F1");
            perQuestion.forEach((q, a) -> {
                row(q, a);
                if (fits.containsKey(q)) {
                    calibrate(fits.get(q));
                }
            });
            skipped.forEach((q, why) -> System.out.printf("%-32s skipped: %s%n", q, why));
            row("ALL", overall);
            // the measures of classification tasks such as SemEval-2013 Task 7's 2-way one, named as papers name them
            System.out.printf(Locale.ROOT, "as a classification (the score rounded to whole points): accuracy %.3f, "
                    + "macro-F1 %.3f, n = %d%n", overall.exact(), overall.macroF1(), overall.n());
            System.out.printf(Locale.ROOT, "review: %d of %d answers flagged (%.1f %%); %d large errors (>= %.0f %% of the "
                            + "scale), %d of them flagged (%.1f %%)%n", flagged, overall.n(), 100 * flaggedShare(), large,
                    100 * LARGE_ERROR, caught, 100 * caughtShare());
        }
    }

    private static void calibrate(Calibrator.Fit fit) {
        switch (fit.outcome()) {
            case FITTED -> {
                System.out.printf(Locale.ROOT, "  calibrated %s%n", fit.label());
                row("  fitted on these answers (not agreement)", fit.after());
            }
            case NOTHING_TO_FIT -> {
                // a rubric, say: nothing the human scores could tune
            }
            case NOT_OFFERED, FAILED -> System.out.printf("  not calibrated: %s%n", fit.message());
        }
    }

    private ReferenceQuestions referenceQuestions(Engines engines, Map<String, CatalogQuestion> questions,
                                                  Map<String, Integer> scales, Map<String, ReferenceLines> defined)
            throws Exception {
        for (String line : Files.readAllLines(references, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.json().readTree(line);
            String id = n.path("question").asText("");
            if (id.isBlank() || !n.hasNonNull("reference")) {
                throw new Main.UserError("each references line needs \"question\" and \"reference\": " + line);
            }
            ReferenceLines q = defined.computeIfAbsent(id, k -> new ReferenceLines(scales.getOrDefault(k, 1)));
            q.references.add(n.path("reference").asText());
            if (n.hasNonNull("text")) {
                q.text = n.path("text").asText();
            }
            q.scale = n.path("scale").asInt(q.scale);
        }
        ReferenceQuestions made;
        try {
            made = ReferenceQuestions.by(engines, plugin);
        } catch (EvalUsageException e) {
            throw new Main.UserError(e.getMessage());
        }
        for (Map.Entry<String, ReferenceLines> e : defined.entrySet()) {
            String id = e.getKey().contains("/") ? e.getKey() : "refs/" + e.getKey();
            ReferenceLines q = e.getValue();
            scales.put(e.getKey(), q.scale);
            questions.put(e.getKey(), made.question(id, q.text, q.references, q.scale));
        }
        return made;
    }

    private static List<HumanScore> read(Path file) throws Exception {
        List<HumanScore> out = new ArrayList<>();
        int number = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            while ((s = r.readLine()) != null) {
                number++;
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.json().readTree(s);
                } catch (Exception e) {
                    throw new Main.UserError("line " + number + " of " + file + " is not JSON");
                }
                if (!n.hasNonNull("question") || !n.hasNonNull("score") || !n.path("score").isNumber()) {
                    throw new Main.UserError("line " + number + " needs \"question\", \"answer\" and a numeric \"score\"");
                }
                out.add(new HumanScore(n.path("question").asText(), n.path("answer").asText(""), n.path("score").asDouble(),
                        n.hasNonNull("max") ? n.path("max").asInt() : null, n.hasNonNull("id") ? n.path("id").asText() : null));
            }
        }
        return out;
    }

    private static void row(String label, Agreement a) {
        System.out.printf(Locale.ROOT, "%-32s %6d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f%n", label, a.n(), a.pearson(), a.qwk(),
                a.exact(), a.mae(), a.rmse(), a.macroF1());
    }
}
