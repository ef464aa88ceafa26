package dev.assay.plugins.matrix;

import dev.assay.api.ConfigProblem;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matrix calculus: expressions, equation sets, substitutions and derivations in LaTeX or ASCII,
 * shape-checked in symbolic dimensions and compared by exact randomised identity testing.
 *
 * <p>Why a wrong answer cannot pass: the difference between an answer and the reference is a
 * rational function of the matrices' entries (and of the dimensions, where they are used as
 * numbers). It is evaluated exactly, modulo a prime drawn at random after the answer is fixed, at
 * random entries, on three trials of different sizes ({@link Trials}); a non-zero difference
 * vanishes there with probability bounded by its degree and coefficient size ({@link Bound}), which
 * are tracked and kept small enough that the bound is about 2⁻²⁹ per trial. What cannot be bounded
 * is refused ({@code CANNOT_DECIDE}), never credited. A norm to an odd power (a square root) is a
 * variable of its own ({@link ExactEvaluator}); only an unusual decomposition falls back to
 * floating point, with guards ({@link Evaluator#guarded}, {@link Numeric#agree}).
 */
public final class MatrixCalculusPlugin implements GraderPlugin<MatrixConfig> {
    static final int MAX_LINES = 40;
    static final int MAX_MUTANTS = 80;

    @Override
    public String id() {
        return "matrix-calculus";
    }


    @Override
    public Class<MatrixConfig> configType() {
        return MatrixConfig.class;
    }

    @Override
    public List<ConfigProblem> checkConfig(MatrixConfig config) {
        Problem p = new Problem(config);
        List<ConfigProblem> problems = new ArrayList<>(p.problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            switch (config.mode()) {
                case expression -> {
                    if (config.reference() == null && config.gradientOf() == null) {
                        problems.add(new ConfigProblem("reference", "give a reference expression or gradientOf"));
                    }
                    if (config.answerShape() != null) {
                        Symbols.parseShape(config.answerShape());
                    }
                    if (config.reference() != null) {
                        check(p, config.reference(), "reference", problems);
                    }
                    if (config.gradientOf() != null) {
                        check(p, config.gradientOf().function(), "gradientOf.function", problems);
                        if (!p.symbols.has(config.gradientOf().withRespectTo())) {
                            problems.add(new ConfigProblem("gradientOf.withRespectTo", "'" + config.gradientOf().withRespectTo()
                                    + "' is not a declared symbol"));
                        }
                    }
                    if (problems.isEmpty() && config.reference() != null && config.gradientOf() != null) {
                        Grading g = new Grading(p, 42L);
                        if (!g.equivalent(g.values(Parser.expression(config.reference(), p.symbols)), g.gradientValues())) {
                            problems.add(new ConfigProblem("reference", "is not the gradient of gradientOf.function with respect to "
                                    + config.gradientOf().withRespectTo() + " (checked on random data)"));
                        }
                    }
                }
                case equations, substitution -> {
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
            }
        } catch (AnswerException | RuntimeException e) {
            problems.add(new ConfigProblem("", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return problems;
    }

    private static void check(Problem p, String text, String path, List<ConfigProblem> problems) {
        try {
            new ShapeChecker(p.symbols).shape(Parser.expression(text, p.symbols));
        } catch (AnswerException e) {
            problems.add(new ConfigProblem(path, e.getMessage()));
        }
    }

    @Override
    public Validation validate(GradingRequest<MatrixConfig> request) {
        Problem p = new Problem(request.config());
        try {
            List<String> shown = new ArrayList<>();
            if (request.config().mode() == MatrixConfig.Mode.expression) {
                Expr e = Parser.expression(Answers.dropLeftSide(request.answer().text()), p.symbols);
                ShapeChecker checker = new ShapeChecker(p.symbols);
                String latex = Latex.of(e);
                return Validation.valid(new Echo(latex + "   (" + checker.describe(checker.shape(e)) + ")", latex));
            }
            List<String> lines = Answers.lines(request.answer().text());
            for (int i = 0; i < lines.size(); i++) {
                shown.add(Answers.lineLatex(lines.get(i), p.symbols));
            }
            return Validation.valid(new Echo(String.join("\n", shown), String.join(" \\\\ ", shown)));
        } catch (AnswerException e) {
            return Validation.invalid(e.note(), e.getMessage(), Echo.NONE);
        }
    }

    @Override
    public Grade grade(GradingRequest<MatrixConfig> request) throws InterruptedException {
        Problem p = new Problem(request.config());
        Grading g = new Grading(p, request.context().seed());
        Grade.Builder out = switch (request.config().mode()) {
            case expression -> g.expression(request.answer().text());
            case equations -> g.equations(request.answer().text());
            case substitution -> g.substitution(request.answer().text());
        };
        if (!request.expectedApproach().isBlank()) {
            out.feedback(FeedbackBlock.expectedApproach(request.expectedApproach()));
        }
        return out.build();
    }

    /** One grading call: the trials, drawn once, and the checks on them. */
    static final class Grading {
        final Problem p;
        final Trials trials;

        Grading(Problem p, long seed) {
            this.p = p;
            this.trials = new Trials(p, seed);
        }

        TrialValues values(Expr e) {
            return trials.of(e);
        }

        boolean equivalent(TrialValues a, TrialValues b) throws InterruptedException {
            return Comparison.same(a, b);
        }

        /** The reference answer on each trial: the reference expression, or the gradient of gradientOf.function. */
        TrialValues referenceValues() throws AnswerException {
            MatrixConfig c = p.config;
            if (c.reference() != null) {
                return values(Parser.expression(c.reference(), p.symbols));
            }
            return gradientValues();
        }

        /** The gradient of {@code gradientOf.function}: exact where the function is rational, else by central differences. */
        TrialValues gradientValues() throws AnswerException {
            MatrixConfig c = p.config;
            return trials.gradient(Parser.expression(c.gradientOf().function(), p.symbols), c.gradientOf().withRespectTo());
        }

        /** An answer that cannot be compared soundly: never credit, and the student is told what to simplify. */
        static Grade.Builder undecidable(Undecidable e, Echo echo) {
            return Grade.builder(Grade.Status.INVALID_ANSWER).score(0).note("CANNOT_DECIDE").echo(echo)
                    .feedback(FeedbackBlock.diagnosis(e.getMessage()));
        }

        Grade.Builder expression(String text) throws InterruptedException {
            Expr answer;
            try {
                answer = Parser.expression(Answers.dropLeftSide(text), p.symbols);
            } catch (AnswerException e) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                        .feedback(FeedbackBlock.diagnosis(e.getMessage() + " Check the expression and submit again."));
            }
            Echo echo = new Echo(Latex.of(answer), Latex.of(answer));
            try {
                return expression(answer, echo);
            } catch (Undecidable e) {
                return undecidable(e, echo);
            }
        }

        private Grade.Builder expression(Expr answer, Echo echo) throws InterruptedException {
            MatrixConfig c = p.config;
            String name = c.answerName() == null ? "the answer" : "$" + c.answerName() + "$";
            TrialValues reference;
            try {
                reference = referenceValues();
            } catch (AnswerException e) {
                throw new IllegalStateException("the question's reference does not parse: " + e.getMessage(), e);
            }
            ShapeChecker checker = new ShapeChecker(p.symbols);
            ShapeChecker.MShape shape;
            try {
                shape = checker.shape(answer);
            } catch (AnswerException mismatch) {
                Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0).note("DIMENSION_MISMATCH").note("NOT_EQUIVALENT")
                        .echo(echo).feedback(FeedbackBlock.diagnosis("Your expression does not conform: " + mismatch.getMessage()));
                mutations(answer, reference, g, true);
                return g;
            }
            if (c.answerShape() != null) {
                ShapeChecker.MShape expected = checker.of(Symbols.parseShape(c.answerShape()));
                if (!checker.sameShape(shape, expected)) {
                    String wrt = c.gradientOf() == null ? "" : ", the shape of $" + c.gradientOf().withRespectTo() + "$";
                    return Grade.builder(Grade.Status.GRADED).score(0).note("WRONG_SHAPE").note("NOT_EQUIVALENT").echo(echo)
                            .feedback(FeedbackBlock.diagnosis("Your answer is " + checker.describe(shape) + "; " + name
                                    + " must be " + checker.describe(expected) + wrt + ". A gradient always has the shape of "
                                    + "the variable it is taken with respect to."));
                }
            }
            TrialValues mine = values(answer);
            if (equivalent(mine, reference)) {
                return Grade.builder(Grade.Status.GRADED).score(1).note("EQUIVALENT").echo(echo)
                        .feedback(FeedbackBlock.diagnosis("Correct: your expression equals " + name + "."));
            }
            for (MatrixConfig.Anticipated a : c.anticipated()) {
                try {
                    if (equivalent(mine, values(Parser.expression(a.answer(), p.symbols)))) {
                        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(a.score() == null ? 0 : a.score())
                                .note(a.note()).echo(echo);
                        if (a.score() == null || a.score() < 1) {
                            g.note("NOT_EQUIVALENT");
                        }
                        return g.feedback(FeedbackBlock.diagnosis(a.feedback() == null ? "This is a known mistake." : a.feedback()));
                    }
                } catch (AnswerException | Undecidable ignored) {
                    // the anticipated answer was checked with the configuration; one beyond comparison matches nothing
                }
            }
            Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0).note("NOT_EQUIVALENT").echo(echo);
            if (mine.exactCapable() && mine.undefined()) {
                return g.feedback(FeedbackBlock.diagnosis("Your expression is not defined: $" + Latex.of(mine.singular)
                        + "$ is not invertible (for these shapes it never is, or it is zero)."));
            }
            double alpha = factorOrNaN(mine, reference);
            if (alpha == -1) {
                return g.note("WRONG_SIGN").feedback(FeedbackBlock.diagnosis("Your answer is the negative of " + name
                        + ": check the sign where you differentiate the residual $X - W_2W_1X$ (its derivative brings a minus)."));
            }
            if (!Double.isNaN(alpha) && alpha != 0) {
                return g.note("WRONG_FACTOR").feedback(FeedbackBlock.diagnosis("Your answer is " + factor(alpha) + " " + name
                        + ": the shape and structure are right, but a constant factor is off (a lost factor "
                        + fmt(1 / alpha) + "?). Recall $\\partial_A\\|A\\|_F^2 = 2A$."));
            }
            if (!mutations(answer, reference, g, false)) {
                g.feedback(FeedbackBlock.diagnosis("Your expression has the right shape (" + checker.describe(shape)
                        + ") but is not equal to " + name + " (it differs on random matrices)."));
            }
            return g;
        }

        /** The constant factor between a and b, or NaN where there is none or it cannot be decided (a diagnosis only). */
        private static double factorOrNaN(TrialValues a, TrialValues b) throws InterruptedException {
            try {
                return Comparison.factor(a, b);
            } catch (Undecidable e) {
                return Double.NaN;
            }
        }

        /** Tries every single transpose toggle and every swap of two neighbouring factors. */
        private boolean mutations(Expr answer, TrialValues reference, Grade.Builder g, boolean fromMismatch)
                throws InterruptedException {
            List<Expr> nodes = Expr.nodes(answer);
            int tried = 0;
            for (int i = 0; i < nodes.size() && tried < MAX_MUTANTS; i++) {
                Expr node = nodes.get(i);
                if (!(node instanceof Expr.Sym || node instanceof Expr.Transpose || node instanceof Expr.Sum
                        || node instanceof Expr.Product)) {
                    continue;
                }
                if (node instanceof Expr.Sym s && p.symbols.shape(s.name()).scalar()) {
                    continue;
                }
                Expr mutant = Expr.replace(answer, i, n -> n instanceof Expr.Transpose t ? t.x() : new Expr.Transpose(n));
                tried++;
                if (fits(mutant, reference)) {
                    String what = node instanceof Expr.Transpose t
                            ? "$" + Latex.of(t.x()) + "$ should not be transposed"
                            : "$" + Latex.of(node) + "$ needs a transpose";
                    g.note("MISSING_TRANSPOSE").feedback(FeedbackBlock.diagnosis((fromMismatch ? "The fix is one transpose: " : "")
                            + what + "; with that change your answer would be right."));
                    return true;
                }
            }
            for (int i = 0; i < nodes.size() && tried < MAX_MUTANTS; i++) {
                if (!(nodes.get(i) instanceof Expr.Product prod)) {
                    continue;
                }
                for (int j = 0; j + 1 < prod.factors().size() && tried < MAX_MUTANTS; j++) {
                    final int at = j;
                    Expr a = prod.factors().get(j);
                    Expr b = prod.factors().get(j + 1);
                    if (a instanceof Expr.Num || b instanceof Expr.Num) {
                        continue;
                    }
                    Expr mutant = Expr.replace(answer, i, n -> {
                        List<Expr> f = new ArrayList<>(((Expr.Product) n).factors());
                        f.set(at, b);
                        f.set(at + 1, a);
                        return new Expr.Product(f);
                    });
                    tried++;
                    if (fits(mutant, reference)) {
                        g.note("WRONG_ORDER").feedback(FeedbackBlock.diagnosis("$" + Latex.of(a) + "$ and $" + Latex.of(b)
                                + "$ are in the wrong order: matrix products do not commute. Swapped, your answer would be right."));
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean fits(Expr mutant, TrialValues reference) throws InterruptedException {
            try {
                ShapeChecker checker = new ShapeChecker(p.symbols);
                ShapeChecker.MShape s = checker.shape(mutant);
                if (p.config.answerShape() != null && !checker.sameShape(s, checker.of(Symbols.parseShape(p.config.answerShape())))) {
                    return false;
                }
            } catch (AnswerException notConforming) {
                return false;
            }
            try {
                return equivalent(values(mutant), reference);
            } catch (Undecidable beyondComparison) {
                return false;
            }
        }

        static String factor(double alpha) {
            if (Math.abs(alpha - 0.5) < 1e-9) {
                return "half of";
            }
            if (Math.abs(alpha - 2) < 1e-9) {
                return "twice";
            }
            if (Math.abs(alpha + 0.5) < 1e-9) {
                return "minus half of";
            }
            return fmt(alpha) + " times";
        }

        static String fmt(double d) {
            return Math.abs(d - Math.rint(d)) < 1e-9 ? String.valueOf((long) Math.rint(d))
                    : String.format(Locale.ROOT, "%.4g", d);
        }

        // ---------------------------------------------------------------- equations

        Grade.Builder equations(String text) throws InterruptedException {
            List<String> lines = Answers.lines(text);
            if (lines.isEmpty()) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                        .feedback(FeedbackBlock.diagnosis("Write the conditions, one equation per line."));
            }
            if (lines.size() > MAX_LINES) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                        .feedback(FeedbackBlock.diagnosis("Write at most " + MAX_LINES + " lines."));
            }
            List<Expr> student = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    Expr d = Answers.difference(lines.get(i), p.symbols);
                    student.add(d);
                    shown.add(Latex.of(d) + " = 0");
                } catch (AnswerException e) {
                    Grade.Status status = "DIMENSION_MISMATCH".equals(e.note()) ? Grade.Status.GRADED : Grade.Status.INVALID_ANSWER;
                    return Grade.builder(status).score(0).note(e.note())
                            .feedback(FeedbackBlock.diagnosis("Line " + (i + 1) + ": " + e.getMessage()));
                }
            }
            Echo echo = new Echo(String.join("\n", shown), String.join(" \\\\ ", shown));
            List<MatrixConfig.Condition> conds = p.config.conditions();
            List<TrialValues> references = new ArrayList<>();
            for (MatrixConfig.Condition cond : conds) {
                try {
                    references.add(values(Answers.difference(cond.equation(), p.symbols)));
                } catch (AnswerException e) {
                    throw new IllegalStateException("condition checked with the configuration: " + e.getMessage(), e);
                }
            }
            boolean[] matched = new boolean[conds.size()];
            List<Integer> extra = new ArrayList<>();
            try {
                for (int li = 0; li < student.size(); li++) {
                    TrialValues line = values(student.get(li));
                    if (Comparison.zero(line)) {
                        continue; // holds whatever the matrices are (0 = 0, A − A = 0): states no condition
                    }
                    boolean any = false;
                    for (int ci = 0; ci < conds.size(); ci++) {
                        if (sameCondition(line, references.get(ci))) {
                            matched[ci] = true;
                            any = true;
                        }
                    }
                    if (!any) {
                        extra.add(li + 1);
                    }
                }
            } catch (Undecidable e) {
                return undecidable(e, echo);
            }
            double score = 0;
            List<String> missing = new ArrayList<>();
            for (int ci = 0; ci < conds.size(); ci++) {
                if (matched[ci]) {
                    score += credit(conds.get(ci), conds.size());
                } else {
                    missing.add(describe(conds.get(ci)));
                }
            }
            Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(Math.min(1, score)).echo(echo);
            if (missing.isEmpty() && extra.isEmpty()) {
                return g.note("EQUIVALENT").feedback(FeedbackBlock.diagnosis("Correct: your equations are exactly the conditions."));
            }
            if (missing.isEmpty()) {
                g.note("EQUIVALENT");
            }
            StringBuilder fb = new StringBuilder();
            if (!missing.isEmpty()) {
                g.note("MISSING_CONDITION");
                fb.append("Missing: ").append(String.join("; ", missing)).append(". ");
            }
            if (!extra.isEmpty()) {
                g.note("EXTRA_CONDITION");
                fb.append("Line").append(extra.size() > 1 ? "s " : " ").append(extra).append(extra.size() > 1 ? " do" : " does")
                        .append(" not match any of the conditions (not even up to a constant factor or a transpose).");
            }
            return g.feedback(FeedbackBlock.diagnosis(fb.toString().trim()));
        }

        private static String describe(MatrixConfig.Condition c) {
            return c.description() != null ? c.description() : "$" + c.equation() + "$";
        }

        private static double credit(MatrixConfig.Condition c, int count) {
            return c.credit() != null ? c.credit() : 1.0 / count;
        }

        /** Equal up to a non-zero scalar (which may depend on the dimensions) and/or a transpose, as configured. */
        private boolean sameCondition(TrialValues s, TrialValues r) throws InterruptedException {
            MatrixConfig.Equivalence eq = p.config.equivalence();
            boolean scalar = !Boolean.FALSE.equals(eq.scalarMultiple());
            boolean transpose = !Boolean.FALSE.equals(eq.transpose());
            return Comparison.sameCondition(s, r, scalar, false) || (transpose && Comparison.sameCondition(s, r, scalar, true));
        }

        // ---------------------------------------------------------------- substitution and derivation

        Grade.Builder substitution(String text) throws InterruptedException {
            List<String> lines = Answers.lines(text);
            if (lines.size() > MAX_LINES) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                        .feedback(FeedbackBlock.diagnosis("Write at most " + MAX_LINES + " lines."));
            }
            Map<String, Expr> assigned = new LinkedHashMap<>();
            int first = 0;
            try {
                while (first < lines.size()) {
                    List<Expr> sides = Parser.sides(lines.get(first), p.symbols);
                    if (sides.size() == 2 && sides.get(0) instanceof Expr.Sym s && p.config.assign().contains(s.name())
                            && !assigned.containsKey(s.name())) {
                        assigned.put(s.name(), sides.get(1));
                        first++;
                    } else {
                        break;
                    }
                }
            } catch (AnswerException e) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                        .feedback(FeedbackBlock.diagnosis("Line " + (first + 1) + ": " + e.getMessage()));
            }
            List<String> unassigned = p.config.assign().stream().filter(s -> !assigned.containsKey(s)).toList();
            if (!unassigned.isEmpty()) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR").feedback(FeedbackBlock.diagnosis(
                        "Start with the assignments, one per line: " + String.join(", ", unassigned.stream()
                                .map(s -> "$" + s + " = \\dots$").toList()) + "."));
            }
            List<String> shown = new ArrayList<>();
            for (Map.Entry<String, Expr> a : assigned.entrySet()) {
                ShapeChecker checker = new ShapeChecker(p.symbols);
                try {
                    ShapeChecker.MShape s = checker.shape(a.getValue());
                    ShapeChecker.MShape want = checker.of(p.symbols.shape(a.getKey()));
                    if (!checker.sameShape(s, want)) {
                        return Grade.builder(Grade.Status.GRADED).score(0).note("DIMENSION_MISMATCH").feedback(FeedbackBlock.diagnosis(
                                "$" + a.getKey() + "$ is " + checker.describe(want) + " but $" + Latex.of(a.getValue()) + "$ is "
                                        + checker.describe(s) + ": the assignment does not fit. (Which of the two should be transposed?)"));
                    }
                } catch (AnswerException e) {
                    return Grade.builder(Grade.Status.GRADED).score(0).note(e.note()).feedback(FeedbackBlock.diagnosis(e.getMessage()));
                }
                shown.add(a.getKey() + " = " + Latex.of(a.getValue()));
            }
            Trials substituted = trials.substituted(assigned);
            try {
                return derivation(lines, first, shown, substituted);
            } catch (Undecidable e) {
                return undecidable(e, new Echo(String.join("\n", shown), String.join(" \\\\ ", shown)));
            }
        }

        /** The conditions with the student's assignments, then each derivation line from {@code first} on. */
        private Grade.Builder derivation(List<String> lines, int first, List<String> shown, Trials substituted)
                throws InterruptedException {
            double score = 0;
            List<String> failing = new ArrayList<>();
            for (MatrixConfig.Condition c : p.config.conditions()) {
                try {
                    List<Expr> sides = Parser.sides(c.equation(), p.symbols);
                    if (holds(sides.get(0), sides.get(1), substituted)) {
                        score += credit(c, p.config.conditions().size());
                    } else {
                        failing.add(describe(c));
                    }
                } catch (AnswerException e) {
                    throw new IllegalStateException(e);
                }
            }
            Grade.Builder g = Grade.builder(Grade.Status.GRADED);
            if (failing.isEmpty()) {
                g.note("CONDITION_HOLDS").feedback(FeedbackBlock.diagnosis("Your choice satisfies every condition."));
            } else {
                g.note("CONDITION_FAILS").feedback(FeedbackBlock.diagnosis("With your choice this condition does not hold: "
                        + String.join("; ", failing) + "."));
            }
            String previous = null;
            Expr carried = null;
            if (Boolean.FALSE.equals(p.config.derivation().checkSteps())) {
                return g.score(Math.min(1, score)).echo(new Echo(String.join("\n", shown), String.join(" \\\\ ", shown)));
            }
            for (int i = first; i < lines.size(); i++) {
                List<Expr> sides;
                try {
                    sides = new ArrayList<>(Parser.sides(lines.get(i), p.symbols));
                } catch (AnswerException e) {
                    return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                            .feedback(FeedbackBlock.diagnosis("Line " + (i + 1) + ": " + e.getMessage()));
                }
                if (sides.get(0) == null) {
                    if (carried == null) {
                        return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR").feedback(FeedbackBlock.diagnosis(
                                "Line " + (i + 1) + " starts with '=' but there is no line before it to continue."));
                    }
                    sides.set(0, carried);
                }
                shown.add(String.join(" = ", sides.stream().map(Latex::of).toList()));
                for (int s = 0; s + 1 < sides.size(); s++) {
                    String why = stepProblem(sides.get(s), sides.get(s + 1), substituted);
                    if (why != null) {
                        double penalty = p.config.derivation().invalidStepPenalty() == null ? 0.5
                                : p.config.derivation().invalidStepPenalty();
                        return g.score(Math.max(0, Math.min(1, score) - penalty)).note("STEP_INVALID")
                                .echo(new Echo(String.join("\n", shown), String.join(" \\\\ ", shown)))
                                .feedback(FeedbackBlock.diagnosis("Line " + (i + 1) + " does not follow: $" + Latex.of(sides.get(s))
                                        + " = " + Latex.of(sides.get(s + 1)) + "$ is not true with your choice. " + why));
                    }
                }
                carried = sides.get(sides.size() - 1);
                previous = lines.get(i);
            }
            if (previous != null) {
                g.feedback(FeedbackBlock.of(FeedbackBlock.Kind.EVIDENCE, "Every line of your derivation checks out."));
            }
            return g.score(Math.min(1, score)).echo(new Echo(String.join("\n", shown), String.join(" \\\\ ", shown)));
        }

        private static boolean holds(Expr lhs, Expr rhs, Trials on) throws InterruptedException {
            if (ShapeChecker.isZero(rhs)) {
                return Comparison.zero(on.of(lhs)); // "= 0" means the zero matrix
            }
            return Comparison.same(on.of(lhs), on.of(rhs));
        }

        /** Why {@code a = b} fails as a step, or null when it holds. */
        private String stepProblem(Expr a, Expr b, Trials on) throws InterruptedException {
            ShapeChecker checker = new ShapeChecker(p.symbols);
            try {
                ShapeChecker.MShape sa = checker.shape(a);
                ShapeChecker.MShape sb = checker.shape(b);
                if (!ShapeChecker.isZero(b) && !checker.sameShape(sa, sb)) {
                    return "The left side is " + checker.describe(sa) + " but the right side is " + checker.describe(sb)
                            + ": an equation needs the same shape on both sides.";
                }
            } catch (AnswerException e) {
                return e.getMessage();
            }
            if (holds(a, b, on)) {
                return null;
            }
            double alpha = factorOrNaN(on.of(a), on.of(b));
            if (!Double.isNaN(alpha)) {
                return "The two sides differ by the factor " + fmt(alpha) + ".";
            }
            return "The two sides differ on random data; check which identity you used (e.g. $C U_k = U_k \\Sigma_k^2$, "
                    + "$U_k^\\top U_k = I_k$).";
        }
    }
}
