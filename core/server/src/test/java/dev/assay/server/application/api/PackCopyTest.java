package dev.assay.server.application.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionDef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A pack copied under a new id (the demo course's hw7): everything moves into the new pack, nothing else changes. */
class PackCopyTest {
    @Test
    void theCopyOfHw7NamesItsOwnQuestionsEverywhereAndKeepsTheirContent() throws Exception {
        CoursePack hw7 = PackReader.read(Path.of("../../deploy/packs/hw7"));
        CoursePack copy = Packs.renamed(hw7, "demo-hw7", "Homework 7 (demo)");

        assertThat(copy.id()).isEqualTo("demo-hw7");
        assertThat(copy.manifest().title()).isEqualTo("Homework 7 (demo)");
        assertThat(copy.questions()).hasSameSizeAs(hw7.questions());
        assertThat(copy.questions()).allSatisfy(q -> assertThat(q.id()).startsWith("demo-hw7/"));
        assertThat(copy.manifest().assignments()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("hw7");
            assertThat(a.questions()).hasSize(14).allSatisfy(q -> assertThat(q).startsWith("demo-hw7/"))
                    .contains("demo-hw7/8a-i-layers");
        });
        QuestionDef original = hw7.question("hw7/8a-i-layers").orElseThrow();
        QuestionDef copied = copy.question("demo-hw7/8a-i-layers").orElseThrow();
        assertThat(copied.localName()).isEqualTo(original.localName());
        assertThat(copied.config()).isEqualTo(original.config());
        assertThat(copied.tests()).isEqualTo(original.tests());
        assertThat(copied.prompt()).isEqualTo(original.prompt());
        assertThat(copied.points()).isEqualTo(original.points());
        assertThat(copy.files().keySet()).isEqualTo(hw7.files().keySet());
        // The source is untouched.
        assertThat(hw7.id()).isEqualTo("hw7");
        assertThat(hw7.questions()).allSatisfy(q -> assertThat(q.id()).startsWith("hw7/"));
    }
}
