package dev.assay.plugins.matrix;

import dev.assay.api.ConfigProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The problems of a question's configuration beyond Bean Validation, each with its path: what
 * {@link Problem} cannot compile, then what the question's mode needs (a reference that parses
 * and conforms and is the gradient it claims to be; conditions written {@code lhs = rhs}; declared
 * symbols to assign), and hints for notes the question can give.
 */
final class ConfigCheck {
    /** The seed of the trials on which a reference is checked against gradientOf. */
    private static final long SEED = 42L;

    private ConfigCheck() {
    }

    static List<ConfigProblem> problems(MatrixConfig config) {
        Problem p = new Problem(config);
        List<ConfigProblem> problems = new ArrayList<>(p.problems);
        if (problems.isEmpty()) {
            try {
                switch (config.mode()) {
                    case expression -> expression(p, problems);
                    case equations, substitution -> conditions(p, problems);
                }
            } catch (AnswerException | RuntimeException e) {
                problems.add(new ConfigProblem("", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        hints(config, problems);
        return problems;
    }

    /** Each hint must name a note that takes one, in the question's mode: advice nobody would see is a mistake. */
    private static void hints(MatrixConfig config, List<ConfigProblem> problems) {
        for (String note : config.hints().keySet()) {
            Hint hint = Arrays.stream(Hint.values()).filter(h -> h.name().equals(note)).findFirst().orElse(null);
            if (hint == null) {
                problems.add(new ConfigProblem("hints." + note, "'" + note + "' is not an answer note that takes a hint; "
                        + "these do: " + Hint.listed()));
            } else if (hint.mode != config.mode()) {
                problems.add(new ConfigProblem("hints." + note, note + " is a note of " + hint.mode
                        + " mode only, and this question is in " + config.mode() + " mode"));
            }
        }
    }

    private static void expression(Problem p, List<ConfigProblem> problems) throws AnswerException, InterruptedException {
        MatrixConfig config = p.config;
        if (config.reference() == null && config.gradientOf() == null) {
            problems.add(new ConfigProblem("reference", "give a reference expression or gradientOf"));
        }
        if (config.answerShape() != null) {
            Symbols.parseShape(config.answerShape());
        }
        if (config.reference() != null) {
            conforms(p, config.reference(), "reference", problems);
        }
        if (config.gradientOf() != null) {
            conforms(p, config.gradientOf().function(), "gradientOf.function", problems);
            if (!p.symbols.has(config.gradientOf().withRespectTo())) {
                problems.add(new ConfigProblem("gradientOf.withRespectTo", "'" + config.gradientOf().withRespectTo()
                        + "' is not a declared symbol"));
            }
        }
        if (problems.isEmpty() && config.reference() != null && config.gradientOf() != null) {
            Grading g = new Grading(p, SEED);
            if (!g.equivalent(g.values(Parser.expression(config.reference(), p.symbols)), g.gradientValues())) {
                problems.add(new ConfigProblem("reference", "is not the gradient of gradientOf.function with respect to "
                        + config.gradientOf().withRespectTo() + " (checked on random data)"));
            }
        }
    }

    private static void conditions(Problem p, List<ConfigProblem> problems) {
        MatrixConfig config = p.config;
        if (config.conditions().isEmpty()) {
            problems.add(new ConfigProblem("conditions", "give at least one condition"));
        }
        for (int i = 0; i < config.conditions().size(); i++) {
            String eq = config.conditions().get(i).equation();
            try {
                List<Expr> sides = Parser.sides(eq, p.symbols);
                if (sides.size() != 2 || sides.get(0) == null) {
                    problems.add(new ConfigProblem("conditions[" + i + "].equation", "write it as lhs = rhs"));
                }
            } catch (AnswerException e) {
                problems.add(new ConfigProblem("conditions[" + i + "].equation", e.getMessage()));
            }
        }
        for (int i = 0; i < config.assign().size(); i++) {
            if (!p.symbols.has(config.assign().get(i))) {
                problems.add(new ConfigProblem("assign[" + i + "]", "'" + config.assign().get(i) + "' is not a declared symbol"));
            }
        }
    }

    private static void conforms(Problem p, String text, String path, List<ConfigProblem> problems) {
        try {
            new ShapeChecker(p.symbols).shape(Parser.expression(text, p.symbols));
        } catch (AnswerException e) {
            problems.add(new ConfigProblem(path, e.getMessage()));
        }
    }
}
