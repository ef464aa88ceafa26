package dev.assay.engine.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits people's scores for cross-validation, so that no answer is ever graded by a configuration that learned from
 * it. {@link #byAnswer}: each question's answers are dealt into k folds (the other folds are that question's graded
 * examples); {@link #byQuestion}: whole questions are dealt into k folds (a held-out question has no graded answer of
 * its own, only the other questions'). Deterministic for a seed.
 */
public final class Folds {
    private Folds() {
    }

    /**
     * One round: the answers to grade, by question, and the answers to learn from, by question. A question held out
     * whole is in {@code train} with no answers.
     */
    public record Fold(int index, Map<String, List<HumanScore>> test, Map<String, List<HumanScore>> train) {
    }

    public static List<Fold> byAnswer(Map<String, List<HumanScore>> byQuestion, int k, long seed) {
        check(k);
        List<Fold> folds = empty(k);
        for (Map.Entry<String, List<HumanScore>> e : byQuestion.entrySet()) {
            List<HumanScore> shuffled = new ArrayList<>(e.getValue());
            Collections.shuffle(shuffled, new Random(seed * 31 + e.getKey().hashCode()));
            for (Fold f : folds) {
                f.train().put(e.getKey(), new ArrayList<>());
            }
            for (int i = 0; i < shuffled.size(); i++) {
                int held = i % k;
                for (Fold f : folds) {
                    if (f.index() == held) {
                        f.test().computeIfAbsent(e.getKey(), q -> new ArrayList<>()).add(shuffled.get(i));
                    } else {
                        f.train().get(e.getKey()).add(shuffled.get(i));
                    }
                }
            }
        }
        return folds;
    }

    public static List<Fold> byQuestion(Map<String, List<HumanScore>> byQuestion, int k, long seed) {
        check(k);
        List<String> ids = new ArrayList<>(byQuestion.keySet());
        Collections.shuffle(ids, new Random(seed));
        List<Fold> folds = empty(k);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            for (Fold f : folds) {
                if (f.index() == i % k) {
                    f.test().put(id, List.copyOf(byQuestion.get(id)));
                    f.train().put(id, List.of());
                } else {
                    f.train().put(id, List.copyOf(byQuestion.get(id)));
                }
            }
        }
        return folds;
    }

    private static void check(int k) {
        if (k < 2) {
            throw new EvalUsageException("cross-validation needs at least 2 folds, not " + k);
        }
    }

    private static List<Fold> empty(int k) {
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new Fold(i, new LinkedHashMap<>(), new LinkedHashMap<>()));
        }
        return folds;
    }
}
