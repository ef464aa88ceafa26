package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {
    @Test
    void whatAStudentTypedIsEscapedEverywhereItIsShownBack() {
        String typed = "<script>alert(1)</script> $x$ \"><img src=x onerror=alert(2)>";
        Grade g = Grade.builder(Grade.Status.GRADED).score(0.5).echo(new Echo("", "</span><script>x</script>"))
                .feedback(FeedbackBlock.diagnosis("You wrote <b>bold</b> and [a](javascript:alert(3))")).build();
        String html = Pages.grade(1, typed, List.of("<evil>.npy"), OffsetDateTime.parse("2026-11-28T12:00:00Z"), g, 2);
        assertThat(html).doesNotContain("<script>").doesNotContain("<img src=x").doesNotContain("<b>bold")
                .doesNotContain("javascript:").doesNotContain("<evil>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("1 / 2 points");
    }

    @Test
    void mathsSurvivesMarkdownAndIsLeftForKatex() {
        String html = Markdown.html("The gradient is $-2W_2^\\top(X - W_2W_1X)X^\\top$ and *this* is emphasis:\n\n$$a_1 b_2$$");
        assertThat(html).contains("<span class=\"math\">-2W_2^\\top(X - W_2W_1X)X^\\top</span>")
                .contains("<em>this</em>").contains("<span class=\"math\" data-display=\"true\">a_1 b_2</span>");
        assertThat(Markdown.html("costs $5 and $6")).doesNotContain("class=\"math\"");
        assertThat(Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |")).contains("<table>");
    }

    @Test
    void svgFiguresShowAsImagesAndOtherTypesAsBefore() {
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Grade g = Grade.builder(Grade.Status.GRADED).score(1).feedback(
                new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "", "W", new dev.assay.api.Figure("image/svg+xml", svg, "the \"weights\"")))
                .feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "", "P", new dev.assay.api.Figure("image/png", new byte[]{1, 2}, "png")))
                .feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "", "H", new dev.assay.api.Figure("text/html", new byte[]{60}, "html")))
                .build();
        String html = Pages.grade(1, "a", List.of(), OffsetDateTime.parse("2026-11-28T12:00:00Z"), g, 1);
        assertThat(html).contains("<img src=\"data:image/svg+xml;base64," + java.util.Base64.getEncoder().encodeToString(svg)
                + "\" alt=\"the &quot;weights&quot;\">").contains("<img src=\"data:image/png;base64,AQI=\" alt=\"png\">")
                .doesNotContain("text/html");
    }
}
