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
            w.println("split,question,id,score," + String.join(",", Features.NAMES));
            for (String split : List.of("train", "test-unseen-answers", "test-unseen-questions", "test-unseen-domains")) {
                for (String l : Files.readAllLines(dir.resolve("graded-" + split + ".jsonl"))) {
                    String q = field(l, "question");
                    Features.Question fq = qs.computeIfAbsent(q, k -> Features.Question.of(List.of(refs.get(k)[1]), refs.get(k)[0]));
                    Features.Values f = Features.of(fq, field(l, "answer"));
                    w.println(split + "," + q + "," + field(l, "id") + "," + l.replaceAll(".*\"score\": ?([0-9.]+).*", "$1") + ","
                            + Features.format(f.values()));
                    StringBuilder sb = new StringBuilder();
                    for (float x : f.vectors().sentence()) {
                        sb.append(String.format(java.util.Locale.ROOT, "%.5f ", x));
                    }
                    v.println(sb.toString().trim());
                }
            }
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ?\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            return "";
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", "\n");
    }
}
