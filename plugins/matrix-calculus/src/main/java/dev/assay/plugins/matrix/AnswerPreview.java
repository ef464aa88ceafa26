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
            Reader.Reading reading = Reader.read(text, p.symbols, p.definitions);
            if (p.config.mode() == MatrixConfig.Mode.expression) {
                Reader.Statement chain = reading.chain();
                Expr e = chain.sides().get(chain.sides().size() - 1);
                ShapeChecker checker = new ShapeChecker(p.symbols);
                String latex = chain.latex() + reading.whereClause();
                return Validation.valid(new Echo(latex + "   (" + checker.describe(checker.shape(e)) + ")", latex));
            }
            List<String> shown = new ArrayList<>();
            for (String statement : reading.statements()) {
                shown.add(reading.read(statement).latex());
            }
            return Validation.valid(Answers.echo(shown, reading));
        } catch (AnswerException e) {
            return Validation.invalid(e.note(), e.getMessage(), Echo.NONE);
        }
    }
}
