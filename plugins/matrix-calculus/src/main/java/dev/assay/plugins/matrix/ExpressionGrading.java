package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.List;

/**
 * Expression mode: one matrix expression against the reference (or the gradient of
 * {@code gradientOf.function}): shapes first, then equivalence; a wrong answer goes to
 * {@link Diagnosis}.
 */
final class ExpressionGrading {
    private final Grading grading;
    private final Problem p;

    ExpressionGrading(Grading grading) {
        this.grading = grading;
        this.p = grading.p;
    }

    Grade.Builder grade(String text) throws InterruptedException {
        Reader.Reading reading;
        Reader.Statement chain;
        try {
            reading = Reader.read(text, p.symbols, p.definitions);
            chain = reading.chain();
        } catch (AnswerException e) {
            return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                    .feedback(FeedbackBlock.diagnosis(Wording.unreadable(e.getMessage())));
        }
        List<Expr> sides = chain.sides();
        Expr answer = sides.get(sides.size() - 1);
        String latex = chain.latex() + reading.whereClause();
        Echo echo = new Echo(latex, latex);
        try {
            Grade.Builder g = grade(answer, echo);
            return sides.size() == 1 ? g : wholeChain(g, sides, echo);
        } catch (Undecidable e) {
            return Grading.undecidable(e, echo);
        }
    }

    /**
     * A chain {@code a = b = … = answer}: its last expression is graded; when that is right, every
     * expression before it must equal it as well, or the chain claims something false.
     */
    private Grade.Builder wholeChain(Grade.Builder lastGraded, List<Expr> sides, Echo echo) throws InterruptedException {
        if (!lastGraded.build().notes().contains("EQUIVALENT")) {
            return lastGraded;
        }
        TrialValues reference;
        try {
            reference = grading.referenceValues();
        } catch (AnswerException e) {
            throw new IllegalStateException("the question's reference does not parse: " + e.getMessage(), e);
        }
        ShapeChecker checker = new ShapeChecker(p.symbols);
        for (Expr side : sides.subList(0, sides.size() - 1)) {
            boolean holds;
            try {
                checker.shape(side);
                holds = grading.equivalent(grading.values(side), reference);
            } catch (AnswerException mismatch) {
                holds = false;
            }
            if (!holds) {
                return Grade.builder(Grade.Status.GRADED).score(0).note("NOT_EQUIVALENT").echo(echo)
                        .feedback(FeedbackBlock.diagnosis(Wording.chainBreaks(side, Wording.answerName(p.config))));
            }
        }
        return lastGraded;
    }

    /**
     * A whole answer of {@code 0} ({@code \nabla L = 0}, {@code \mathbf{0}}) is the zero matrix of the
     * shape the question expects, as a {@code 0} in a sum takes its neighbours' shape: right where the
     * reference is zero on every trial, else not equal, saying that a gradient set to zero is a
     * condition, not the gradient (rather than that a scalar is the wrong shape).
     */
    private Grade.Builder zero(TrialValues reference, Echo echo, ShapeChecker checker) throws InterruptedException {
        String name = Wording.answerName(p.config);
        if (Comparison.zero(reference)) {
            return Grade.builder(Grade.Status.GRADED).score(1).note("EQUIVALENT").echo(echo)
                    .feedback(FeedbackBlock.diagnosis(Wording.equivalent(name)));
        }
        String shape = null;
        try {
            if (p.config.answerShape() != null) {
                shape = checker.describe(checker.of(Symbols.parseShape(p.config.answerShape())));
            } else if (p.reference != null) {
                shape = checker.describe(checker.shape(p.reference));
            } else if (p.config.gradientOf() != null) {
                shape = checker.describe(checker.shape(new Expr.Sym(p.config.gradientOf().withRespectTo())));
            }
        } catch (AnswerException e) {
            shape = null; // the reference was checked with the configuration; without its shape the wording only says less
        }
        return Grade.builder(Grade.Status.GRADED).score(0).note("NOT_EQUIVALENT").echo(echo)
                .feedback(FeedbackBlock.diagnosis(Wording.zeroIsNot(name, shape, p.config.gradientOf() != null)));
    }

    private Grade.Builder grade(Expr answer, Echo echo) throws InterruptedException {
        MatrixConfig c = p.config;
        String name = Wording.answerName(c);
        TrialValues reference;
        try {
            reference = grading.referenceValues();
        } catch (AnswerException e) {
            throw new IllegalStateException("the question's reference does not parse: " + e.getMessage(), e);
        }
        Diagnosis diagnosis = new Diagnosis(grading, answer, reference);
        ShapeChecker checker = new ShapeChecker(p.symbols);
        if (ShapeChecker.isZero(answer)) {
            return zero(reference, echo, checker);
        }
        ShapeChecker.MShape shape;
        try {
            shape = checker.shape(answer);
        } catch (AnswerException mismatch) {
            Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0).note("DIMENSION_MISMATCH").note("NOT_EQUIVALENT")
                    .echo(echo).feedback(FeedbackBlock.diagnosis(Wording.notConforming(mismatch.getMessage())));
            diagnosis.mutations(g, true);
            return g;
        }
        if (c.answerShape() != null) {
            ShapeChecker.MShape expected = checker.of(Symbols.parseShape(c.answerShape()));
            if (!checker.sameShape(shape, expected)) {
                return Grade.builder(Grade.Status.GRADED).score(0).note("WRONG_SHAPE").note("NOT_EQUIVALENT").echo(echo)
                        .feedback(FeedbackBlock.diagnosis(Wording.wrongShape(checker.describe(shape), name, checker.describe(expected),
                                c.gradientOf() == null ? null : c.gradientOf().withRespectTo())));
            }
        }
        if (grading.rightByProbe(answer, checker.declared(shape))) {
            return Grade.builder(Grade.Status.GRADED).score(1).note("EQUIVALENT").echo(echo)
                    .feedback(FeedbackBlock.diagnosis(Wording.equivalent(name)));
        }
        TrialValues mine = grading.values(answer);
        if (grading.equivalent(mine, reference)) {
            return Grade.builder(Grade.Status.GRADED).score(1).note("EQUIVALENT").echo(echo)
                    .feedback(FeedbackBlock.diagnosis(Wording.equivalent(name)));
        }
        Grade.Builder anticipated = diagnosis.anticipated(mine, echo);
        if (anticipated != null) {
            return anticipated;
        }
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0).note("NOT_EQUIVALENT").echo(echo);
        if (!diagnosis.explain(mine, g)) {
            g.feedback(FeedbackBlock.diagnosis(Wording.notEqual(checker.describe(shape), name)));
        }
        return g;
    }
}
