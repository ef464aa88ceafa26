package dev.assay.plugins.essay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an answer shares with a question's reference answers, as numbers comparable across questions (fractions and
 * cosines in [0, 1]): lexical evidence (stems), meaning (sentence vectors, and word pieces aligned to word pieces),
 * coverage of each reference sentence, length, and signals of negation. Features of the question's graded examples
 * (nearest neighbours) are added by {@link Scorer}.
 */
final class Features {
    /** The names of {@link #values()}, in order. */
    static final List<String> NAMES = List.of("lexical", "lexicalNew", "sentence", "coverage", "aligned", "alignedNew",
            "alignedNewExcess", "precision", "length", "negation");
    /**
     * {@code alignedNewExcess} is what {@code alignedNew} exceeds this by (0 below it): a second, steeper slope, so the
     * model can weigh the upper range more (monotone all the same). On SciEntsBank train, whole questions held out, it
     * raised r by 0.004 to 0.007 on each of 8 fold splits; knots at 0.5 to 0.7 did less.
     */
    static final double EXCESS_FROM = 0.4;
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;])\\s+|\\n+");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(not|no|never|none|nothing|neither|nor|cannot|without)\\b|n't\\b", Pattern.CASE_INSENSITIVE);

    /** One reference answer, analysed once per question. */
    record Reference(String text, Set<String> stems, Set<String> newStems, Embedder.Vectors whole,
                     List<Embedder.Vectors> sentences, List<String> sentenceTexts, float[] novelty, int words,
                     boolean negated) {
    }

    /** A question's references and text, analysed once. */
    record Question(List<Reference> references, Embedder.Vectors question) {
        static Question of(List<String> references, String questionText) {
            Embedder e = Embedder.get();
            Set<String> questionStems = new HashSet<>(Text.stems(questionText == null ? "" : questionText));
            Embedder.Vectors q = questionText == null || questionText.isBlank() ? null : e.embed(questionText);
            List<Reference> refs = new ArrayList<>();
            for (String r : references) {
                Set<String> stems = new HashSet<>(Text.stems(r));
                Set<String> fresh = new HashSet<>(stems);
                fresh.removeAll(questionStems);
                List<String> st = sentences(r);
                Embedder.Vectors whole = e.embedText(st, r);
                // a reference word piece the question already has (its meaning, in context) tells little: weigh it less
                float[] novelty = new float[whole.tokens().length];
                for (int i = 0; i < novelty.length; i++) {
                    double best = 0;
                    if (q != null) {
                        for (float[] t : q.tokens()) {
                            best = Math.max(best, Embedder.cos(whole.tokens()[i], t));
                        }
                    }
                    novelty[i] = (float) (whole.weights()[i] * Math.min(1, Math.max(0, (1 - best) / 0.5)));
                }
                refs.add(new Reference(r, stems, fresh.isEmpty() ? stems : fresh, whole, st.size() == 1 ? List.of(whole)
                        : e.embedAll(st), st, novelty,
                        new Text(r).words, NEGATION.matcher(r).find()));
            }
            return new Question(refs, q);
        }
    }

    /**
     * @param values    the features, named by {@link #NAMES}
     * @param reference the reference the answer is closest to
     * @param covered   for each of that reference's sentences, how close the answer's closest sentence comes (cosine)
     * @param vectors    the answer's meaning
     * @param similarity that reference's word pieces (rows) against the answer's (columns), cosines
     */
    record Values(double[] values, int reference, double[] covered, Embedder.Vectors vectors, List<String> sentences,
                  int[] coveredBy, float[][] similarity) {
        double get(String name) {
            return values[NAMES.indexOf(name)];
        }
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE.split(text.trim())) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out.isEmpty() ? List.of(text) : out;
    }

    static Values of(Question q, String answer) {
        Embedder e = Embedder.get();
        Text text = new Text(answer);
        List<String> st = sentences(answer);
        Embedder.Vectors whole = e.embedText(st, answer);
        List<Embedder.Vectors> sentences = st.size() == 1 ? List.of(whole) : e.embedAll(st);
        Set<String> stems = new HashSet<>();
        text.tokens.forEach(t -> stems.add(t.stem()));
        double[] best = null;
        int which = 0;
        double[] bestCovered = null;
        int[] bestBy = null;
        float[][] bestSim = null;
        boolean negated = NEGATION.matcher(answer).find();
        for (int r = 0; r < q.references().size(); r++) {
            Reference ref = q.references().get(r);
            double lexical = overlap(stems, ref.stems());
            double lexicalNew = recall(stems, ref.newStems());
            double sentence = Math.max(0, Embedder.cos(whole.sentence(), ref.whole().sentence()));
            double[] covered = new double[ref.sentences().size()];
            int[] by = new int[covered.length];
            double coverage = 0;
            for (int i = 0; i < covered.length; i++) {
                for (int a = 0; a < sentences.size(); a++) {
                    double c = Embedder.cos(sentences.get(a).sentence(), ref.sentences().get(i).sentence());
                    if (c > covered[i]) {
                        covered[i] = c;
                        by[i] = a;
                    }
                }
                coverage += Math.max(0, covered[i]) / covered.length;
            }
            // the reference's pieces against the answer's, once: alignment both ways and the order rule read it
            float[][] sim = Embedder.cosines(ref.whole().tokens(), whole.tokens());
            double aligned = alignRows(sim, ref.whole().weights());
            double alignedNew = alignRows(sim, ref.novelty());
            double precision = alignColumns(sim, whole.weights());
            double length = Math.min(1, text.words / (double) Math.max(1, ref.words()));
            double negation = negated != ref.negated() ? 1 : 0;
            double alignedNewExcess = Math.max(0, alignedNew - EXCESS_FROM);
            double[] v = {lexical, lexicalNew, sentence, coverage, aligned, alignedNew, alignedNewExcess, precision, length,
                    negation};
            if (best == null || sentence + aligned > best[2] + best[4]) {
                best = v;
                which = r;
                bestCovered = covered;
                bestBy = by;
                bestSim = sim;
            }
        }
        return new Values(best, which, bestCovered, whole, st, bestBy, bestSim);
    }

    /** 0.8 recall + 0.2 precision of stems, as the lexical mode has always measured. */
    private static double overlap(Set<String> answer, Set<String> reference) {
        if (answer.isEmpty() || reference.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(answer);
        common.retainAll(reference);
        return 0.8 * common.size() / reference.size() + 0.2 * common.size() / answer.size();
    }

    private static double recall(Set<String> answer, Set<String> reference) {
        if (reference.isEmpty()) {
            return 0;
        }
        return reference.stream().filter(answer::contains).count() / (double) reference.size();
    }

    /** Weighted mean, over the pieces of {@code from}, of each one's closest piece in {@code to} (BERTScore's recall). */
    static double align(float[][] from, float[] weights, float[][] to) {
        double sum = 0;
        double w = 0;
        for (int i = 0; i < from.length; i++) {
            if (weights[i] <= 0) {
                continue;
            }
            double best = 0;
            for (float[] t : to) {
                best = Math.max(best, Embedder.cos(from[i], t));
            }
            sum += weights[i] * best;
            w += weights[i];
        }
        return w == 0 ? 0 : sum / w;
    }

    /** {@link #align} from a similarity matrix: over its rows (weighted), each row's largest entry (at least 0). */
    static double alignRows(float[][] sim, float[] weights) {
        double sum = 0;
        double w = 0;
        for (int i = 0; i < sim.length; i++) {
            if (weights[i] <= 0) {
                continue;
            }
            float best = 0;
            for (float c : sim[i]) {
                best = Math.max(best, c);
            }
            sum += weights[i] * best;
            w += weights[i];
        }
        return w == 0 ? 0 : sum / w;
    }

    /** {@link #align} from a similarity matrix the other way: over its columns (weighted), each one's largest entry. */
    static double alignColumns(float[][] sim, float[] weights) {
        double sum = 0;
        double w = 0;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] <= 0) {
                continue;
            }
            float best = 0;
            for (float[] row : sim) {
                best = Math.max(best, row[j]);
            }
            sum += weights[j] * best;
            w += weights[j];
        }
        return w == 0 ? 0 : sum / w;
    }

    static String format(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return sb.toString();
    }
}
