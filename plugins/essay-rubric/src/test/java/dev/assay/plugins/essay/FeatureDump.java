package dev.assay.plugins.essay;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Development aid: writes each answer's features and sentence vector (for trying models), not a test. */
public final class FeatureDump {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, String[]> refs = new HashMap<>();
        for (String l : Files.readAllLines(dir.resolve("references.jsonl"))) {
            refs.put(field(l, "question"), new String[]{field(l, "text"), field(l, "reference")});
        }
        Map<String, Features.Question> qs = new HashMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("features.csv")));
             PrintWriter v = new PrintWriter(Files.newBufferedWriter(out.resolve("vectors.csv")))) {
            w.println("split,question,id,score," + String.join(",", Features.NAMES)
                    + ",qa,qr,qAligned,covMin,precisionQ");
            List<String> splits = args.length > 2 ? List.of(args[2].split(","))
                    : List.of("train", "test-unseen-answers", "test-unseen-questions", "test-unseen-domains");
            for (String split : splits) {
                for (String l : Files.readAllLines(dir.resolve("graded-" + split + ".jsonl"))) {
                    String q = field(l, "question");
                    Features.Question fq = qs.computeIfAbsent(q, k -> Features.Question.of(List.of(refs.get(k)[1]), refs.get(k)[0]));
                    Features.Values f = Features.of(fq, field(l, "answer"));
                    w.println(split + "," + q + "," + field(l, "id") + "," + l.replaceAll(".*\"score\": ?([0-9.]+).*", "$1") + ","
                            + Features.format(f.values()) + "," + Features.format(candidates(fq, f)));
                    StringBuilder sb = new StringBuilder();
                    for (float x : f.vectors().sentence()) {
                        sb.append(String.format(java.util.Locale.ROOT, "%.5f ", x));
                    }
                    v.println(sb.toString().trim());
                }
            }
        }
    }

    /** Candidate features under study (development only). */
    static double[] candidates(Features.Question fq, Features.Values f) {
        Features.Reference ref = fq.references().get(f.reference());
        Embedder.Vectors q = fq.question();
        double qa = q == null ? 0 : Embedder.cos(f.vectors().sentence(), q.sentence());
        double qr = q == null ? 0 : Embedder.cos(q.sentence(), ref.whole().sentence());
        double qAligned = q == null ? 0 : Features.align(ref.whole().tokens(), ref.whole().weights(), q.tokens());
        double covMin = 1;
        for (double c : f.covered()) {
            covMin = Math.min(covMin, Math.max(0, c));
        }
        double precisionQ = q == null ? 0 : Features.align(f.vectors().tokens(), f.vectors().weights(), q.tokens());
        return new double[]{qa, qr, qAligned, covMin, precisionQ};
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ?\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            return "";
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", "\n");
    }
}
