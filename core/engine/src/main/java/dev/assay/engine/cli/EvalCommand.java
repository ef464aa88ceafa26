package dev.assay.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.Engines;
import dev.assay.engine.eval.Agreement;
import dev.assay.engine.eval.Calibrator;
import dev.assay.engine.eval.EvalUsageException;
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
            + "scores (QWK) where its plugin can, and report both")
    boolean calibrate;

    /** One question of a references file: its text, its reference answers in order, its scale. */
    private static final class ReferenceLines {
        String text = "";
        final List<String> references = new ArrayList<>();
        int scale;

        ReferenceLines(int scale) {
            this.scale = scale;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (pack == null && references == null) {
            throw new Main.UserError("give --pack DIR, --references refs.jsonl, or both");
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
            if (references != null) {
                referenceQuestions(engines, questions, scales);
            }
            List<HumanScore> lines = read(input);
            Map<String, List<HumanScore>> byQuestion = new LinkedHashMap<>();
            for (HumanScore l : lines) {
                if (!questions.containsKey(l.question())) {
                    throw new Main.UserError("the input names question '" + l.question() + "', which neither the pack nor the "
                            + "references define");
                }
                byQuestion.computeIfAbsent(l.question(), k -> new ArrayList<>()).add(l);
            }
            List<Agreement.Pair> all = new ArrayList<>();
            System.out.printf("%-32s %6s %8s %8s %8s %8s%n", "QUESTION", "N", "PEARSON", "QWK", "EXACT", "MAE");
            for (Map.Entry<String, List<HumanScore>> e : byQuestion.entrySet()) {
                CatalogQuestion q = questions.get(e.getKey());
                if (q.state() != QuestionState.READY) {
                    System.out.printf("%-32s skipped: %s%n", e.getKey(), String.join("; ", q.problemLines()));
                    continue;
                }
                List<Agreement.Pair> pairs = MachineScores.pairs(engines.engine(), q.ready(), e.getValue(), scales.get(e.getKey()));
                all.addAll(pairs);
                print(e.getKey(), Agreement.of(pairs));
                if (calibrate) {
                    calibrate(new Calibrator(engines).calibrate(q, e.getValue(), scales.get(e.getKey())));
                }
            }
            print("ALL", Agreement.of(all));
            return 0;
        }
    }

    private static void calibrate(Calibrator.Fit fit) {
        switch (fit.outcome()) {
            case FITTED -> {
                System.out.printf(Locale.ROOT, "  calibrated %s%n", fit.label());
                print("  after calibration", fit.after());
            }
            case NOTHING_TO_FIT -> {
                // a rubric, say: nothing the human scores could tune
            }
            case NOT_OFFERED, FAILED -> System.out.printf("  not calibrated: %s%n", fit.message());
        }
    }

    private void referenceQuestions(Engines engines, Map<String, CatalogQuestion> questions, Map<String, Integer> scales)
            throws Exception {
        Map<String, ReferenceLines> defined = new LinkedHashMap<>();
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
                        n.hasNonNull("max") ? n.path("max").asInt() : null));
            }
        }
        return out;
    }

    private static void print(String label, Agreement a) {
        System.out.printf(Locale.ROOT, "%-32s %6d %8.3f %8.3f %8.3f %8.3f%n", label, a.n(), a.pearson(), a.qwk(), a.exact(), a.mae());
    }
}
