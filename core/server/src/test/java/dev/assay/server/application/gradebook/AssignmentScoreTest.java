package dev.assay.server.application.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's assignment score for a gradebook, from the questions' points and the grades in force. */
class AssignmentScoreTest {
    static final List<AssignmentScore.Question> HW = List.of(new AssignmentScore.Question("p/a", "4.b Reflection", 4),
            new AssignmentScore.Question("p/b", "8.b Weights", 2), new AssignmentScore.Question("p/c", "9 Bonus", 1));

    static AssignmentScore.InForce graded(double score) {
        return new AssignmentScore.InForce(score, Grade.Status.GRADED, null);
    }

    @Test
    void theScoreIsEachGradeInForceTimesItsQuestionsPointsOutOfThePoints() {
        AssignmentScore s = AssignmentScore.of(HW, Map.of("p/a", graded(0.75), "p/b", graded(1), "p/c", graded(0)));
        assertThat(s.given()).isEqualTo(5.0);
        assertThat(s.maximum()).isEqualTo(7.0);
        assertThat(s.complete()).isTrue();
        assertThat(s.awaitingReview()).isFalse();
        assertThat(s.comment()).isNull();
    }

    @Test
    void anUnansweredQuestionCountsZeroAndTheScoreIsNotComplete() {
        AssignmentScore s = AssignmentScore.of(HW, Map.of("p/a", graded(0.5)));
        assertThat(s.given()).isEqualTo(2.0);
        assertThat(s.maximum()).isEqualTo(7.0);
        assertThat(s.complete()).isFalse();
        assertThat(AssignmentScore.of(HW, Map.of()).given()).isZero();
    }

    @Test
    void aGradeNeedingReviewAnErrorOrAnUnreadableGradeMakesTheScoreAwaitReview() {
        for (AssignmentScore.InForce waiting : List.of(new AssignmentScore.InForce(0.5, Grade.Status.NEEDS_REVIEW, null),
                new AssignmentScore.InForce(0, Grade.Status.ERROR, null), new AssignmentScore.InForce(0.5, null, null),
                new AssignmentScore.InForce(Double.NaN, Grade.Status.GRADED, null))) {
            AssignmentScore s = AssignmentScore.of(HW, Map.of("p/a", waiting, "p/b", graded(1)));
            assertThat(s.awaitingReview()).as(waiting.toString()).isTrue();
        }
        assertThat(AssignmentScore.of(HW, Map.of("p/a", new AssignmentScore.InForce(0.5, Grade.Status.INVALID_ANSWER, null)))
                .awaitingReview()).as("an answer the plugin could not read is graded, not waiting").isFalse();
    }

    @Test
    void aStoredScoreThatCannotCountCountsZero() {
        AssignmentScore s = AssignmentScore.of(HW, Map.of("p/a", graded(Double.NaN), "p/b", graded(1.5), "p/c", graded(1)));
        assertThat(s.given()).isEqualTo(1.0);
    }

    @Test
    void theGivenPointsAreRoundedToSixDecimals() {
        AssignmentScore s = AssignmentScore.of(List.of(new AssignmentScore.Question("q", "Q", 3)), Map.of("q", graded(1.0 / 3)));
        assertThat(s.given()).isEqualTo(1.0);
    }

    @Test
    void noCommentIsNull() {
        assertThat(AssignmentScore.of(HW, Map.of("p/a", graded(1))).comment()).isNull();
    }

    @Test
    void oneQuestionAssignmentsSendTheCommentAsItIs() {
        AssignmentScore s = AssignmentScore.of(List.of(new AssignmentScore.Question("q", "Q1", 1)),
                Map.of("q", new AssignmentScore.InForce(1, Grade.Status.GRADED, "  Well argued.\n")));
        assertThat(s.comment()).isEqualTo("Well argued.");
    }

    @Test
    void severalQuestionsArePrefixedByTheirTitlesInTheAssignmentsOrder() {
        AssignmentScore s = AssignmentScore.of(HW, Map.of("p/b", new AssignmentScore.InForce(1, Grade.Status.GRADED, "Check W2."),
                "p/a", new AssignmentScore.InForce(1, Grade.Status.GRADED, "Say why.")));
        assertThat(s.comment()).isEqualTo("4.b Reflection: Say why.\n\n8.b Weights: Check W2.");
    }
}
