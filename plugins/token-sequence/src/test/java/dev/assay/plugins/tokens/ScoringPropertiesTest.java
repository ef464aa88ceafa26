package dev.assay.plugins.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Answer;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ScoringPropertiesTest {
    static final TokenSequencePlugin PLUGIN = new TokenSequencePlugin();
    static final List<String> OPTIONS = List.of("Weight Decay", "Dropout", "SGD optimizer", "Adam optimizer", "Batch Normalization");

    static double score(TokenConfig c, String answer) {
        return PLUGIN.grade(new GradingRequest<>("t/q", c, "", Answer.of(answer),
                new GradingContext(1, Limits.DEFAULT, Locale.ENGLISH, QuestionResources.NONE))).score();
    }

    @Property(tries = 500)
    void anyPermutationOfTheRightSetScoresOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int size) {
        List<String> expected = new ArrayList<>(OPTIONS.subList(0, size));
        TokenConfig c = new TokenConfig(TokenConfig.Mode.set, expected, false,
                Map.of("Weight Decay", List.of("weight_decay")), null, null, OPTIONS, null);
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(seed));
        String separator = List.of(", ", " and ", "; ", " & ", "\n").get(Math.floorMod(seed, 5));
        assertThat(score(c, String.join(separator, shuffled))).isEqualTo(1.0);
    }

    @Property(tries = 1000)
    void scoresStayWithinZeroAndOne(@ForAll @Size(max = 12) List<@net.jqwik.api.constraints.AlphaChars @net.jqwik.api.constraints.StringLength(min = 1, max = 6) String> words,
                                    @ForAll boolean proportional) {
        String answer = String.join(" ", words) + " dog <sos>";
        for (TokenConfig.Mode mode : TokenConfig.Mode.values()) {
            List<String> expected = mode == TokenConfig.Mode.choice ? List.of("dog") : List.of("<sos>", "I", "see", "a", "dog");
            TokenConfig c = new TokenConfig(mode, expected, false, null,
                    proportional ? TokenConfig.PartialCredit.proportional : TokenConfig.PartialCredit.none, null, null,
                    proportional ? "proportional" : null);
            assertThat(score(c, answer)).isBetween(0.0, 1.0);
        }
    }
}
