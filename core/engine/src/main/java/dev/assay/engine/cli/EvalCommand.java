package dev.assay.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.QuestionResources;
import dev.assay.engine.Engines;
import dev.assay.engine.eval.Agreement;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.QuestionDef;
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
 * made on the fly from a file of reference answers, so any public short-answer data set can be scored.
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

    @Option(names = "--plugin", defaultValue = "essay-rubric", description = "Plugin for --references questions (default ${DEFAULT-VALUE})")
    String plugin;

    @Option(names = "--calibrate", description = "Fit each question's similarity thresholds to the human scores (QWK) and report both")
    boolean calibrate;

    record Line(String question, String answer, double human, Integer max) {
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
            List<Line> lines = read(input);
            Map<String, List<Line>> byQuestion = new LinkedHashMap<>();
            for (Line l : lines) {
                if (!questions.containsKey(l.question())) {
                    throw new Main.UserError("the input names question '" + l.question() + "', which neither the pack nor the "
                            + "references define");
                }
                byQuestion.computeIfAbsent(l.question(), k -> new ArrayList<>()).add(l);
            }
            List<Agreement.Pair> all = new ArrayList<>();
            System.out.printf("%-32s %6s %8s %8s %8s %8s%n", "QUESTION", "N", "PEARSON", "QWK", "EXACT", "MAE");
            for (Map.Entry<String, List<Line>> e : byQuestion.entrySet()) {
                CatalogQuestion q = questions.get(e.getKey());
                if (q.state() != QuestionState.READY) {
                    System.out.printf("%-32s skipped: %s%n", e.getKey(), String.join("; ", q.problemLines()));
                    continue;
                }
                List<Agreement.Pair> pairs = pairs(engines, q, e.getValue(), scales.get(e.getKey()));
                all.addAll(pairs);
                print(e.getKey(), Agreement.of(pairs));
                // Calibration fits similarity thresholds: questions graded against reference answers.
                if (calibrate && "reference".equals(q.def().config().path("mode").asText())) {
                    calibrate(engines, q, e.getValue(), scales.get(e.getKey()));
                }
            }
            print("ALL", Agreement.of(all));
            return 0;
        }
    }

    private void referenceQuestions(Engines engines, Map<String, CatalogQuestion> questions, Map<String, Integer> scales)
            throws Exception {
        Map<String, ObjectNode> configs = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(references, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.json().readTree(line);
            String id = n.path("question").asText("");
            if (id.isBlank() || !n.hasNonNull("reference")) {
                throw new Main.UserError("each references line needs \"question\" and \"reference\": " + line);
            }
            ObjectNode c = configs.computeIfAbsent(id, k -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode().put("mode", "reference");
                o.putArray("references");
                return o;
            });
            ((ArrayNode) c.get("references")).add(n.path("reference").asText());
            if (n.hasNonNull("text")) {
                c.put("questionText", n.path("text").asText());
                texts.put(id, n.path("text").asText());
            }
            scales.put(id, n.path("scale").asInt(scales.getOrDefault(id, 1)));
        }
        for (Map.Entry<String, ObjectNode> e : configs.entrySet()) {
            String id = e.getKey().contains("/") ? e.getKey() : "refs/" + e.getKey();
            QuestionDef def = new QuestionDef(id, id, texts.getOrDefault(e.getKey(), ""), scales.get(e.getKey()), plugin,
                    e.getValue(), "", null);
            questions.put(e.getKey(), engines.loader().prepare(def, QuestionResources.NONE));
        }
    }

    private static List<Line> read(Path file) throws Exception {
        List<Line> out = new ArrayList<>();
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
                out.add(new Line(n.path("question").asText(), n.path("answer").asText(""), n.path("score").asDouble(),
                        n.hasNonNull("max") ? n.path("max").asInt() : null));
            }
        }
        return out;
    }

    private static List<Agreement.Pair> pairs(Engines engines, CatalogQuestion q, List<Line> lines, int scale) {
        List<Agreement.Pair> pairs = new ArrayList<>();
        for (Line l : lines) {
            int max = l.max() != null ? l.max() : scale;
            double machine = engines.engine().grade(q.ready(), Answer.of(l.answer())).grade().score() * max;
            pairs.add(new Agreement.Pair(l.human(), machine, max));
        }
        return pairs;
    }

    /** Grid search over [half, full] similarity thresholds, maximising QWK. */
    private void calibrate(Engines engines, CatalogQuestion q, List<Line> lines, int scale) {
        double bestQwk = Double.NEGATIVE_INFINITY;
        double[] best = null;
        for (int i = 1; i < 18; i++) {
            for (int j = i + 1; j <= 18; j++) {
                ObjectNode c = q.def().config();
                c.putArray("thresholds").add(i * 0.05).add(j * 0.05);
                CatalogQuestion tuned = engines.loader().prepare(q.def().withConfig(c, q.def().expectedApproach()), QuestionResources.NONE);
                if (tuned.state() != QuestionState.READY) {
                    continue;
                }
                double qwk = Agreement.of(pairs(engines, tuned, lines, scale)).qwk();
                if (qwk > bestQwk) {
                    bestQwk = qwk;
                    best = new double[]{i * 0.05, j * 0.05};
                }
            }
        }
        if (best != null) {
            ObjectNode c = q.def().config();
            c.putArray("thresholds").add(best[0]).add(best[1]);
            CatalogQuestion tuned = engines.loader().prepare(q.def().withConfig(c, q.def().expectedApproach()), QuestionResources.NONE);
            System.out.printf(Locale.ROOT, "  calibrated thresholds: [%.2f, %.2f]%n", best[0], best[1]);
            print("  after calibration", Agreement.of(pairs(engines, tuned, lines, scale)));
        }
    }

    private static void print(String label, Agreement a) {
        System.out.printf(Locale.ROOT, "%-32s %6d %8.3f %8.3f %8.3f %8.3f%n", label, a.n(), a.pearson(), a.qwk(), a.exact(), a.mae());
    }
}
