package dev.assay.engine.eval;

import dev.assay.api.Answer;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.ReadyQuestion;
import java.util.ArrayList;
import java.util.List;

/** Grades the answers people scored, and pairs each person's score with the engine's on the same scale. */
public final class MachineScores {
    private MachineScores() {
    }

    /** @param scale the question's scale, for answers whose human score names none */
    public static List<Agreement.Pair> pairs(GradingEngine engine, ReadyQuestion q, List<HumanScore> scored, int scale) {
        List<Agreement.Pair> pairs = new ArrayList<>();
        for (HumanScore h : scored) {
            int max = h.max() != null ? h.max() : scale;
            double machine = engine.grade(q, Answer.of(h.answer())).grade().score() * max;
            pairs.add(new Agreement.Pair(h.score(), machine, max));
        }
        return pairs;
    }
}
