package dev.assay.plugins.matrix;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.util.ArrayList;
import java.util.List;

/**
 * Equations mode: each line {@code A = B} is read as {@code A − B = 0} and matches a condition up
 * to a non-zero constant factor and/or a transpose, as configured; credit per condition matched,
 * {@code MISSING_CONDITION} and {@code EXTRA_CONDITION} for the rest.
 */
final class EquationsGrading {
    private final Grading grading;
    private final Problem p;

    EquationsGrading(Grading grading) {
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
        if (lines.isEmpty()) {
            return Grade.builder(Grade.Status.INVALID_ANSWER).note("PARSE_ERROR")
                    .feedback(FeedbackBlock.diagnosis(Wording.noConditions()));
        }
        if (lines.size() > Answers.MAX_LINES) {
            return Grading.tooManyLines();
        }
        lines = continued(lines);
        List<Expr> student = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        List<List<Expr>> chains = new ArrayList<>(); // per line: the links of a chain a = b = … = 0, or null
        for (int i = 0; i < lines.size(); i++) {
            try {
                Reader.Statement read = reading.read(Reader.dropLeftSide(lines.get(i))); // ∇_{W_2} L = … = 0 states … = 0
                List<Expr> links = Answers.chainLinks(read.sides());
                chains.add(links);
                if (links != null) {
                    ShapeChecker checker = new ShapeChecker(p.symbols);
                    for (int k = 0; k + 1 < links.size(); k++) {
                        Answers.difference(links.subList(k, k + 2), p.symbols); // conforming, or where it does not
                    }
                    checker.shape(links.get(links.size() - 1));
                    student.add(links.get(links.size() - 1));
                    shown.add(Answers.lineLatex(Answers.chainLinks(read.written())) + " = 0");
                    continue;
                }
                Expr d = Answers.difference(read.sides(), p.symbols);
                student.add(d);
                shown.add(Latex.of(Answers.difference(read.written(), reading.symbols())) + " = 0");
            } catch (AnswerException e) {
                Grade.Status status = "DIMENSION_MISMATCH".equals(e.note()) ? Grade.Status.GRADED : Grade.Status.INVALID_ANSWER;
                return Grade.builder(status).score(0).note(e.note())
                        .feedback(FeedbackBlock.diagnosis(Wording.onLine(i + 1, e.getMessage())));
            }
        }
        List<MatrixConfig.Condition> conds = p.config.conditions();
        List<TrialValues> references = new ArrayList<>();
        for (MatrixConfig.Condition cond : conds) {
            try {
                references.add(grading.values(Answers.difference(cond.equation(), p.symbols)));
            } catch (AnswerException e) {
                throw new IllegalStateException("condition checked with the configuration: " + e.getMessage(), e);
            }
        }
        boolean[] matched = new boolean[conds.size()];
        List<Integer> extra = new ArrayList<>();
        try {
            for (int li = 0; li < student.size(); li++) {
                TrialValues line = grading.values(student.get(li));
                String broken = brokenLink(chains.get(li), line);
                if (broken != null) {
                    return Grade.builder(Grade.Status.GRADED).score(0).note("NOT_EQUIVALENT").echo(Answers.echo(shown, reading))
                            .feedback(FeedbackBlock.diagnosis(Wording.onLine(li + 1, broken)));
                }
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
            return Grading.undecidable(e, Answers.echo(shown, reading));
        }
        double score = 0;
        List<String> missing = new ArrayList<>();
        for (int ci = 0; ci < conds.size(); ci++) {
            if (matched[ci]) {
                score += conds.get(ci).creditOf(conds.size());
            } else {
                missing.add(Wording.condition(conds.get(ci)));
            }
        }
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(Math.min(1, score)).echo(Answers.echo(shown, reading));
        if (missing.isEmpty() && extra.isEmpty()) {
            return g.note("EQUIVALENT").feedback(FeedbackBlock.diagnosis(Wording.exactlyTheConditions()));
        }
        if (missing.isEmpty()) {
            g.note("EQUIVALENT");
        }
        if (!missing.isEmpty()) {
            g.note("MISSING_CONDITION");
        }
        if (!extra.isEmpty()) {
            g.note("EXTRA_CONDITION");
        }
        return g.feedback(FeedbackBlock.diagnosis(Wording.missingAndExtra(missing, extra)));
    }

    /**
     * Lines that continue a chain (start with '=', as {@code &= …} in an aligned block) joined to
     * the line before them, as expression mode reads them.
     */
    private static List<String> continued(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("=") && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line);
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Where a chain {@code a = b = … = 0} does not hold: each link must equal the next exactly
     * (not up to a factor: the chain claims equality), or it claims something false and is not
     * credited whatever its last link says; null where it holds, or for a plain equation.
     */
    private String brokenLink(List<Expr> links, TrialValues last) throws InterruptedException {
        if (links == null) {
            return null;
        }
        TrialValues next = last;
        for (int k = links.size() - 2; k >= 0; k--) {
            TrialValues here = grading.values(links.get(k));
            if (!grading.equivalent(here, next)) {
                return Wording.chainLinkBreaks(links.get(k), links.get(k + 1));
            }
            next = here;
        }
        return null;
    }

    /** Equal up to a non-zero scalar (which may depend on the dimensions) and/or a transpose, as configured. */
    private boolean sameCondition(TrialValues s, TrialValues r) throws InterruptedException {
        MatrixConfig.Equivalence eq = p.config.equivalence();
        boolean scalar = !Boolean.FALSE.equals(eq.scalarMultiple());
        boolean transpose = !Boolean.FALSE.equals(eq.transpose());
        return Comparison.sameCondition(s, r, scalar, false) || (transpose && Comparison.sameCondition(s, r, scalar, true));
    }
}
