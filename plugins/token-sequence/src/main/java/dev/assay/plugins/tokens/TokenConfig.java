package dev.assay.plugins.tokens;

import dev.assay.api.Doc;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** A token-sequence question. */
public record TokenConfig(
        @Doc("sequence (order matters), set (multi-select), or choice (one answer)") @NotNull Mode mode,
        @Doc("the right tokens, in order for a sequence") @NotEmpty List<@NotBlank String> expected,
        @Doc(value = "whether case matters", defaultValue = "false") Boolean caseSensitive,
        @Doc("other spellings of a token: canonical → aliases (multi-word aliases allowed)")
        Map<@NotBlank String, List<@NotBlank String>> aliases,
        @Doc(value = "sequence mode: none (all or nothing) or proportional (from the alignment)", defaultValue = "none")
        PartialCredit partialCredit,
        @Doc("sequences the instructor anticipates, with their own note, feedback and score")
        @Valid List<@NotNull Alternative> alternatives,
        @Doc("set and choice modes: every option offered, so wrong picks are recognised") List<@NotBlank String> options,
        @Doc(value = "set mode: right-minus-wrong ((right − wrong) / |expected|, never below 0) or proportional (right / |expected|)",
                defaultValue = "right-minus-wrong") String scoring) {

    public enum Mode { sequence, set, choice }

    public enum PartialCredit { none, proportional }

    public TokenConfig {
        caseSensitive = caseSensitive != null && caseSensitive;
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        partialCredit = partialCredit == null ? PartialCredit.none : partialCredit;
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        options = options == null ? List.of() : List.copyOf(options);
        scoring = scoring == null ? "right-minus-wrong" : scoring;
    }

    public record Alternative(@NotEmpty List<@NotBlank String> sequence, @NotBlank String note, String feedback,
                              @DecimalMin("0") @DecimalMax("1") Double score) {
    }
}
