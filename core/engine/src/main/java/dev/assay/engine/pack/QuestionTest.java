package dev.assay.engine.pack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sample answer with the grade it must get, as STACK's question tests: the score (a fraction of
 * the points), the answer notes the grade must carry, each of them, and phrases its feedback must contain.
 *
 * @param files    answer files: name → path of a file in the pack
 * @param feedback phrases the feedback must contain, each of them ("1.33 of 2 points")
 */
public record QuestionTest(String name, String answer, Map<String, String> files, double score, List<String> notes,
                           List<String> feedback) {
    public QuestionTest {
        name = name == null ? "" : name;
        answer = answer == null ? "" : answer;
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        notes = notes == null ? List.of() : List.copyOf(notes);
        feedback = feedback == null ? List.of() : List.copyOf(feedback);
    }

    public QuestionTest(String name, String answer, Map<String, String> files, double score, List<String> notes) {
        this(name, answer, files, score, notes, List.of());
    }
}
