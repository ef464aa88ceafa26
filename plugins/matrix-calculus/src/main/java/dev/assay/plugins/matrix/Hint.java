package dev.assay.plugins.matrix;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The answer notes whose diagnosis a question may add its own advice to (its {@code hints}), each
 * with the neutral advice given where it adds none. The neutral advice is true of any question;
 * advice that knows the course (hw7's residual $X - W_2W_1X$) belongs in the course's questions.
 */
enum Hint {
    /** Completes "Your answer is the negative of …: ". */
    WRONG_SIGN(MatrixConfig.Mode.expression, "check each step for a minus sign lost or added."),
    /** Follows "Your answer is twice …: … a constant factor is off (a lost factor 1/2?)." */
    WRONG_FACTOR(MatrixConfig.Mode.expression, "Check the constant each step brings."),
    /** Follows "Line i does not follow: … is not true with your choice." where the sides differ by more than a factor. */
    STEP_INVALID(MatrixConfig.Mode.substitution, "The two sides differ on random data; check which identity you used.");

    /** The mode whose grades carry this note. */
    final MatrixConfig.Mode mode;
    private final String neutral;

    Hint(MatrixConfig.Mode mode, String neutral) {
        this.mode = mode;
        this.neutral = neutral;
    }

    /** The question's advice for this note, or the neutral one. */
    String in(MatrixConfig config) {
        return config.hints().getOrDefault(name(), neutral);
    }

    /** The notes that take a hint, with their modes, for a configuration problem. */
    static String listed() {
        return Arrays.stream(values()).map(h -> h.name() + " (" + h.mode + " mode)").collect(Collectors.joining(", "));
    }
}
