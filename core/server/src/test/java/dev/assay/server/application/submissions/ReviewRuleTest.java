package dev.assay.server.application.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.server.application.AssayException;
import org.junit.jupiter.api.Test;

/** The one rule for an instructor's points, used by REST and by the LTI page. */
class ReviewRuleTest {
    @Test
    void pointsFromZeroToTheQuestionsBecomeAFraction() {
        assertThat(ReviewRule.score(3, 4)).isEqualTo(0.75);
        assertThat(ReviewRule.score(0, 4)).isZero();
        assertThat(ReviewRule.score(4, 4)).isEqualTo(1.0);
        assertThat(ReviewRule.score(0, 0)).isZero();
    }

    @Test
    void numbersThatAreNotFiniteOrOutOfRangeAreRefusedWithTheRange() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.5, 4.01, 1e300}) {
            assertThatThrownBy(() -> ReviewRule.score(bad, 4)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(AssayException.class, e -> {
                        assertThat(e.kind()).isEqualTo(AssayException.Kind.INVALID);
                        assertThat(e.getMessage()).startsWith("Give the points as a number from 0 to 4 (the question is worth 4)");
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("points");
                            assertThat(p.message()).isEqualTo("must be a number from 0 to 4");
                        });
                    });
        }
        assertThatThrownBy(() -> ReviewRule.score(Double.NaN, 2.5)).hasMessageContaining("NaN is not")
                .hasMessageContaining("from 0 to 2.5");
    }

    @Test
    void thePluginsGradeDiffersFromTheReviewWhenTheScoresDifferOrItCannotBeRead() {
        assertThat(ReviewRule.pluginDiffers(1.0, 0.75)).isTrue();
        assertThat(ReviewRule.pluginDiffers(0.75, 0.75)).isFalse();
        assertThat(ReviewRule.pluginDiffers(0.1 + 0.2, 0.3)).as("computed fractions vs typed points").isFalse();
        assertThat(ReviewRule.pluginDiffers(Double.NaN, 0.5)).isTrue();
        assertThat(ReviewRule.pluginDiffers(1.5, 1.5)).as("a score that is not a fraction cannot agree").isTrue();
    }
}
