package dev.assay.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldsTest {
    static Map<String, List<HumanScore>> data(int questions, int answers) {
        Map<String, List<HumanScore>> out = new LinkedHashMap<>();
        for (int q = 0; q < questions; q++) {
            List<HumanScore> l = new ArrayList<>();
            for (int a = 0; a < answers; a++) {
                l.add(new HumanScore("q" + q, "answer " + q + "-" + a, a % 2, 1, q + "-" + a));
            }
            out.put("q" + q, l);
        }
        return out;
    }

    @Test
    void byAnswerHoldsOutEachAnswerExactlyOnceAndNeverTrainsOnIt() {
        Map<String, List<HumanScore>> d = data(5, 23);
        List<Folds.Fold> folds = Folds.byAnswer(d, 5, 7);
        assertThat(folds).hasSize(5);
        Set<String> held = new HashSet<>();
        for (Folds.Fold f : folds) {
            for (Map.Entry<String, List<HumanScore>> e : f.test().entrySet()) {
                for (HumanScore h : e.getValue()) {
                    assertThat(held.add(h.id())).as("held out twice: " + h.id()).isTrue();
                    assertThat(f.train().get(e.getKey())).doesNotContain(h);
                }
                // the rest of the question's answers are its graded examples
                assertThat(f.train().get(e.getKey()).size() + e.getValue().size()).isEqualTo(23);
                // folds are balanced: 23 answers in 5 folds are 4 or 5 each
                assertThat(e.getValue().size()).isBetween(4, 5);
            }
        }
        assertThat(held).hasSize(5 * 23);
    }

    @Test
    void byQuestionHoldsOutWholeQuestions() {
        Map<String, List<HumanScore>> d = data(7, 4);
        List<Folds.Fold> folds = Folds.byQuestion(d, 3, 1);
        Set<String> held = new HashSet<>();
        for (Folds.Fold f : folds) {
            for (String q : f.test().keySet()) {
                assertThat(held.add(q)).isTrue();
                assertThat(f.test().get(q)).hasSize(4);
                assertThat(f.train().get(q)).isEmpty();
            }
            for (Map.Entry<String, List<HumanScore>> e : f.train().entrySet()) {
                if (!f.test().containsKey(e.getKey())) {
                    assertThat(e.getValue()).hasSize(4);
                }
            }
        }
        assertThat(held).hasSize(7);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Map<String, List<HumanScore>> d = data(3, 20);
        assertThat(Folds.byAnswer(d, 4, 3)).isEqualTo(Folds.byAnswer(d, 4, 3));
        assertThat(Folds.byAnswer(d, 4, 3)).isNotEqualTo(Folds.byAnswer(d, 4, 4));
    }

    @Test
    void fewerThanTwoFoldsIsAUsageError() {
        assertThatThrownBy(() -> Folds.byAnswer(data(1, 3), 1, 1)).isInstanceOf(EvalUsageException.class)
                .hasMessageContaining("at least 2 folds");
    }
}
