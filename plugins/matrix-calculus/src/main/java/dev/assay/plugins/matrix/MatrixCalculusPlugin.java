package dev.assay.plugins.matrix;

import dev.assay.api.ConfigProblem;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 *
 * <p>This class is the plugin's face to the engine only: configuration checks are
 * {@link ConfigCheck}'s, previews {@link AnswerPreview}'s, and grading {@link Grading}'s, by mode.
 */
public final class MatrixCalculusPlugin implements GraderPlugin<MatrixConfig> {
    /** How many compiled questions are kept; beyond it the cache starts afresh (a course has tens of questions). */
    private static final int COMPILED_KEPT = 512;
    /**
     * Questions compiled once per configuration (symbols and their spellings, derived quantities,
     * how sizes are drawn): compiling took a third of reading an answer. A {@link Problem} is not
     * changed once built, so calls share it; a configuration is a record, equal by value.
     */
    private final Map<MatrixConfig, Problem> compiled = new ConcurrentHashMap<>();

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
        return ConfigCheck.problems(config);
    }

    @Override
    public Validation validate(GradingRequest<MatrixConfig> request) {
        return AnswerPreview.of(problem(request.config()), request.answer().text());
    }

    private Problem problem(MatrixConfig config) {
        if (compiled.size() >= COMPILED_KEPT) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(config, Problem::new);
    }

    @Override
    public Grade grade(GradingRequest<MatrixConfig> request) throws InterruptedException {
        Grade.Builder out = new Grading(problem(request.config()), request.context().seed()).grade(request.answer().text());
        if (!request.expectedApproach().isBlank()) {
            out.feedback(FeedbackBlock.expectedApproach(request.expectedApproach()));
        }
        return out.build();
    }
}
