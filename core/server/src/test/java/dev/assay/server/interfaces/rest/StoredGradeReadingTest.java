package dev.assay.server.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.server.application.SubmissionStore;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.Ids;
import dev.assay.server.interfaces.rest.dto.Views;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Stored data always renders: rows the old code could write, and that no longer read, show as unreadable. */
class StoredGradeReadingTest {
    static GradeEntity row(long id, double score, String notes, String status) {
        GradeEntity g = new GradeEntity(7L, 1L, status, score, notes, "[]", "{\"text\":\"x\",\"latex\":\"x\"}", "instructor", "prof",
                0, 0, false, OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        return Ids.withId(g, id);
    }

    @Test
    void aReadableGradeReadsAsStored() {
        Grade g = SubmissionStore.toGrade(row(1, 0.5, "[\"REVIEWED\"]", "GRADED"));
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(g.notes()).containsExactly("REVIEWED");
    }

    @Test
    void aNaNScoreStoredByTheOldReviewRendersAsUnreadableWithScoreZero() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, -1, 2}) {
            GradeEntity stored = row(2, bad, "[\"REVIEWED\"]", "GRADED");
            Grade g = SubmissionStore.toGrade(stored);
            assertThat(g.status()).isEqualTo(Grade.Status.ERROR);
            assertThat(g.score()).isZero();
            assertThat(g.notes()).containsExactly(SubmissionStore.UNREADABLE);
            assertThat(g.feedback().get(0).markdown()).contains("could not be read back").contains("Nothing you submitted is lost");
            Views.GradeView view = ViewMapper.grade(stored, 4, 1);
            assertThat(view.status()).isEqualTo("UNREADABLE");
            assertThat(view.points()).isZero();
        }
    }

    @Test
    void jsonThatDoesNotParseOrAnUnknownStatusRendersAsUnreadable() {
        assertThat(ViewMapper.grade(row(3, 1, "[\"unterminated", "GRADED"), 4, 1).status()).isEqualTo("UNREADABLE");
        assertThat(ViewMapper.grade(row(4, 1, "[]", "SOMETHING_NEW"), 4, 1).status()).isEqualTo("UNREADABLE");
        assertThat(ViewMapper.grade(row(5, 1, null, "GRADED"), 4, 1).status()).isEqualTo("UNREADABLE");
    }
}
