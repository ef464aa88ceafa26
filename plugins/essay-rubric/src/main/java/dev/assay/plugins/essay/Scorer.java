package dev.assay.plugins.essay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference mode's learned score: the answer's {@link Features}, and what the question's nearest graded examples
 * scored, combined by a monotone logistic model ({@link EssayConfig.Model}); fitted per question on its graded answers
 * and shrunk towards a model fitted across questions, so that it works with few examples or none.
 */
final class Scorer {
    /** Features of the question's graded examples, computed leaving the answer itself out when it is one of them. */
    static final List<String> NEAREST = List.of("nearest", "nearestMargin", "nearestSimilarity");
    /** How many nearest examples vote, and how sharply closeness weighs (softmax temperature on the cosine). */
    static final int K = 5;
    static final double TEMPERATURE = 0.05;
    /** Shrinkage of a question's own fit towards the cross-question model (L2, per answer). */
    static final double SHRINK = 0.05;
    /** Below this many graded answers a question uses the cross-question model as it is. */
    static final int OWN_FIT_FROM = 4;
    /** An answer whose score sits this far or farther from the question's nearest whole point asks for review. */
    static final double BOUNDARY = 0.3;
    /**
     * Without graded examples of the question, a score this high (a share of the points) asks for review: on a question
     * no one has graded, credit is where the large errors are; on a one-point scale a score between the two points
     * is never a large error, so that rule there flags without catching anything.
     */
    static final double UNBACKED_CREDIT = 0.6;
    /** The nearest examples' score and the reference-only model's this far apart: the signals disagree. */
    static final double DISAGREEMENT = 0.6;

    private static final Map<String, Features.Question> QUESTIONS = new ConcurrentHashMap<>();

    private Scorer() {
    }

    static Features.Question question(List<String> references, String questionText) {
        String key = questionText + "\\u0000" + String.join("\\u0000", references);
        if (QUESTIONS.size() > 500) {
            QUESTIONS.clear();
        }
        return QUESTIONS.computeIfAbsent(key, k -> Features.Question.of(references, questionText));
    }

    /**
     * What a question's grades share, computed once per configuration and never changed after: its references and text
     * analysed, and its graded examples' vectors and scores ({@code examples} null when the model does not read them).
     */
    record Prepared(Features.Question question, List<float[]> examples, double[] scores) {
    }

    private static final Map<EssayConfig, Prepared> PREPARED = new ConcurrentHashMap<>();

    /** The configuration's {@link Prepared}, made on its first grade (the examples embedded in one batch). */
    static Prepared prepared(EssayConfig c) {
        Prepared p = PREPARED.get(c);
        if (p != null) {
            return p;
        }
        if (PREPARED.size() > 500) {
            PREPARED.clear();
        }
        return PREPARED.computeIfAbsent(c, Scorer::prepare);
    }

    private static Prepared prepare(EssayConfig c) {
        Features.Question q = question(c.references(), c.questionText());
        if (c.examples().size() < 2 || c.model() == null || !c.model().weights().containsKey("nearest")) {
            return new Prepared(q, null, null);
        }
        Embedder e = Embedder.get();
        List<String> answers = c.examples().stream().map(EssayConfig.Example::answer).toList();
        List<String> all = new ArrayList<>();
        answers.forEach(a -> all.addAll(Features.sentences(a)));
        e.embedAll(all); // every example's sentences in as few model runs as possible
        List<float[]> vectors = new ArrayList<>();
        for (String a : answers) {
            vectors.add(e.embedText(Features.sentences(a), a).sentence());
        }
        double[] scores = c.examples().stream().mapToDouble(EssayConfig.Example::score).toArray();
        return new Prepared(q, List.copyOf(vectors), scores);
    }

    static List<String> allNames() {
        List<String> n = new ArrayList<>(Features.NAMES);
        n.addAll(NEAREST);
        return n;
    }

    /** Sign each weight must keep: +1 (more agreement never lowers the score), −1 (negation), 0 (free). */
    static int sign(String feature) {
        return switch (feature) {
            case "negation" -> -1;
            case "nearestSimilarity" -> 0;
            default -> 1;
        };
    }

