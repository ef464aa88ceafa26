package dev.assay.plugins.matrix;

import dev.assay.api.Doc;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** A matrix-calculus question. */
public record MatrixConfig(
        @Doc("expression (one matrix expression), equations (one condition per line), or substitution "
                + "(assignments, then optional derivation lines)") @NotNull Mode mode,
        @Doc("the symbolic dimensions and the order between them") @Valid @NotNull Dimensions dimensions,
        @Doc("the matrices students may use, with their shapes") @Valid @NotEmpty List<@NotNull SymbolDecl> symbols,
        @Doc("symbols defined from others: by expression (C = XX^T/n) or by decomposition (top eigenvectors)")
        @Valid List<@NotNull DerivedDecl> derived,
        @Doc("expression mode: the shape the answer must have, e.g. k x m") String answerShape,
        @Doc("expression mode: what the answer is called, for feedback, e.g. \\nabla_{W_1} L") String answerName,
        @Doc("expression mode: the answer is the gradient of this scalar function; computed by the plugin")
        @Valid Gradient gradientOf,
        @Doc("expression mode: the reference answer (optional when gradientOf is given)") String reference,
        @Doc("equations and substitution modes: the conditions, each 'lhs = rhs'") @Valid List<@NotNull Condition> conditions,
        @Doc(value = "equations mode: what counts as the same condition", defaultValue = "scalarMultiple and transpose")
        Equivalence equivalence,
        @Doc("substitution mode: the symbols the student assigns, e.g. [W_1, W_2]") List<@NotBlank String> assign,
        @Doc("substitution mode: whether and how derivation lines are checked") @Valid Derivation derivation,
        @Doc("answers the instructor anticipates, with their own note, feedback and score")
        @Valid List<@NotNull Anticipated> anticipated,
        @Doc(value = "advice added to a diagnosis, by answer note, in place of the plugin's neutral advice (which is true"
                + " of any question): WRONG_SIGN completes 'Your answer is the negative of …: ' and WRONG_FACTOR follows the"
                + " factor found (expression mode); STEP_INVALID follows a derivation step whose sides differ by more than a"
                + " constant factor (substitution mode)", defaultValue = "{}",
                example = "{WRONG_SIGN: 'check the sign where you differentiate the residual $X - W_2W_1X$.'}")
        Map<@NotBlank String, @NotBlank String> hints,
        @Doc(value = "symbols whose rows are centred (zero-mean data)", defaultValue = "[X]") List<String> centre,
        @Doc(value = "random trials per check", defaultValue = "3") @Min(1) @Max(10) Integer trials) {

    public enum Mode { expression, equations, substitution }

    public MatrixConfig {
        derived = derived == null ? List.of() : List.copyOf(derived);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        assign = assign == null ? List.of() : List.copyOf(assign);
        anticipated = anticipated == null ? List.of() : List.copyOf(anticipated);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
        centre = centre == null ? List.of("X") : List.copyOf(centre);
        equivalence = equivalence == null ? new Equivalence(true, true) : equivalence;
        derivation = derivation == null ? new Derivation(true, 0.5) : derivation;
        trials = trials == null ? 3 : trials;
    }

    public record Dimensions(@NotEmpty List<@NotBlank String> names, List<@NotBlank String> constraints) {
        public Dimensions {
            constraints = constraints == null ? List.of() : List.copyOf(constraints);
        }
    }

    public record SymbolDecl(@NotBlank String name, @NotBlank String shape, List<String> aliases, String description) {
        public SymbolDecl {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** Either {@code definition} (an expression) or {@code decomposition} (top-eigenvectors / top-eigenvalues of {@code of}). */
    public record DerivedDecl(@NotBlank String name, String definition, String decomposition, String of, String count,
                              List<String> aliases, String description) {
        public DerivedDecl {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public record Gradient(@NotBlank String function, @NotBlank String withRespectTo) {
    }

    public record Condition(String id, @NotBlank String equation, @DecimalMin("0") @DecimalMax("1") Double credit,
                            String description) {
        /** Its credit: as configured, or an equal share of {@code count} conditions. */
        double creditOf(int count) {
            return credit != null ? credit : 1.0 / count;
        }
    }

    public record Equivalence(Boolean scalarMultiple, Boolean transpose) {
    }

    public record Derivation(Boolean checkSteps, @DecimalMin("0") @DecimalMax("1") Double invalidStepPenalty) {
    }

    public record Anticipated(@NotBlank String answer, @NotBlank String note, String feedback,
                              @DecimalMin("0") @DecimalMax("1") Double score) {
    }
}
