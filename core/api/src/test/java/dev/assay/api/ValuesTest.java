package dev.assay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void aScoreIsAFractionOfThePoints() {
        assertThatThrownBy(() -> Grade.builder(Grade.Status.GRADED).score(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Grade.builder(Grade.Status.GRADED).score(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grade.builder(Grade.Status.GRADED).score(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Grade.builder(Grade.Status.GRADED).score(0.5).build().score()).isEqualTo(0.5);
    }

    @Test
    void notesAreKeptOnceInOrderAndTheGradeCannotBeChangedAfterwards() {
        List<String> notes = new ArrayList<>(List.of("A"));
        Grade g = new Grade(Grade.Status.GRADED, 1, notes, List.of(), null);
        notes.add("B");
        assertThat(g.notes()).containsExactly("A");
        assertThat(g.echo()).isEqualTo(Echo.NONE);
        Grade built = Grade.builder(Grade.Status.GRADED).note("X").note("Y").note("X").build();
        assertThat(built.notes()).containsExactly("X", "Y");
        assertThatThrownBy(() -> built.notes().add("Z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filesAreCopiedInAndOut() {
        byte[] content = {1, 2, 3};
        Attachment a = new Attachment("W1", "application/x-npy", content);
        content[0] = 9;
        assertThat(a.content()[0]).isEqualTo((byte) 1);
        a.content()[1] = 9;
        assertThat(a.content()[1]).isEqualTo((byte) 2);
        assertThat(a).isEqualTo(new Attachment("W1", "application/x-npy", new byte[]{1, 2, 3}));
        assertThatThrownBy(() -> new Attachment(" ", "text/plain", new byte[0])).hasMessageContaining("name");
    }

    @Test
    void anAnswerFindsItsFilesByName() {
        Answer answer = new Answer("yes", List.of(new Attachment("W1", "text/csv", new byte[4]),
                new Attachment("W2", "text/csv", new byte[6])));
        assertThat(answer.attachment("W2")).hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(6));
        assertThat(answer.attachment("W3")).isEmpty();
        assertThat(answer.attachmentBytes()).isEqualTo(10);
    }

    @Test
    void anAnswerFileNamesTheMediaTypesOfItsOwnExtensions() {
        AnswerFile weights = new AnswerFile("W1", ".csv,.npy", "the encoder", java.util.Map.of(".NPY", "application/x-npy"));
        assertThat(weights.mediaTypeOf("W1.npy")).hasValue("application/x-npy");
        assertThat(weights.mediaTypeOf("w1.Npy")).hasValue("application/x-npy");
        assertThat(weights.mediaTypeOf("W1.csv")).isEmpty();
        assertThat(weights.mediaTypeOf("W1")).isEmpty();
        assertThat(new AnswerFile("setup", ".json", "").mediaTypes()).isEmpty();
        assertThatThrownBy(() -> new AnswerFile("W1", ".npy", "", java.util.Map.of("npy", "application/x-npy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\".npy\"");
    }

    record Nothing() {
    }

    static class Plain implements GraderPlugin<Nothing> {
        public String id() {
            return "plain";
        }

        public Class<Nothing> configType() {
            return Nothing.class;
        }

        public Validation validate(GradingRequest<Nothing> request) {
            return Validation.valid(Echo.NONE);
        }

        public Grade grade(GradingRequest<Nothing> request) {
            return Grade.builder(Grade.Status.GRADED).score(1).build();
        }
    }

    /** A plugin that can build questions from references, as essay-rubric does. */
    static final class WithReferences extends Plain implements ReferenceGrading<Nothing> {
        public Nothing referenceConfig(String questionText, List<String> references, int scale) {
            return new Nothing();
        }
    }

    @Test
    void aPluginOffersACapabilityByImplementingIt() {
        assertThat(new Plain().capability(ReferenceGrading.class)).isEmpty();
        assertThat(new Plain().capability(Calibration.class)).isEmpty();
        WithReferences offering = new WithReferences();
        assertThat(offering.capability(ReferenceGrading.class)).containsSame(offering);
        assertThat(offering.capability(Calibration.class)).isEmpty();
    }

    @Test
    void limitsMustBePositive() {
        assertThat(Limits.DEFAULT.timeLimit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Limits.DEFAULT.maxTextBytes()).isEqualTo(64 * 1024);
        assertThat(Limits.DEFAULT.maxAttachmentBytes()).isEqualTo(16L * 1024 * 1024);
        assertThatThrownBy(() -> Limits.DEFAULT.withTimeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
