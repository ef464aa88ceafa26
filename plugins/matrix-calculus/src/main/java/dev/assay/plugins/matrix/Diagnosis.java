package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.ArrayList;
import java.util.List;

/**
 * Why an expression is not the answer: an answer the instructor anticipated, an inverse that does
 * not exist, the wrong sign ({@code WRONG_SIGN}), a constant factor ({@code WRONG_FACTOR}), or one
 * mutation away from right: a transpose ({@code MISSING_TRANSPOSE}) or two neighbouring factors
 * swapped ({@code WRONG_ORDER}). Every check is a comparison on the same trials as the grade.
 */
final class Diagnosis {
    /** The most mutants of one answer tried, so that a long answer costs no more than a bounded number of comparisons. */
    static final int MAX_MUTANTS = 80;

    private final Grading grading;
    private final Problem p;
    private final Expr answer;
    private final TrialValues reference;

    Diagnosis(Grading grading, Expr answer, TrialValues reference) {
        this.grading = grading;
        this.p = grading.p;
        this.answer = answer;
        this.reference = reference;
    }

    /** The grade of the first anticipated answer the answer equals, or null when it equals none. */
    Grade.Builder anticipated(TrialValues mine, Echo echo) throws InterruptedException {
        for (MatrixConfig.Anticipated a : p.config.anticipated()) {
            try {
                if (grading.equivalent(mine, grading.values(Parser.expression(a.answer(), p.symbols)))) {
                    Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(a.score() == null ? 0 : a.score())
                            .note(a.note()).echo(echo);
                    if (a.score() == null || a.score() < 1) {
                        g.note("NOT_EQUIVALENT");
                    }
                    return g.feedback(FeedbackBlock.diagnosis(Wording.anticipated(a.feedback())));
                }
            } catch (AnswerException | Undecidable ignored) {
                // the anticipated answer was checked with the configuration; one beyond comparison matches nothing
            }
        }
        return null;
    }

    /** Adds to {@code g} what is wrong with a conforming answer of the right shape; false when nothing specific is found. */
    boolean explain(TrialValues mine, Grade.Builder g) throws InterruptedException {
        String name = Wording.answerName(p.config);
        if (mine.exactCapable() && mine.undefined()) {
            g.feedback(FeedbackBlock.diagnosis(Wording.notDefined(mine.singular)));
            return true;
        }
        double alpha = factorOrNaN(mine, reference);
        if (alpha == -1) {
            g.note("WRONG_SIGN").feedback(FeedbackBlock.diagnosis(Wording.wrongSign(name, Hint.WRONG_SIGN.in(p.config))));
            return true;
        }
        if (!Double.isNaN(alpha) && alpha != 0) {
            g.note("WRONG_FACTOR").feedback(FeedbackBlock.diagnosis(Wording.wrongFactor(alpha, name, Hint.WRONG_FACTOR.in(p.config))));
            return true;
        }
        return mutations(g, false);
    }

    /** The constant factor between a and b, or NaN where there is none or it cannot be decided (a diagnosis only). */
    static double factorOrNaN(TrialValues a, TrialValues b) throws InterruptedException {
        try {
            return Comparison.factor(a, b);
        } catch (Undecidable e) {
            return Double.NaN;
        }
    }

    /**
     * Tries every single transpose toggle and every swap of two neighbouring factors, and notes the
     * first that makes the answer right; false when none does.
     */
    boolean mutations(Grade.Builder g, boolean fromMismatch) throws InterruptedException {
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
            if (fits(mutant)) {
                g.note("MISSING_TRANSPOSE").feedback(FeedbackBlock.diagnosis(Wording.missingTranspose(node, fromMismatch)));
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
                if (fits(mutant)) {
                    g.note("WRONG_ORDER").feedback(FeedbackBlock.diagnosis(Wording.wrongOrder(a, b)));
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a mutant of the answer conforms, has the answer's shape and equals the reference. */
    private boolean fits(Expr mutant) throws InterruptedException {
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
            return grading.equivalent(grading.values(mutant), reference);
        } catch (Undecidable beyondComparison) {
            return false;
        }
    }
}
