package dev.assay.engine.pack;

import java.util.List;
import java.util.stream.Collectors;

/** A pack that cannot be loaded, with every problem found (not just the first). */
public final class PackException extends Exception {
    private final transient List<PackProblem> problems;

    public PackException(List<PackProblem> problems) {
        super(problems.size() == 1 ? "The pack has a problem: " + problems.get(0)
                : "The pack has " + problems.size() + " problems:\n  " + problems.stream().map(PackProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public PackException(String file, String message) {
        this(List.of(new PackProblem(file, "", message)));
    }

    public List<PackProblem> problems() {
        return problems;
    }
}
