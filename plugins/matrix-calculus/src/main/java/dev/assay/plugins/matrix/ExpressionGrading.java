package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;

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
        Expr answer;
        try {
            answer = Parser.expression(Answers.dropLeftSide(text), p.symbols);
        } catch (AnswerException e) {
            return Grade.builder(Grade.Status.INVALID_ANSWER).note(e.note())
                    .feedback(FeedbackBlock.diagnosis(Wording.unreadable(e.getMessage())));
        }
        Echo echo = new Echo(Latex.of(answer), Latex.of(answer));
        try {
            return grade(answer, echo);
        } catch (Undecidable e) {
            return Grading.undecidable(e, echo);
        }
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
