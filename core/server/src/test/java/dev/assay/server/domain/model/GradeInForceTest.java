package dev.assay.server.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.submissions.ReviewRule;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instructor's grade stands until the instructor decides otherwise; a regrade is recorded next to it. */
class GradeInForceTest {
    private long nextId = 100;

    GradeEntity plugin(double score) {
        GradeEntity g = new GradeEntity(1L, 1L, dev.assay.api.Grade.Status.GRADED, score, "[]", "[]", "{}", "it-exact", "1", 0, 0, false, OffsetDateTime.now());
        return Ids.withId(g, nextId++);
    }

    GradeEntity review(double score) {
        GradeEntity g = GradeEntity.review(1L, 1L, score, "[]", "[]", "{}", "prof", 0, "Say why.", OffsetDateTime.now());
        return Ids.withId(g, nextId++);
    }

    SubmissionEntity submission() {
        SubmissionEntity s = new SubmissionEntity("p/q", 1L, 1L, "answer", OffsetDateTime.now(), null);
        return Ids.withId(s, 1);
    }

    @Test
    void pluginGradesComeIntoForceOneAfterTheOther() {
        SubmissionEntity s = submission();
        GradeEntity first = plugin(0);
        assertThat(s.gradeAdded(first)).isTrue();
        GradeEntity regrade = plugin(1);
        assertThat(s.gradeAdded(regrade)).isTrue();
        assertThat(s.getGradeInForceId()).isEqualTo(regrade.getId());
        assertThat(s.getPluginGradeId()).isEqualTo(regrade.getId());
        assertThat(s.isReviewed()).isFalse();
        assertThat(ReviewRule.newerPluginGrade(s, List.of(first, regrade))).isEmpty();
    }

    @Test
    void aReviewStandsThroughARegradeWhichIsShownWhenItDiffers() {
        SubmissionEntity s = submission();
        GradeEntity first = plugin(0.5);
        s.gradeAdded(first);
        GradeEntity review = review(0.75);
        assertThat(s.gradeAdded(review)).isTrue();
        assertThat(ReviewRule.newerPluginGrade(s, List.of(first, review))).as("the plugin's grade is older").isEmpty();

        GradeEntity regrade = plugin(1.0);
        assertThat(s.gradeAdded(regrade)).as("the grade in force did not change").isFalse();
        assertThat(s.getGradeInForceId()).isEqualTo(review.getId());
        assertThat(s.getPluginGradeId()).as("what the next regrade compares with").isEqualTo(regrade.getId());
        assertThat(s.isReviewed()).isTrue();
        assertThat(ReviewRule.newerPluginGrade(s, List.of(first, review, regrade))).contains(regrade);

        GradeEntity again = review(1.0);
        s.gradeAdded(again);
        assertThat(s.getGradeInForceId()).as("the instructor looked again").isEqualTo(again.getId());
        assertThat(ReviewRule.newerPluginGrade(s, List.of(first, review, regrade, again))).isEmpty();
    }

    @Test
    void aRegradeThatAgreesWithTheReviewIsNotShownAsAChange() {
        SubmissionEntity s = submission();
        GradeEntity first = plugin(0.5);
        s.gradeAdded(first);
        GradeEntity review = review(1.0);
        s.gradeAdded(review);
        GradeEntity regrade = plugin(1.0);
        s.gradeAdded(regrade);
        assertThat(ReviewRule.newerPluginGrade(s, List.of(first, review, regrade))).isEmpty();
    }
}
