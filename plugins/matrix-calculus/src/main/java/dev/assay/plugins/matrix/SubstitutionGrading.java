package dev.assay.plugins.matrix;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Substitution mode: the student's assignments ({@code W_1 = U_k^\top}) first, then whether each
 * condition holds with them ({@code CONDITION_HOLDS} / {@code CONDITION_FAILS}), then each line of
 * an optional derivation, {@code lhs = rhs} or {@code = rhs}; the first step that does not follow
 * is {@code STEP_INVALID}, with why.
 */
final class SubstitutionGrading {
    private final Grading grading;
    private final Problem p;

    SubstitutionGrading(Grading grading) {
        this.grading = grading;
        this.p = grading.p;
    }

    Grade.Builder grade(String text) throws InterruptedException {
        Reader.Reading reading;
        try {
            reading = Reader.read(text, p.symbols, p.definitions);
        } catch (AnswerException e) {
            return Grading.notRead(e);
        }
        List<String> lines = reading.statements();
        if (lines.size() > Answers.MAX_LINES) {
            return Grading.tooManyLines();
        }
        Map<String, Expr> assigned = new LinkedHashMap<>();
        int first = 0;
        try {
            while (first < lines.size()) {
                List<Expr> sides = reading.sides(lines.get(first));
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
                    .feedback(FeedbackBlock.diagnosis(Wording.onLine(first + 1, e.getMessage())));
        }
        List<String> unassigned = p.config.assign().stream().filter(s -> !assigned.containsKey(s)).toList();
        if (!unassigned.isEmpty()) {
            return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                    .feedback(FeedbackBlock.diagnosis(Wording.startWithAssignments(unassigned)));
        }
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Expr> a : assigned.entrySet()) {
            ShapeChecker checker = new ShapeChecker(p.symbols);
            if (ShapeChecker.isZero(a.getValue())) {
                shown.add(a.getKey() + " = 0");
                // the zero matrix of the symbol's own shape: 0 times the value drawn for it before the assignment
                a.setValue(new Expr.Product(List.of(new Expr.Num(0), new Expr.Sym(a.getKey()))));
                continue;
            }
            try {
                ShapeChecker.MShape s = checker.shape(a.getValue());
                ShapeChecker.MShape want = checker.of(p.symbols.shape(a.getKey()));
                if (!checker.sameShape(s, want)) {
                    return Grade.builder(Grade.Status.GRADED).score(0).note("DIMENSION_MISMATCH").feedback(FeedbackBlock.diagnosis(
                            Wording.assignmentDoesNotFit(a.getKey(), checker.describe(want), a.getValue(), checker.describe(s))));
                }
            } catch (AnswerException e) {
                return Grade.builder(Grade.Status.GRADED).score(0).note(e.note()).feedback(FeedbackBlock.diagnosis(e.getMessage()));
            }
            shown.add(a.getKey() + " = " + Latex.of(a.getValue()));
        }
        Trials substituted = grading.trials.substituted(assigned);
        try {
            return derivation(reading, first, shown, substituted);
        } catch (Undecidable e) {
            return Grading.undecidable(e, Answers.echo(shown, reading));
        }
    }

    /** The conditions with the student's assignments, then each derivation line from {@code first} on. */
    private Grade.Builder derivation(Reader.Reading reading, int first, List<String> shown, Trials substituted)
            throws InterruptedException {
        List<String> lines = reading.statements();
        double score = 0;
        List<String> failing = new ArrayList<>();
        for (MatrixConfig.Condition c : p.config.conditions()) {
            try {
                List<Expr> sides = Parser.sides(c.equation(), p.symbols);
                if (holds(sides.get(0), sides.get(1), substituted)) {
                    score += c.creditOf(p.config.conditions().size());
                } else {
                    failing.add(Wording.condition(c));
                }
            } catch (AnswerException e) {
                throw new IllegalStateException(e);
            }
        }
        Grade.Builder g = Grade.builder(Grade.Status.GRADED);
        if (failing.isEmpty()) {
            g.note("CONDITION_HOLDS").feedback(FeedbackBlock.diagnosis(Wording.conditionsHold()));
        } else {
            g.note("CONDITION_FAILS").feedback(FeedbackBlock.diagnosis(Wording.conditionsFail(failing)));
        }
        String previous = null;
        Expr carried = null;
        if (Boolean.FALSE.equals(p.config.derivation().checkSteps())) {
            return g.score(Math.min(1, score)).echo(Answers.echo(shown, reading));
        }
        for (int i = first; i < lines.size(); i++) {
            List<Expr> sides;
            Reader.Statement read;
            try {
                read = reading.read(lines.get(i));
                sides = new ArrayList<>(read.sides());
            } catch (AnswerException e) {
                return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                        .feedback(FeedbackBlock.diagnosis(Wording.onLine(i + 1, e.getMessage())));
            }
            if (sides.get(0) == null) {
                if (carried == null) {
                    return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                            .feedback(FeedbackBlock.diagnosis(Wording.nothingToContinue(i + 1)));
                }
                sides.set(0, carried);
            }
            shown.add(read.written().get(0) == null ? Latex.of(carried) + " " + read.latex() : read.latex());
            for (int s = 0; s + 1 < sides.size(); s++) {
                String why = stepProblem(sides.get(s), sides.get(s + 1), substituted);
                if (why != null) {
                    double penalty = p.config.derivation().invalidStepPenalty() == null ? 0.5
                            : p.config.derivation().invalidStepPenalty();
                    return g.score(Math.max(0, Math.min(1, score) - penalty)).note("STEP_INVALID").echo(Answers.echo(shown, reading))
                            .feedback(FeedbackBlock.diagnosis(Wording.stepDoesNotFollow(i + 1, sides.get(s), sides.get(s + 1), why)));
                }
            }
            carried = sides.get(sides.size() - 1);
            previous = lines.get(i);
        }
        if (previous != null) {
            g.feedback(FeedbackBlock.of(FeedbackBlock.Kind.EVIDENCE, Wording.derivationChecksOut()));
        }
        return g.score(Math.min(1, score)).echo(Answers.echo(shown, reading));
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
                return Wording.sidesDiffer(checker.describe(sa), checker.describe(sb));
            }
        } catch (AnswerException e) {
            return e.getMessage();
        }
        if (holds(a, b, on)) {
            return null;
        }
        double alpha = Diagnosis.factorOrNaN(on.of(a), on.of(b));
        if (!Double.isNaN(alpha)) {
            return Wording.sidesDifferByFactor(alpha);
        }
        return Hint.STEP_INVALID.in(p.config);
    }
}