    /** What the nearest graded examples say: their closeness-weighted score, the margin of right over wrong, closeness. */
    static double[] nearest(float[] answer, List<float[]> examples, double[] scores, int skip) {
        int n = examples.size();
        double[] sims = new double[n];
        Integer[] order = new Integer[n];
        double bestRight = 0;
        double bestWrong = 0;
        double best = -1;
        for (int i = 0; i < n; i++) {
            sims[i] = i == skip ? -9 : Embedder.cos(answer, examples.get(i));
            order[i] = i;
            if (i != skip) {
                if (scores[i] >= 0.5) {
                    bestRight = Math.max(bestRight, sims[i]);
                } else {
                    bestWrong = Math.max(bestWrong, sims[i]);
                }
                best = Math.max(best, sims[i]);
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
        double top = sims[order[0]];
        double sw = 0;
        double s = 0;
        for (int j = 0; j < Math.min(K, n - (skip >= 0 ? 1 : 0)); j++) {
            double w = Math.exp((sims[order[j]] - top) / TEMPERATURE);
            sw += w;
            s += w * scores[order[j]];
        }
        return new double[]{sw == 0 ? 0 : s / sw, bestRight - bestWrong, Math.max(0, best)};
    }

    static double predict(EssayConfig.Model m, Map<String, Double> x) {
        double z = m.bias();
        for (Map.Entry<String, Double> w : m.weights().entrySet()) {
            z += w.getValue() * x.getOrDefault(w.getKey(), 0.0);
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The features by name, with the nearest examples' when there are examples. */
    static Map<String, Double> named(Features.Values f, double[] nearest) {
        Map<String, Double> x = new LinkedHashMap<>();
        for (int i = 0; i < Features.NAMES.size(); i++) {
            x.put(Features.NAMES.get(i), f.values()[i]);
        }
        if (nearest != null) {
            for (int i = 0; i < NEAREST.size(); i++) {
                x.put(NEAREST.get(i), nearest[i]);
            }
        }
        return x;
    }

    /**
     * A logistic model with fractional targets in [0, 1], by Newton's method, each step projected onto the weights'
     * signs; L2 pull of {@code strength} towards {@code prior} (towards 0, weakly, without one: 0.001 + 1/n).
     */
    static EssayConfig.Model fit(List<String> names, List<Map<String, Double>> xs, List<Double> targets,
                                 EssayConfig.Model prior, double strength) {
        int d = names.size();
        int n = xs.size();
        double[][] a = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = xs.get(i).getOrDefault(names.get(j), 0.0);
            }
            a[i][d] = 1;
        }
        double[] p0 = new double[d + 1];
        if (prior != null) {
            for (int j = 0; j < d; j++) {
                p0[j] = prior.weights().getOrDefault(names.get(j), 0.0);
            }
            p0[d] = prior.bias();
        }
        // without a prior, a weak pull towards 0 that grows as the answers get fewer (a few separable answers would
        // otherwise send the weights to infinity)
        double lam = prior == null ? 1e-3 + 1.0 / Math.max(1, n) : strength;
        double[] w = p0.clone();
        for (int it = 0; it < 100; it++) {
            double[] g = new double[d + 1];
            double[][] h = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += a[i][j] * w[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double r = (p - targets.get(i)) / n;
                double c = p * (1 - p) / n;
                for (int j = 0; j <= d; j++) {
                    g[j] += r * a[i][j];
                    for (int k = 0; k <= d; k++) {
                        h[j][k] += c * a[i][j] * a[i][k];
                    }
                }
            }
            for (int j = 0; j <= d; j++) {
                g[j] += lam * (w[j] - p0[j]);
                h[j][j] += lam;
            }
            double[] step = solve(h, g);
            double change = 0;
            for (int j = 0; j <= d; j++) {
                w[j] -= step[j];
                if (j < d) {
                    int s = sign(names.get(j));
                    if (s > 0 && w[j] < 0 || s < 0 && w[j] > 0) {
                        w[j] = 0;
                    }
                }
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-6) {
                break;
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            weights.put(names.get(j), Math.round(w[j] * 10000) / 10000.0);
        }
        return new EssayConfig.Model(weights, Math.round(w[d] * 10000) / 10000.0);
    }

    /** Gaussian elimination with partial pivoting (the systems are 10 to 13 unknowns). */
    private static double[] solve(double[][] m, double[] b) {
        int n = b.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOf(m[i], n + 1);
            a[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            if (Math.abs(a[c][c]) < 1e-12) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : s / a[r][r];
        }
        return x;
    }
}
