package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;

/**
 * One grading call: the question, its trials (drawn once, from the call's seed) and what every
 * mode needs from them. Each mode grades with one of these ({@link ExpressionGrading},
 * {@link EquationsGrading}, {@link SubstitutionGrading}).
 */
final class Grading {
    final Problem p;
    final Trials trials;

    Grading(Problem p, long seed) {
        this.p = p;
        this.trials = new Trials(p, seed);
    }

    /** The grade of an answer, in the question's mode (without the expected approach). */
    Grade.Builder grade(String answer) throws InterruptedException {
        return switch (p.config.mode()) {
            case expression -> new ExpressionGrading(this).grade(answer);
            case equations -> new EquationsGrading(this).grade(answer);
            case substitution -> new SubstitutionGrading(this).grade(answer);
        };
    }

    TrialValues values(Expr e) {
        return trials.of(e);
    }

    boolean equivalent(TrialValues a, TrialValues b) throws InterruptedException {
        return Comparison.same(a, b);
    }

    /**
     * Whether the answer is confirmed right by {@link VectorProbe} (the reference given as an
     * expression, both matrix polynomials of drawn symbols); false sends it the full way.
     */
    boolean rightByProbe(Expr answer, Symbols.Shape shape) throws InterruptedException {
        if (p.config.reference() == null || !p.exact || p.definitionsUseDimensions || shape == null || shape.scalar()
                || !VectorProbe.applies(p, answer)) {
            return false;
        }
        return p.reference != null && VectorProbe.applies(p, p.reference)
                && VectorProbe.confirms(trials, answer, p.reference, shape.cols());
    }

    /** The reference answer on each trial: the reference expression, or the gradient of gradientOf.function. */
    TrialValues referenceValues() throws AnswerException {
        MatrixConfig c = p.config;
        if (c.reference() != null) {
            if (p.reference == null) {
                throw new AnswerException("PARSE_ERROR", "the reference does not parse");
            }
            return values(p.reference);
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

    /**
     * An answer (or one of the student's definitions) that cannot be read, or whose definition does
     * not conform: a mismatch is graded 0 (shapes are part of the answer), anything else is invalid.
     */
    static Grade.Builder notRead(AnswerException e) {
        Grade.Status status = "DIMENSION_MISMATCH".equals(e.note()) ? Grade.Status.GRADED : Grade.Status.INVALID_ANSWER;
        return Grade.builder(status).score(0).note(e.note()).feedback(FeedbackBlock.diagnosis(e.getMessage()));
    }

    /** An answer of more lines than {@link Answers#MAX_LINES}. */
    static Grade.Builder tooManyLines() {
        return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR").feedback(FeedbackBlock.diagnosis(Wording.tooManyLines()));
    }
}
