package dev.assay.engine.pack;

import java.util.List;

/** An assignment: questions, in order, that a student answers together. */
public record AssignmentDef(String id, String title, List<String> questions) {
    public AssignmentDef {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
