package dev.assay.server.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Echo;
import dev.assay.engine.json.Json;
import dev.assay.server.application.api.QuestionAnalytics;
import dev.assay.server.application.submissions.StoredGrades;
import dev.assay.server.domain.repository.SubmissionRepository.Answered;
import dev.assay.server.domain.repository.SubmissionRepository.GradesAlike;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionAnalysisTest {
    private static GradesAlike alike(String echo, double score, String notes, long count, long first) {
        return new GradesAlike(Json.write(Echo.text(echo)), null, score, notes, count, first);
    }

    private static GradesAlike unechoed(String answer, long count, long first) {
        return new GradesAlike(QuestionAnalysis.EMPTY_ECHO, answer, 0, "[\"PARSE_ERROR\"]", count, first);
    }

    private static QuestionAnalytics analyse(List<GradesAlike> rows, int limit) {
        long submissions = rows.stream().mapToLong(GradesAlike::count).sum();
        return QuestionAnalysis.of("p/q", 4, new Answered(submissions, 7), rows, limit, id -> "answer #" + id);
    }

    @Test
    void exactZeroAndFullHaveTheirOwnBinsAndTenEqualPartsSplitTheRest() {
        assertThat(QuestionAnalysis.bin(0)).isZero();
        assertThat(QuestionAnalysis.bin(1)).isEqualTo(11);
        assertThat(QuestionAnalysis.bin(0.05)).isEqualTo(1);
        assertThat(QuestionAnalysis.bin(0.1)).as("a part includes its lower end").isEqualTo(2);
        assertThat(QuestionAnalysis.bin(0.3)).as("0.3 is 0.29999… in binary, still the fourth part").isEqualTo(4);
        assertThat(QuestionAnalysis.bin(0.95)).isEqualTo(10);
        assertThat(QuestionAnalysis.bin(0.9999)).as("just short of full").isEqualTo(10);

        QuestionAnalytics a = analyse(List.of(alike("0", 0, "[]", 3, 1), alike("4", 1, "[]", 5, 2),
                alike("1", 0.25, "[]", 2, 3), alike("3.9", 0.975, "[]", 1, 4)), 10);

        assertThat(a.scores().zero()).isEqualTo(3);
        assertThat(a.scores().full()).isEqualTo(5);
        assertThat(a.scores().bins()).hasSize(10);
        assertThat(a.scores().bins().get(0)).isEqualTo(new QuestionAnalytics.Bin(0, 0.4, 0));
        assertThat(a.scores().bins().get(2)).as("1 point of 4 lies in [0.8, 1.2)").isEqualTo(new QuestionAnalytics.Bin(0.8, 1.2, 2));
        assertThat(a.scores().bins().get(9)).isEqualTo(new QuestionAnalytics.Bin(3.6, 4, 1));
        assertThat(a.submissions()).isEqualTo(11);
        assertThat(a.students()).isEqualTo(7);
    }

    @Test
    void identicalEchoesMakeOneGroupLargestFirstWithTheMeanPointsAndWhetherTheyAgree() {
        // "x+1" graded 1 under the first configuration and 0.5 after a change (or a review): one answer, two grades.
        QuestionAnalytics a = analyse(List.of(
                alike("x+1", 1, "[\"EXACT\"]", 3, 10),
                alike("x+1", 0.5, "[\"EXACT\",\"LATE\"]", 1, 4),
                alike("x-1", 0, "[\"SIGN\"]", 6, 2),
                alike("2x", 0, "[\"SIGN\"]", 1, 1)), 10);

        assertThat(a.answerGroups()).extracting(g -> g.echo().text()).containsExactly("x-1", "x+1", "2x");
        QuestionAnalytics.AnswerGroup plus = a.answerGroups().get(1);
        assertThat(plus.count()).isEqualTo(4);
        assertThat(plus.score()).as("(3 × 4 + 1 × 2) / 4 points").isEqualTo(3.5);
        assertThat(plus.uniform()).isFalse();
        assertThat(plus.notes()).containsExactly(Map.entry("EXACT", 4L), Map.entry("LATE", 1L));
        assertThat(plus.example()).as("the group's first answer").isEqualTo("answer #4");
        assertThat(plus.byAnswerText()).isFalse();
        assertThat(a.answerGroups().get(0).uniform()).isTrue();
        assertThat(a.notes()).containsExactly(Map.entry("SIGN", 7L), Map.entry("EXACT", 4L), Map.entry("LATE", 1L));
    }

    @Test
    void answersThePluginEchoedNothingForGroupByTheirText() {
        QuestionAnalytics a = analyse(List.of(unechoed("x+", 2, 5), unechoed("(x", 3, 6), alike("x", 1, "[]", 1, 7)), 10);

        assertThat(a.answerGroups()).hasSize(3);
        assertThat(a.answerGroups().get(0).byAnswerText()).isTrue();
        assertThat(a.answerGroups().get(0).count()).isEqualTo(3);
        assertThat(a.answerGroups().get(0).echo()).isEqualTo(Echo.NONE);
        assertThat(a.answerGroups().get(1).count()).isEqualTo(2);
        assertThat(a.answerGroups().get(2).byAnswerText()).isFalse();
    }

    @Test
    void equalGroupsComeInTheOrderTheyWereFirstAnsweredAndOnlyTheLargestAreGiven() {
        List<GradesAlike> rows = List.of(alike("c", 0, "[]", 2, 30), alike("a", 0, "[]", 2, 10), alike("b", 0, "[]", 2, 20),
                alike("big", 1, "[]", 9, 40));

        QuestionAnalytics a = analyse(rows, 2);

        assertThat(a.answerGroups()).extracting(g -> g.echo().text()).containsExactly("big", "a");
        assertThat(a.answerGroupsTotal()).isEqualTo(4);
        assertThat(QuestionAnalysis.exampleSubmissions(rows, 2)).containsExactly(40L, 10L);
        assertThat(a.scores().zero()).as("the histogram counts every group, shown or not").isEqualTo(6);
    }

    @Test
    void aStoredGradeThatCannotBeReadCountsZeroAndSaysSo() {
        QuestionAnalytics a = analyse(List.of(alike("x", Double.NaN, "not json", 2, 1)), 10);

        assertThat(a.scores().zero()).isEqualTo(2);
        assertThat(a.answerGroups().get(0).score()).isZero();
        assertThat(a.notes()).containsExactly(Map.entry(StoredGrades.UNREADABLE, 2L));
    }

    @Test
    void noSubmissionsGiveAnEmptyHistogramAndNoGroups() {
        QuestionAnalytics a = analyse(List.of(), 10);

        assertThat(a.submissions()).isZero();
        assertThat(a.scores().bins()).hasSize(10).allMatch(b -> b.count() == 0);
        assertThat(a.answerGroups()).isEmpty();
        assertThat(a.notes()).isEmpty();
    }
}
