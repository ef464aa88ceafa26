package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.server.application.api.RegradeStatus;
import dev.assay.server.interfaces.web.Markdown;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {
    @Test
    void anAnswerOrCommentWithAHugePlaceholderStillRendersTheAttempt() {
        String poison = "ASSAYMATH99999999999999999999X $a$";
        Grade g = Grade.builder(Grade.Status.GRADED).score(1)
                .feedback(new FeedbackBlock(FeedbackBlock.Kind.INFO, "From your instructor " + poison, poison, null)).build();
        String html = Pages.grade(3, poison, List.of(), OffsetDateTime.parse("2026-11-28T12:00:00Z"), g, 2);
        assertThat(html).contains("2 / 2 points").contains("ASSAYMATH99999999999999999999X");
    }

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

    @Test
    void aReviewedAnswerTheRegradeGradedDifferentlyShowsBothGradesInPointsTheNotesAndAFormFilledInWithThePlugins() {
        Pages.Regraded r = new Pages.Regraded(7, "Q <1>", "Ann <b>&</b> \"Bo\"", 3, 2.0 / 3, "Say </textarea><script>x</script>",
                1.0 / 3, List.of("WRONG_<SIGN>", "NEEDS_REVIEW"), "<article class=\"attempt\">the plugin's</article>");
        String html = Pages.regradedItem(r);
        assertThat(html).contains("<h4>Q &lt;1&gt;: Ann &lt;b&gt;&amp;&lt;/b&gt; &quot;Bo&quot;</h4>")
                .contains("Your grade: <strong class=\"yours\">2 / 3 points</strong>")
                .contains("The plugin's new grade: <strong class=\"plugin\">1 / 3 points</strong>")
                .contains("<code>WRONG_&lt;SIGN&gt;</code>, <code>NEEDS_REVIEW</code>")
                .contains("<article class=\"attempt\">the plugin's</article>");
        assertThat(html).as("the plugin's points filled in, as a number the form sends back").contains("name=\"points\"")
                .contains("value=\"1\">");
        assertThat(html).as("the earlier comment kept, escaped inside the textarea")
                .contains(">Say &lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>").doesNotContain("<script>");
        assertThat(html).contains("<button type=\"button\" class=\"keep\" data-points=\"2\">Keep my grade (2 points)</button>");
    }

    @Test
    void pointsInAFormAreTheGradeToTwelveDigitsSoSavingThemGivesTheSameGrade() {
        assertThat(Pages.plain(2.0 / 3 * 3)).isEqualTo("2");
        assertThat(Pages.plain(0.1666666666666667 * 3)).isEqualTo("0.5");
        assertThat(Pages.plain(1.0 / 3)).isEqualTo("0.333333333333");
        assertThat(Math.abs(Double.parseDouble(Pages.plain(1.0 / 3 * 7)) / 7 - 1.0 / 3)).isLessThan(1e-9);
        assertThat(Pages.plain(0)).isEqualTo("0");
        assertThat(Pages.plain(2.5)).isEqualTo("2.5");
    }

    @Test
    void thePanelListsAnswersRegradedSinceAReviewUnderTheHeadingTheRegradeReportNames() {
        String page = Pages.student("", "tok", "HW", "Prof",
                new Pages.Panel(List.of(), List.of("<div class=\"review regraded\">x</div>"), List.of(), "", null), List.of(), null);
        assertThat(page).contains("Waiting for your review (<span class=\"count\">0</span>)")
                .contains("<div class=\"queue\" id=\"regraded-since-review\"><h3>Regraded since your review (<span class=\"count\">1"
                        + "</span>)</h3>")
                .contains("<div class=\"review regraded\">x</div>");
        assertThat(Pages.student("", "tok", "HW", "Ann", null, List.of(), null))
                .as("students see no panel").doesNotContain("Regraded since your review");
    }

    @Test
    void thePanelLinksTheWorkspaceWithItsTokenInTheFragmentAndStudentsSeeNoLink() {
        String url = "/assay/workspace/assignment.html?id=3#token=a.b\"c";
        String page = Pages.student("", "tok", "HW", "Prof", new Pages.Panel(List.of(), List.of(), List.of(), "", url),
                List.of(), null);
        assertThat(page).contains("<a class=\"workspace\" href=\"/assay/workspace/assignment.html?id=3#token=a.b&quot;c\">"
                + "Open the workspace</a>").contains("target=\"_blank\" rel=\"noopener\"");
        assertThat(Pages.student("", "tok", "HW", "Ann", null, List.of(), null)).doesNotContain("workspace");
    }

    @Test
    void theRegradeReportSaysHowManyKeptTheInstructorsGradeAndHowManyNowDiffer() {
        assertThat(Pages.regradeReport(RegradeStatus.State.COMPLETED, null, 0, 0, 0)).isEqualTo("0 answers graded again.");
        assertThat(Pages.regradeReport(RegradeStatus.State.COMPLETED, null, 5, 2, 1)).isEqualTo("5 answers graded again. 2 of them kept your grade "
                + "(you had reviewed them); 1 of them now differs from the plugin's new grade: see \u201cRegraded since your review\u201d below.");
        assertThat(Pages.regradeReport(RegradeStatus.State.COMPLETED, null, 1, 1, 1)).isEqualTo("1 answer graded again. 1 of them kept your grade "
                + "(you had reviewed it); it now differs from the plugin's new grade: see \u201cRegraded since your review\u201d below.");
        assertThat(Pages.regradeReport(RegradeStatus.State.COMPLETED, null, 4, 3, 0)).isEqualTo("4 answers graded again. 3 of them kept your grade "
                + "(you had reviewed them); the plugin's new grades are the same.");
        assertThat(Pages.regradeReport(RegradeStatus.State.FAILED, "step regrade ended FAILED", 3, 2, 2)).isEqualTo("The regrade ended FAILED: step "
                + "regrade ended FAILED. 3 answers were graded again before it stopped. 2 of them kept your grade (you had reviewed "
                + "them); all of them now differ from the plugin's new grade: see \u201cRegraded since your review\u201d below.");
    }
}
