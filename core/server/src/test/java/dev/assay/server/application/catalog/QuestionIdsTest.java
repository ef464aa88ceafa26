package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.server.application.AssayException;
import org.junit.jupiter.api.Test;

class QuestionIdsTest {
    @Test
    void thePackIsWhatComesBeforeTheFirstSlash() {
        assertThat(QuestionIds.packOf("hw7/4a-baseline")).isEqualTo("hw7");
        assertThat(QuestionIds.packOf("hw7/sub/part")).isEqualTo("hw7");
    }

    @Test
    void anIdWithoutAPackIsNotFoundWithAMessageThatSaysTheForm() {
        for (String bad : new String[]{"4a", "/4a", "", null}) {
            assertThatThrownBy(() -> QuestionIds.packOf(bad)).isInstanceOf(AssayException.class)
                    .hasMessageContaining("pack/question")
                    .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(AssayException.Kind.NOT_FOUND));
        }
    }
}
