package dev.assay.plugins.essay;

import dev.assay.api.Doc;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A short essay or short answer question. */
public record EssayConfig(
        @Doc("rubric (criteria with evidence) or reference (overlap with reference answers)") @NotNull Mode mode,
        @Doc(value = "the course's language", defaultValue = "en") String language,
        @Doc("length bounds in words, and what happens outside them") @Valid Length length,
        @Doc("rubric mode: the criteria, each with its points and the evidence that earns them")
        @Valid List<@NotNull Criterion> criteria,
        @Doc("rubric mode: misconceptions that cost points when their evidence is present")
        @Valid List<@NotNull Misconception> misconceptions,
        @Doc("reference mode: one or more reference answers") List<@NotBlank String> references,
        @Doc("reference mode: instructor-graded answers; an answer closer to one of them than to any reference gets its score")
        @Valid List<@NotNull Example> examples,
        @Doc("reference mode: similarity thresholds for half and full credit (fitted by calibration)")
        List<@DecimalMin("0") @DecimalMax("1") Double> thresholds,
        @Doc(value = "the question text, to recognise answers that copy it back", defaultValue = "") String questionText,
        @Doc("reference mode: a scoring model fitted to graded answers (what ./assay eval --folds fits): the score is a "
                + "logistic function of the answer's features (meaning, wording, coverage of each reference sentence, length, "
                + "negation, the nearest graded examples); without one, the two thresholds apply") @Valid Model model,
        @Doc("reference mode: the model fitted across questions on features that need no graded example of this question; "
                + "a second opinion (signals that disagree send the answer to review), and the model when there are no "
                + "examples") @Valid Model referenceModel) {

    public enum Mode { rubric, reference }

    public EssayConfig {
        language = language == null ? "en" : language;
        length = length == null ? new Length(null, null, null) : length;
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        misconceptions = misconceptions == null ? List.of() : List.copyOf(misconceptions);
        references = references == null ? List.of() : List.copyOf(references);
        examples = examples == null ? List.of() : List.copyOf(examples);
        thresholds = thresholds == null ? List.of(0.3, 0.5) : List.copyOf(thresholds);
        questionText = questionText == null ? "" : questionText;
    }

    public EssayConfig(Mode mode, String language, Length length, List<Criterion> criteria, List<Misconception> misconceptions,
                       List<String> references, List<Example> examples, List<Double> thresholds, String questionText) {
        this(mode, language, length, criteria, misconceptions, references, examples, thresholds, questionText, null, null);
    }

    /** The same configuration with other similarity thresholds: [half credit, full credit]. */
    public EssayConfig withThresholds(double half, double full) {
        return new EssayConfig(mode, language, length, criteria, misconceptions, references, examples, List.of(half, full),
                questionText, model, referenceModel);
    }

    /**
     * A monotone logistic model: score = 1 / (1 + e^−(bias + Σ weight·feature)); every weight of a similarity is at
     * least 0 and negation's at most 0, so more agreement with the reference never lowers the score.
     */
    public record Model(@NotNull java.util.Map<String, Double> weights, @NotNull Double bias) {
        public Model {
            weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        }
    }

    /** An instructor-graded answer: its text and its score as a fraction of the points. */
    public record Example(@NotBlank String answer, @NotNull @DecimalMin("0") @DecimalMax("1") Double score) {
    }

    /** @param policy flag (a note and a word in the feedback), penalise (half the score) or zero */
    public record Length(@Min(0) Integer minWords, @Min(1) Integer maxWords, String policy) {
    }

    public record Criterion(@NotBlank String id, String description, @NotNull @DecimalMin("0") Double points,
                            @Valid @NotNull Evidence evidence) {
    }

    public record Misconception(@NotBlank String id, String description, @DecimalMin("0") Double penalty,
                                @Valid @NotNull Evidence evidence, String feedback) {
    }

    /**
     * What earns a criterion: concept groups (each a list of phrasings; {@code minMatches} groups must
     * match, default 1), a number with a unit, any-of / all-of sub-evidence, a regular expression, or statements
     * met by meaning: a sentence or clause of the answer whose meaning comes within {@code minSimilarity} (the mean of
     * the sentence vectors' cosine and of the statement's words matched in the passage; default
     * {@link #MEANING_DEFAULT}) of one of the statements, negating only where the statement does.
     */
    public record Evidence(List<List<String>> concepts, @Min(1) Integer minMatches, @Valid NumberSpec number,
                           @Valid List<Evidence> anyOf, @Valid List<Evidence> allOf, String pattern,
                           List<@NotBlank String> meaning,
                           @DecimalMin("0") @DecimalMax("1") Double minSimilarity) {
        public static final double MEANING_DEFAULT = 0.7;

        public Evidence(List<List<String>> concepts, Integer minMatches, NumberSpec number, List<Evidence> anyOf,
                        List<Evidence> allOf, String pattern) {
            this(concepts, minMatches, number, anyOf, allOf, pattern, null, null);
        }
    }

    /** A quantity: a value (optional: any value of the unit), its unit (s, %), and a tolerance. */
    public record NumberSpec(Double value, @NotBlank String unit, @DecimalMin("0") Double tolerance) {
    }
}
