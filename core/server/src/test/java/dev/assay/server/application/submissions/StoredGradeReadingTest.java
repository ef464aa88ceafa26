package dev.assay.server.application.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.GradeStatusColumn;
import dev.assay.server.domain.model.Ids;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Stored data always renders: rows the old code could write, and that no longer read, show as unreadable. */
class StoredGradeReadingTest {
    static GradeEntity row(long id, double score, String notes, Grade.Status status) {
        GradeEntity g = new GradeEntity(7L, 1L, status, score, notes, "[]", "{\"text\":\"x\",\"latex\":\"x\"}", "instructor", "prof",
                0, 0, false, OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        return Ids.withId(g, id);
    }

    @Test
    void aReadableGradeReadsAsStored() {
        Grade g = StoredGrades.toGrade(row(1, 0.5, "[\"REVIEWED\"]", Grade.Status.GRADED));
        assertThat(g.status()).isEqualTo(Grade.Status.GRADED);
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(g.notes()).containsExactly("REVIEWED");
    }

    @Test
    void aNaNScoreStoredByTheOldReviewRendersAsUnreadableWithScoreZero() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, -1, 2}) {
            GradeEntity stored = row(2, bad, "[\"REVIEWED\"]", Grade.Status.GRADED);
            Grade g = StoredGrades.toGrade(stored);
            assertThat(g.status()).isEqualTo(Grade.Status.ERROR);
            assertThat(g.score()).isZero();
            assertThat(g.notes()).containsExactly(StoredGrades.UNREADABLE);
            assertThat(g.feedback().get(0).markdown()).contains("could not be read back").contains("Nothing you submitted is lost");
            assertThat(StoredGrades.isUnreadable(g)).isTrue();
        }
    }

    @Test
    void jsonThatDoesNotParseOrAnUnknownStatusRendersAsUnreadable() {
        assertThat(StoredGrades.toGrade(row(3, 1, "[\"unterminated", Grade.Status.GRADED)).notes()).containsExactly(StoredGrades.UNREADABLE);
        // A status this version does not know is read as null (GradeStatusColumn).
        assertThat(new GradeStatusColumn().convertToEntityAttribute("SOMETHING_NEW")).isNull();
        assertThat(new GradeStatusColumn().convertToEntityAttribute("NEEDS_REVIEW")).isEqualTo(Grade.Status.NEEDS_REVIEW);
        assertThat(StoredGrades.toGrade(row(4, 1, "[]", null)).notes()).containsExactly(StoredGrades.UNREADABLE);
        assertThat(StoredGrades.toGrade(row(5, 1, null, Grade.Status.GRADED)).notes()).containsExactly(StoredGrades.UNREADABLE);
    }
}
