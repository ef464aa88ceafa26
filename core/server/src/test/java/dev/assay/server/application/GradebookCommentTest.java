package dev.assay.server.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The AGS comment: the review comments in force, each named by its question when the assignment has several. */
class GradebookCommentTest {
    @Test
    void noCommentIsNull() {
        assertThat(Gradebook.comment(List.of(), 14)).isNull();
    }

    @Test
    void oneQuestionAssignmentsSendTheCommentAsItIs() {
        assertThat(Gradebook.comment(List.of(new Gradebook.ReviewComment("Q1", "  Well argued.\n")), 1)).isEqualTo("Well argued.");
    }

    @Test
    void severalQuestionsArePrefixedByTheirTitlesInTheAssignmentsOrder() {
        assertThat(Gradebook.comment(List.of(new Gradebook.ReviewComment("4.b Reflection", "Say why."),
                new Gradebook.ReviewComment("8.b Weights", "Check W2.")), 14))
                .isEqualTo("4.b Reflection: Say why.\n\n8.b Weights: Check W2.");
    }
}
