package dev.assay.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {
    static List<Agreement.Pair> pairs(int max, double[][] hm) {
        List<Agreement.Pair> out = new ArrayList<>();
        for (double[] p : hm) {
            out.add(new Agreement.Pair(p[0], p[1], max));
        }
        return out;
    }

    @Test
    void perfectAgreement() {
        Agreement a = Agreement.of(pairs(2, new double[][]{{0, 0}, {1, 1}, {2, 2}, {2, 2}}));
        assertThat(a.pearson()).isCloseTo(1.0, within(1e-12));
        assertThat(a.qwk()).isCloseTo(1.0, within(1e-12));
        assertThat(a.exact()).isEqualTo(1.0);
        assertThat(a.mae()).isZero();
    }

    @Test
    void matchesValuesComputedByHand() {
        // human 0,1,2,2 vs machine 0,2,2,1: observed off-diagonal (1,2) and (2,1), each weight 1/4.
        Agreement a = Agreement.of(pairs(2, new double[][]{{0, 0}, {1, 2}, {2, 2}, {2, 1}}));
        // marginals human [1,1,2], machine [1,1,2]; expected weighted sum = Σ w_ij r_i c_j / n = 5.5 / 4 = 1.375
        // observed weighted sum = 2 × 0.25 = 0.5  →  κ = 1 − 0.5 / 1.375 = 0.6364 (checked with numpy)
        assertThat(a.qwk()).isCloseTo(1 - 0.5 / 1.375, within(1e-9));
        assertThat(a.exact()).isEqualTo(0.5);
        assertThat(a.mae()).isEqualTo(0.5);
        // Pearson r of (0,1,2,2) and (0,2,2,1): 0.6364 (numpy.corrcoef)
        assertThat(a.pearson()).isCloseTo(0.6363636, within(1e-6));
    }

    @Test
    void systematicDisagreementIsNegative() {
        Agreement a = Agreement.of(pairs(1, new double[][]{{0, 1}, {1, 0}, {0, 1}, {1, 0}}));
        assertThat(a.qwk()).isLessThan(0);
        assertThat(a.pearson()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void rmseAndMacroF1MatchValuesComputedByHand() {
        // human 0,0,1,1 vs machine 0,1,1,1 (binary): errors 0,1,0,0 -> RMSE sqrt(1/4) = 0.5
        Agreement a = Agreement.of(pairs(1, new double[][]{{0, 0}, {0, 1}, {1, 1}, {1, 1}}));
        assertThat(a.rmse()).isCloseTo(0.5, within(1e-12));
        // class 0: precision 1/1, recall 1/2 -> F1 2/3; class 1: precision 2/3, recall 1 -> F1 0.8; macro 0.7333
        assertThat(a.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-12));
        // a class the machine never predicts counts 0
        Agreement never = Agreement.of(pairs(1, new double[][]{{0, 1}, {1, 1}}));
        assertThat(never.macroF1()).isCloseTo((0 + 2.0 / 3) / 2, within(1e-12));
    }
}
