package dev.assay.server.application.regrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.server.domain.repository.SubmissionRepository.PluginGrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which answers a regrade grades again. */
class RegradeSelectionTest {
    static final Map<String, Long> CURRENT = Map.of("p/a", 12L, "p/b", 20L);

    @Test
    void answersGradedWithAnOlderConfigurationOrInErrorAreRegradedInOrder() {
        List<PluginGrade> latest = List.of(new PluginGrade(1, "p/a", 11, Grade.Status.GRADED),
                new PluginGrade(2, "p/a", 12, Grade.Status.GRADED),
                new PluginGrade(3, "p/b", 20, Grade.Status.ERROR),
                new PluginGrade(4, "p/b", 20, Grade.Status.NEEDS_REVIEW),
                new PluginGrade(5, "p/b", 19, Grade.Status.INVALID_ANSWER));
        assertThat(RegradeSelection.select(latest, CURRENT, 100)).containsExactly(1L, 3L, 5L);
    }

    @Test
    void anAnswerGradedWithTheCurrentConfigurationIsLeftAloneWhateverItsGrade() {
        assertThat(RegradeSelection.select(List.of(new PluginGrade(1, "p/a", 12, Grade.Status.GRADED),
                new PluginGrade(2, "p/a", 12, Grade.Status.NEEDS_REVIEW)), CURRENT, 100)).isEmpty();
    }

    @Test
    void aStatusThisVersionDoesNotKnowIsRegradedOnlyWhenTheConfigurationChanged() {
        assertThat(RegradeSelection.select(List.of(new PluginGrade(1, "p/a", 12, null), new PluginGrade(2, "p/a", 11, null)),
                CURRENT, 100)).containsExactly(2L);
    }

    @Test
    void atMostTheLimitAndNoneOfAQuestionTheRegradeDoesNotCover() {
        List<PluginGrade> latest = List.of(new PluginGrade(1, "p/x", 1, Grade.Status.ERROR),
                new PluginGrade(2, "p/a", 1, Grade.Status.GRADED), new PluginGrade(3, "p/a", 1, Grade.Status.GRADED),
                new PluginGrade(4, "p/a", 1, Grade.Status.GRADED));
        assertThat(RegradeSelection.select(latest, CURRENT, 2)).containsExactly(2L, 3L);
    }
}
