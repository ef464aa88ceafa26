package dev.assay.engine.eval;

import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.grading.ReadyQuestion;
import java.util.ArrayList;
import java.util.List;

/** Grades the answers people scored, and pairs each person's score with the engine's on the same scale. */
public final class MachineScores {
    private MachineScores() {
    }

    /** One scored answer: the person's score and the machine's on the scale 0..max, and whether it asked for review. */
    public record Scored(HumanScore human, double machine, int max, boolean review) {
        public Agreement.Pair pair() {
            return new Agreement.Pair(human.score(), machine, max);
        }
    }

    /** @param scale the question's scale, for answers whose human score names none */
    public static List<Agreement.Pair> pairs(GradingEngine engine, ReadyQuestion q, List<HumanScore> scored, int scale) {
        return score(engine, q, scored, scale).stream().map(Scored::pair).toList();
    }

    /** @param scale the question's scale, for answers whose human score names none */
    public static List<Scored> score(GradingEngine engine, ReadyQuestion q, List<HumanScore> scored, int scale) {
        List<Scored> out = new ArrayList<>();
        for (HumanScore h : scored) {
            int max = h.max() != null ? h.max() : scale;
            Grade g = engine.grade(q, Answer.of(h.answer())).grade();
            out.add(new Scored(h, g.score() * max, max, g.status() == Grade.Status.NEEDS_REVIEW));
        }
        return out;
    }
}
