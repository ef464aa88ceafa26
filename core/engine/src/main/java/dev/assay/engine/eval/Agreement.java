package dev.assay.engine.eval;

import java.util.List;

/**
 * How well machine scores agree with human ones, on an integer scale 0..max: Pearson r, root mean square error,
 * quadratic weighted kappa (machine scores rounded to the scale), exact agreement (accuracy, on rounded scores),
 * mean absolute error, and macro-averaged F1 over the rounded scores the people gave (SemEval-2013 Task 7's measure).
 */
public record Agreement(int n, double pearson, double rmse, double qwk, double exact, double mae, double macroF1) {

    /** One pair: the human's score and the machine's, both on the scale 0..max. */
    public record Pair(double human, double machine, int max) {
    }

    public static Agreement of(List<Pair> pairs) {
        int n = pairs.size();
        if (n == 0) {
            return new Agreement(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mh = 0;
        double mm = 0;
        double abs = 0;
        double squares = 0;
        int same = 0;
        for (Pair p : pairs) {
            mh += p.human();
            mm += p.machine();
            abs += Math.abs(p.human() - p.machine());
            squares += (p.human() - p.machine()) * (p.human() - p.machine());
            if (Math.round(p.human()) == Math.round(p.machine())) {
                same++;
            }
        }
        mh /= n;
        mm /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (Pair p : pairs) {
            sxy += (p.human() - mh) * (p.machine() - mm);
            sxx += (p.human() - mh) * (p.human() - mh);
            syy += (p.machine() - mm) * (p.machine() - mm);
        }
        double r = sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
        return new Agreement(n, r, Math.sqrt(squares / n), qwk(pairs), (double) same / n, abs / n, macroF1(pairs));
    }

    /**
     * F1 of each score the people gave (rounded), averaged with equal weight: a class the machine never predicts
     * counts 0. A score only the machine gives adds no class.
     */
    static double macroF1(List<Pair> pairs) {
        int k = pairs.stream().mapToInt(Pair::max).max().orElse(1);
        int[] tp = new int[k + 1];
        int[] human = new int[k + 1];
        int[] machine = new int[k + 1];
        for (Pair p : pairs) {
            int h = clamp((int) Math.round(p.human()), k);
            int m = clamp((int) Math.round(p.machine()), k);
            human[h]++;
            machine[m]++;
            if (h == m) {
                tp[h]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c <= k; c++) {
            if (human[c] == 0) {
                continue;
            }
            classes++;
            double precision = machine[c] == 0 ? 0 : (double) tp[c] / machine[c];
            double recall = (double) tp[c] / human[c];
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }

    /** Cohen's kappa with quadratic weights over ratings 0..K, K the largest scale among the pairs. */
    static double qwk(List<Pair> pairs) {
        int k = pairs.stream().mapToInt(Pair::max).max().orElse(1);
        int size = k + 1;
        double[][] observed = new double[size][size];
        double[] rowH = new double[size];
        double[] rowM = new double[size];
        for (Pair p : pairs) {
            int h = clamp((int) Math.round(p.human()), k);
            int m = clamp((int) Math.round(p.machine()), k);
            observed[h][m]++;
            rowH[h]++;
            rowM[m]++;
        }
        int n = pairs.size();
        double num = 0;
        double den = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double w = k == 0 ? 0 : (double) (i - j) * (i - j) / ((double) k * k);
                num += w * observed[i][j];
                den += w * rowH[i] * rowM[j] / n;
            }
        }
        return den == 0 ? (num == 0 ? 1 : Double.NaN) : 1 - num / den;
    }

    private static int clamp(int v, int k) {
        return Math.max(0, Math.min(k, v));
    }
}
