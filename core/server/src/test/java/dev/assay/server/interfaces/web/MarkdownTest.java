package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Stored text always renders: whatever a student, an instructor or a plugin wrote, Markdown gives HTML and never throws. */
class MarkdownTest {
    /** The renderer's old placeholder word, with an index no formula has and one too large for an int. */
    static final List<String> OLD_PLACEHOLDERS = List.of("ASSAYMATH0X", "ASSAYMATH7X", "ASSAYMATH99999999999999999999X");

    @Test
    void textThatLooksLikeAPlaceholderIsShownAsTyped() {
        for (String typed : OLD_PLACEHOLDERS) {
            assertThat(Markdown.html("I wrote " + typed + " and $x^2$")).contains(typed)
                    .contains("<span class=\"math\">x^2</span>");
        }
        assertThat(Markdown.html("ASSAYMATH0X alone")).contains("ASSAYMATH0X").doesNotContain("class=\"math\"");
    }

    @Test
    void aMarkIsNeverPartOfTheText() {
        String text = "abcdefghijklmnopqrstuvwxyz".repeat(50);
        for (int i = 0; i < 100; i++) {
            assertThat(text).doesNotContain(Markdown.absentMark(text));
        }
    }

    @Property(tries = 3000)
    void anyStringRendersWithoutThrowing(@ForAll String text) {
        assertThat(Markdown.html(text)).isNotNull();
    }

    @Property(tries = 3000)
    void markdownAndMathsShapedTextRendersAndEachFormulaIsKeptOnce(@ForAll("markdownish") String text) {
        String html = Markdown.html(text);
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        String withFormula = text + "\n\n$q_1$";
        assertThat(Markdown.html(withFormula)).contains("<span class=\"math\">q_1</span>");
    }

    @Provide
    Arbitrary<String> markdownish() {
        Arbitrary<String> pieces = Arbitraries.of("$", "$$", "\\(", "\\)", "\\[", "\\]", "x", "_", "*", "`", "|", "-", "\n",
                "ASSAYMATH", "ASSAYMATH0X", "X", "0", "99999999999999", "<script>", "<img src=x>", "[a](javascript:b)", " ", "#",
                "> ", "1. ", "&amp;", "&", "\u0000", "\uE000", "\uD83D\uDE00");
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }
}
