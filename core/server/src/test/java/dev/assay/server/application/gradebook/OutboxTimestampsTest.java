package dev.assay.server.application.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Scores for one target and user go out with strictly increasing timestamps in whole seconds, as Moodle compares them. */
class OutboxTimestampsTest {
    static final OffsetDateTime T = OffsetDateTime.parse("2026-12-01T10:00:07.250Z");

    @Test
    void theFirstScoreCarriesTheSecondItWasGradedIn() {
        assertThat(Outbox.nextTimestamp(T, null, null)).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:07Z"));
    }

    @Test
    void twoGradesInTheSameSecondGoOutOneSecondApart() {
        OffsetDateTime first = Outbox.nextTimestamp(T, null, null);
        OffsetDateTime second = Outbox.nextTimestamp(T.plusNanos(600_000_000), first, null);
        assertThat(second).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:08Z"));
        OffsetDateTime third = Outbox.nextTimestamp(T.plusNanos(700_000_000), second, null);
        assertThat(third).as("later than every one sent before").isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:09Z"));
    }

    @Test
    void aLaterGradeKeepsItsOwnTime() {
        OffsetDateTime sent = OffsetDateTime.parse("2026-12-01T10:00:07Z");
        assertThat(Outbox.nextTimestamp(T.plusSeconds(30), sent, null)).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:37Z"));
    }

    @Test
    void afterARefusalAsNotLaterTheScoreIsLaterThanBothTheRefusedOneAndTheMomentOfRefusal() {
        OffsetDateTime refused = OffsetDateTime.parse("2026-12-01T10:00:07Z");
        OffsetDateTime refusedAt = OffsetDateTime.parse("2026-12-01T10:00:11.900Z");
        assertThat(Outbox.nextTimestamp(T, refused, refusedAt)).isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:12Z"));
        assertThat(Outbox.nextTimestamp(T, OffsetDateTime.parse("2026-12-01T10:00:30Z"), refusedAt))
                .isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:31Z"));
    }

    @Test
    void offsetsDoNotMatterOnlyInstants() {
        OffsetDateTime sentInParis = OffsetDateTime.parse("2026-12-01T11:00:07+01:00");
        assertThat(Outbox.nextTimestamp(T, sentInParis, null).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:08Z").toInstant());
    }
}
