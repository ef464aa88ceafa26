package dev.assay.plugins.matrix;

import dev.assay.api.Echo;
import dev.assay.api.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a student sees before submitting: the answer as it was read, in LaTeX (with its shape in
 * expression mode), or why it cannot be read. Nothing is compared.
 */
final class AnswerPreview {
    private AnswerPreview() {
    }

    static Validation of(Problem p, String text) {
        try {
            if (p.config.mode() == MatrixConfig.Mode.expression) {
                Expr e = Parser.expression(Answers.dropLeftSide(text), p.symbols);
                ShapeChecker checker = new ShapeChecker(p.symbols);
                String latex = Latex.of(e);
                return Validation.valid(new Echo(latex + "   (" + checker.describe(checker.shape(e)) + ")", latex));
            }
            List<String> shown = new ArrayList<>();
            for (String line : Answers.lines(text)) {
                shown.add(Answers.lineLatex(line, p.symbols));
            }
            return Validation.valid(Answers.echo(shown));
        } catch (AnswerException e) {
            return Validation.invalid(e.note(), e.getMessage(), Echo.NONE);
        }
    }
}
