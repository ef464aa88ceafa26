package dev.assay.server.application.regrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.server.application.api.RegradePreview;
import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.domain.repository.SubmissionRepository.LatestInForce;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a regrade would change each student's assignment score, from a dry run's grades. */
class RegradeImpactTest {
    private static final List<AssignmentScore.Question> QUESTIONS = List.of(
            new AssignmentScore.Question("p/q1", "Q1", 4), new AssignmentScore.Question("p/q2", "Q2", 6));

    private static LatestInForce latest(String user, String question, long submission, double score, boolean reviewed) {
        return new LatestInForce(user.hashCode(), user, question, submission, score, Grade.Status.GRADED, "[]",
                reviewed ? "seen" : null, reviewed);
    }

    private static Grade graded(double score) {
        return Grade.builder(Grade.Status.GRADED).score(score).build();
    }

    @Test
    void eachStudentsAssignmentScoreBeforeAndAfterFromTheirLatestAnswers() {
        List<LatestInForce> latest = List.of(
                latest("ann", "p/q1", 1, 0, false), latest("ann", "p/q2", 2, 1, false),
                latest("bob", "p/q1", 3, 1, false),
                latest("cat", "p/q1", 4, 1, false));
        // ann's q1 now right; bob's q1 graded the same; submission 9 is nobody's latest (it does not count).
        RegradePreview p = RegradeImpact.of(7, QUESTIONS, latest, Map.of(1L, graded(1), 3L, graded(1), 9L, graded(0)));

        assertThat(p.submissions()).isEqualTo(3);
        assertThat(p.changed()).isEqualTo(1);
        assertThat(p.students()).hasSize(1);
        RegradePreview.Student ann = p.students().get(0);
        assertThat(ann.user()).isEqualTo("ann");
        assertThat(ann.oldPoints()).isEqualTo(6);
        assertThat(ann.newPoints()).isEqualTo(10);
        assertThat(ann.maximum()).isEqualTo(10);
        assertThat(ann.questions()).containsExactly(new RegradePreview.QuestionChange("p/q1", 0, 4, false, null));
        assertThat(p.total().oldPoints()).as("ann 6, bob 4, cat 4").isEqualTo(14);
        assertThat(p.total().newPoints()).isEqualTo(18);
    }

    @Test
    void aReviewedAnswerKeepsItsReviewAndIsShownUnchanged() {
        List<LatestInForce> latest = List.of(latest("dan", "p/q2", 5, 0.5, true));

        RegradePreview p = RegradeImpact.of(7, QUESTIONS, latest, Map.of(5L, graded(1)));

        assertThat(p.changed()).isZero();
        assertThat(p.students()).hasSize(1);
        assertThat(p.students().get(0).oldPoints()).isEqualTo(3);
        assertThat(p.students().get(0).newPoints()).isEqualTo(3);
        assertThat(p.students().get(0).questions()).containsExactly(new RegradePreview.QuestionChange("p/q2", 3, 3, true, 6.0));
        assertThat(p.total().newPoints()).isEqualTo(3);
    }

    @Test
    void aReviewTheNewGradeAgreesWithIsNotListed() {
        RegradePreview p = RegradeImpact.of(7, QUESTIONS, List.of(latest("eve", "p/q1", 6, 0.5, true)), Map.of(6L, graded(0.5)));

        assertThat(p.students()).isEmpty();
        assertThat(p.submissions()).isEqualTo(1);
    }

    @Test
    void aGradeThatWouldGoDownIsShownAndAnUnreadableOneCountsZero() {
        List<LatestInForce> latest = List.of(latest("fay", "p/q1", 7, Double.NaN, false), latest("fay", "p/q2", 8, 1, false));

        RegradePreview p = RegradeImpact.of(7, QUESTIONS, latest, Map.of(7L, graded(0.25), 8L, graded(0.5)));

        RegradePreview.Student fay = p.students().get(0);
        assertThat(fay.oldPoints()).isEqualTo(6);
        assertThat(fay.newPoints()).isEqualTo(4);
        assertThat(fay.questions()).extracting(RegradePreview.QuestionChange::newPoints).containsExactly(1.0, 3.0);
        assertThat(p.changed()).isEqualTo(1);
    }

    @Test
    void aPointsChangeShowsAsTheRegradeWillDeliverIt() {
        // p/q1 was worth 2 with configuration version 11 (the grades in force), and is worth 4 now (QUESTIONS).
        LatestInForce eve = new LatestInForce(1, "eve", "p/q1", 8, 0.5, Grade.Status.GRADED, "[]", null, false, 11L);
        // fay's only answer is reviewed: the regrade puts no new grade in force, so sends her no score.
        LatestInForce fay = new LatestInForce(2, "fay", "p/q1", 9, 1, Grade.Status.GRADED, "[]", "kept", true, 11L);
        // gil's reviewed q1 counts with the new points in the score his regraded q2 sends.
        LatestInForce gilQ1 = new LatestInForce(3, "gil", "p/q1", 10, 1, Grade.Status.GRADED, "[]", "kept", true, 11L);
        LatestInForce gilQ2 = new LatestInForce(3, "gil", "p/q2", 11, 0.5, Grade.Status.GRADED, "[]", null, false, 12L);

        RegradePreview p = RegradeImpact.of(7, QUESTIONS, List.of(eve, fay, gilQ1, gilQ2),
                Map.of(8L, graded(0.5), 9L, graded(1), 10L, graded(1), 11L, graded(0.5)), Map.of(11L, 2.0, 12L, 6.0));

        assertThat(p.changed()).as("the same fractions, worth more points, for the scores the regrade sends").isEqualTo(2);
        assertThat(p.students()).extracting(RegradePreview.Student::user).containsExactly("eve", "gil");
        RegradePreview.Student e = p.students().get(0);
        assertThat(e.oldPoints()).isEqualTo(1);
        assertThat(e.newPoints()).isEqualTo(2);
        assertThat(e.questions()).containsExactly(new RegradePreview.QuestionChange("p/q1", 1, 2, false, null));
        RegradePreview.Student g = p.students().get(1);
        assertThat(g.oldPoints()).isEqualTo(2 + 3);
        assertThat(g.newPoints()).as("the review stands as its share of the question's points").isEqualTo(4 + 3);
        assertThat(g.questions()).containsExactly(new RegradePreview.QuestionChange("p/q1", 2, 4, true, null));
        assertThat(p.total().oldPoints()).as("eve 1, fay 2, gil 5").isEqualTo(8);
        assertThat(p.total().newPoints()).as("eve 2, fay still 2, gil 7").isEqualTo(11);
    }
}
