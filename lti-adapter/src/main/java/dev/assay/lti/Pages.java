package dev.assay.lti;

import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.HandoutInfo;
import dev.assay.server.application.api.RegradeStatus;
import dev.assay.server.application.api.RosterStanding;
import dev.assay.server.interfaces.web.Markdown;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The HTML Assay shows inside the LMS: the student page, the instructor's chooser, and the error pages.
 * Built on the server; everything from a student, an instructor or a plugin is escaped or rendered through
 * {@link Markdown} (which escapes raw HTML). KaTeX and the page script are served by Assay itself.
 */
public final class Pages {
    private Pages() {
    }

    /** A question as the page shows it. */
    public record QuestionView(String id, String title, String promptMarkdown, double points, List<HandoutInfo> handouts,
                               List<dev.assay.api.AnswerFile> answerFiles, List<String> attemptsHtml) {
    }

    /**
     * The page's head. {@code base} is the application's context path ("" when deployed at the root), which every
     * link the page makes starts with.
     */
    private static String head(String base, String title, String session) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Markdown.escape(title) + " · Assay</title>"
                + "<meta name=\"assay-base\" content=\"" + Markdown.escape(base) + "\">"
                + "<link rel=\"stylesheet\" href=\"" + base + "/lti-static/katex/katex.min.css\">"
                + "<link rel=\"stylesheet\" href=\"" + base + "/lti-static/assay.css\">"
                + (session == null ? "" : "<meta name=\"assay-session\" content=\"" + Markdown.escape(session) + "\">")
                + "<script defer src=\"" + base + "/lti-static/katex/katex.min.js\"></script>"
                + "<script defer src=\"" + base + "/lti-static/assay.js\"></script>"
                + "</head><body><main id=\"main\">";
    }

    private static final String FOOT = "</main></body></html>";

    public static String error(String base, String title, String message, String code) {
        return head(base, title, null) + "<h1>" + Markdown.escape(title) + "</h1><p class=\"error\" role=\"alert\">"
                + Markdown.escape(message) + "</p><p class=\"hint\">If this keeps happening, tell your instructor or the "
                + "Assay administrator, quoting <code>" + Markdown.escape(code) + "</code>.</p>" + FOOT;
    }

    /**
     * The demo course's start (/demo): what it is, and the assignment opened as a student or as an instructor, on the
     * pages an LMS launch opens.
     */
    public static String demoHome(String base) {
        return head(base, "Try Assay", null) + "<h1>Try Assay: a demo course</h1><p>This is HW7 (Homework 7) as Assay shows it "
                + "inside an LMS such as Moodle, here without one: open it as a student to answer its questions and read the "
                + "feedback, or as an instructor to see the demo students' answers, the review queue and the standings. It is a "
                + "copy of its own, so your answers are graded and kept here, and no real course or gradebook is touched.</p>"
                + "<ul class=\"demo\"><li><a href=\"" + base + "/demo/student\">Open HW7 as a student</a></li>"
                + "<li><a href=\"" + base + "/demo/instructor\">Open HW7 as an instructor</a></li></ul>"
                + "<p class=\"hint\">This browser stays the same demo student (a cookie for /demo only), so a reload keeps your "
                + "work.</p>" + FOOT;
    }

    public static String notSetUp(String base, String linkTitle) {
        return head(base, "Not set up yet", null) + "<h1>" + Markdown.escape(linkTitle == null ? "This activity" : linkTitle)
                + "</h1><p role=\"status\">Your instructor has not chosen the assignment for this activity yet. Please come back "
                + "later, or let them know.</p>" + FOOT;
    }

    /** The instructor's choice of an assignment for an unbound link. */
    public static String chooser(String base, String session, String linkTitle, List<String[]> assignments) {
        return head(base, "Choose an assignment", session) + "<h1>Set up " + Markdown.escape(linkTitle == null ? "this activity" : linkTitle)
                + "</h1><p>Choose the course-pack assignment this activity opens. Students see it from their next launch.</p>"
                + assignmentForm("bind", assignments, "Use this assignment") + FOOT;
    }

    /** An instructor adding an activity from the LMS (deep linking): which assignment it opens. */
    public static String deepLinkChooser(String base, String session, List<String[]> assignments) {
        return head(base, "Add an Assay activity", session) + "<h1>Add an Assay activity</h1><p>Choose the assignment the new "
                + "activity opens; your LMS then shows it for you to save.</p>"
                + assignmentForm("deeplink", assignments, "Add this assignment") + FOOT;
    }

    /** A form choosing one of the server's assignments ({id, title} pairs), by radio buttons. */
    private static String assignmentForm(String id, List<String[]> assignments, String action) {
        StringBuilder b = new StringBuilder("<form id=\"").append(id).append("\" class=\"bind\"><fieldset>")
                .append("<legend>Assignments on this server</legend>");
        int i = 0;
        for (String[] a : assignments) {
            String input = id + "-" + i++;
            b.append("<div><input type=\"radio\" name=\"assignment\" required id=\"").append(input).append("\" value=\"")
                    .append(Markdown.escape(a[0])).append("\"><label for=\"").append(input).append("\">")
                    .append(Markdown.escape(a[1])).append(" <code>").append(Markdown.escape(a[0])).append("</code></label></div>");
        }
        if (assignments.isEmpty()) {
            b.append("<p class=\"error\">This server has no assignments: an administrator needs to load a course pack.</p>");
        }
        return b.append("</fieldset><button type=\"submit\">").append(action)
                .append("</button><p class=\"status\" role=\"status\"></p></form>").toString();
    }

    /** A standing's delivery in the demo course, which has no gradebook. */
    static final String STAYS_IN_ASSAY = "STAYS_IN_ASSAY";

    /** One student's standing in an activity, for its instructor. */
    public record Standing(String student, double score, double maximum, boolean complete, boolean awaitingReview, String delivery) {
    }

    /**
     * What an activity's instructor sees above the questions: the answers waiting for review, the reviewed answers the
     * plugin now grades differently ({@code regradedItems}), the students' standing, who has not started
     * ({@link #roster}'s HTML, or empty) and the link into the workspace for the activity's assignment (or null).
     */
    public record Panel(List<String> reviewItems, List<String> regradedItems, List<Standing> standing, String rosterHtml,
                        String workspaceUrl) {
    }

    /**
     * The page of an activity: for its instructor ({@code panel} not null), the panel on top with the regrade button,
     * the answers waiting for review, the reviewed answers the plugin now grades differently, the students' standing,
     * who has not started and the way into the workspace; a notice under the heading (plain text: the demo course says
     * where its scores go), or none.
     */
    public static String student(String base, String session, String assignmentTitle, String userName, Panel panel,
                                 List<QuestionView> questions, String notice) {
        boolean teaches = panel != null;
        List<String> reviewItems = teaches ? panel.reviewItems() : List.of();
        List<String> regradedItems = teaches ? panel.regradedItems() : List.of();
        List<Standing> standing = teaches ? panel.standing() : List.of();
        StringBuilder b = new StringBuilder(head(base, assignmentTitle, session));
        b.append("<header><h1>").append(Markdown.escape(assignmentTitle)).append("</h1><p class=\"who\">")
                .append(Markdown.escape(userName)).append(teaches ? " (instructor: your answers are graded like a student's)" : "")
                .append("</p>").append(notice == null ? "" : "<p class=\"notice\" role=\"note\">" + Markdown.escape(notice) + "</p>")
                .append("</header>");
        if (teaches) {
            b.append("<section class=\"instructor\" aria-labelledby=\"for-instructors\"><h2 id=\"for-instructors\">For instructors</h2>");
            if (panel.workspaceUrl() != null) {
                b.append("<p><a class=\"workspace\" href=\"").append(Markdown.escape(panel.workspaceUrl()))
                        .append("\">Open the workspace</a>: edit this assignment's questions and preview answers, run their "
                                + "tests, see the impact of a change before regrading, and what students answered "
                                + "(<a href=\"").append(Markdown.escape(panel.workspaceUrl()))
                        .append("\" target=\"_blank\" rel=\"noopener\">in a new tab</a>).</p>");
            }
            b.append("<p><button type=\"button\" id=\"regrade\">Regrade this activity's answers</button> ")
                    .append("<span class=\"status\" role=\"status\"></span></p><p class=\"hint\">After a question's configuration "
                            + "changes: every answer given here is graded again; grades are added, never replaced, and scores go "
                            + "to the gradebook. An answer you reviewed keeps your grade.</p>")
                    .append("<div class=\"queue\" id=\"review-queue\"><h3>Waiting for your review (<span class=\"count\">")
                    .append(reviewItems.size()).append("</span>)</h3>");
            if (reviewItems.isEmpty()) {
                b.append("<p class=\"hint\">No answer needs you now.</p>");
            }
            for (String item : reviewItems) {
                b.append(item);
            }
            b.append("</div><div class=\"queue\" id=\"").append(REGRADED_LIST).append("\">").append(regradedList(regradedItems))
                    .append("</div>");
            b.append("<h3>Students so far (").append(standing.size()).append(")</h3>");
            if (standing.isEmpty()) {
                b.append("<p class=\"hint\">Nobody has answered through this activity yet.</p>");
            } else {
                b.append("<div class=\"md\"><table><thead><tr><th scope=\"col\">student</th><th scope=\"col\">score</th>")
                        .append("<th scope=\"col\">progress</th><th scope=\"col\">in the gradebook</th></tr></thead><tbody>");
                for (Standing st : standing) {
                    b.append("<tr><td>").append(Markdown.escape(st.student())).append("</td><td>").append(fmt(st.score()))
                            .append(" / ").append(fmt(st.maximum())).append("</td><td>")
                            .append(st.complete() ? "all questions answered" : "some questions answered")
                            .append(st.awaitingReview() ? ", waiting for review" : "").append("</td><td>")
                            .append(switch (st.delivery()) {
                                case "DELIVERED" -> "yes";
                                case "PENDING" -> "on its way";
                                case "FAILED" -> "failed: see the outbox";
                                case STAYS_IN_ASSAY -> "stays in Assay (demo)";
                                default -> Markdown.escape(st.delivery().toLowerCase(Locale.ROOT));
                            }).append("</td></tr>");
                }
                b.append("</tbody></table></div>");
            }
            b.append(panel.rosterHtml());
            b.append("</section>");
        }
        b.append("<nav aria-label=\"Questions\"><ol>");
        int n = 1;
        for (QuestionView q : questions) {
            b.append("<li><a href=\"#q-").append(n++).append("\">").append(Markdown.escape(q.title())).append("</a></li>");
        }
        b.append("</ol></nav>");
        n = 1;
        for (QuestionView q : questions) {
            String i = String.valueOf(n++);
            b.append("<section class=\"q\" id=\"q-").append(i).append("\" data-question=\"").append(Markdown.escape(q.id()))
                    .append("\"><h2>").append(i).append(". ").append(Markdown.escape(q.title())).append(" <span class=\"pts\">")
                    .append(points(q.points())).append("</span></h2><div class=\"prompt md\">").append(Markdown.cached(q.promptMarkdown()))
                    .append("</div>");
            if (!q.handouts().isEmpty()) {
                b.append("<ul class=\"handouts\">");
                for (HandoutInfo h : q.handouts()) {
                    b.append("<li><button type=\"button\" class=\"handout link\" data-name=\"").append(Markdown.escape(h.name()))
                            .append("\">Download ").append(Markdown.escape(h.name())).append("</button> ")
                            .append(Markdown.escape(h.description())).append("</li>");
                }
                b.append("</ul>");
            }
            b.append("<form class=\"answer\" novalidate><label for=\"a-").append(i).append("\">Your answer</label>")
                    .append("<textarea id=\"a-").append(i).append("\" name=\"text\" rows=\"4\" spellcheck=\"false\" ")
                    .append("aria-describedby=\"p-").append(i).append("\"></textarea>")
                    .append(files(i, q.answerFiles()))
                    .append("<div class=\"preview\" id=\"p-").append(i).append("\" aria-live=\"polite\"></div>")
                    .append("<button type=\"submit\">Submit answer</button> <span class=\"status\" role=\"status\"></span></form>")
                    .append("<div class=\"result\" aria-live=\"polite\"></div>");
            b.append("<details class=\"attempts\"").append(q.attemptsHtml().isEmpty() ? " hidden" : "")
                    .append("><summary>Earlier attempts (<span class=\"count\">").append(q.attemptsHtml().size())
                    .append("</span>)</summary><div class=\"list\">");
            for (String a : q.attemptsHtml()) {
                b.append(a);
            }
            b.append("</div></details></section>");
        }
        return b.append(FOOT).toString();
    }

    /** The file input, where the question takes files: what each should be called and hold. */
    private static String files(String i, List<dev.assay.api.AnswerFile> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<label for=\"f-").append(i).append("\" class=\"files\">Files</label><ul class=\"wanted\" id=\"fw-")
                .append(i).append("\">");
        java.util.Set<String> accept = new java.util.LinkedHashSet<>();
        for (dev.assay.api.AnswerFile f : files) {
            b.append("<li><code>").append(Markdown.escape(f.name())).append(Markdown.escape(f.accept().isEmpty() ? ""
                    : " (" + f.accept().replace(",", ", ") + ")"))
                    .append("</code> ").append(Markdown.escape(f.description())).append("</li>");
            accept.addAll(List.of(f.accept().split(",")));
        }
        accept.remove("");
        return b.append("</ul><input type=\"file\" id=\"f-").append(i).append("\" name=\"files\" multiple aria-describedby=\"fw-")
                .append(i).append("\"").append(accept.isEmpty() ? "" : " accept=\"" + Markdown.escape(String.join(",", accept)) + "\"")
                .append(">").toString();
    }

    private static String points(double p) {
        String s = p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
        return s + (p == 1 ? " point" : " points");
    }

    /** One answer in the instructor's review queue: whose, which question, the grade so far, and the form to decide. */
    public static String reviewItem(long submissionId, String questionTitle, String student, double points, String attemptHtml) {
        return "<div class=\"review\" data-submission=\"" + submissionId + "\"><h4>" + Markdown.escape(questionTitle) + ": "
                + Markdown.escape(student) + "</h4>" + attemptHtml + reviewForm("r", submissionId, points, null, "", null) + "</div>";
    }

    /** The id of the panel's list of reviewed answers that a regrade graded differently (the regrade's report points at it). */
    static final String REGRADED_LIST = "regraded-since-review";

    /** The heading of that list, as the regrade's report names it. */
    static final String REGRADED_HEADING = "Regraded since your review";

    /** The inside of that list: the heading with its count, and the items ({@link #regradedItem}). */
    public static String regradedList(List<String> items) {
        StringBuilder b = new StringBuilder("<h3>").append(REGRADED_HEADING).append(" (<span class=\"count\">").append(items.size())
                .append("</span>)</h3>");
        if (items.isEmpty()) {
            b.append("<p class=\"hint\">The plugin agrees with every grade you gave, or has not graded those answers again.</p>");
        } else {
            b.append("<p class=\"hint\">Answers you reviewed that a regrade graded differently. Your grade stands until you "
                    + "decide: keep it, or save the plugin's new grade (filled in), with your comment as it was.</p>");
        }
        for (String item : items) {
            b.append(item);
        }
        return b.toString();
    }

    /**
     * A reviewed answer that a regrade graded differently: whose, which question, the instructor's grade in force
     * and the plugin's new one (points), the plugin's answer notes and its new feedback, and the review form, filled
     * in with the plugin's points and the instructor's earlier comment (a review saved again replaces the comment the
     * student sees, so leaving it out would take it away), with a button that keeps the instructor's points.
     */
    public record Regraded(long submissionId, String questionTitle, String student, double points, double yourScore,
                           String yourComment, double pluginScore, List<String> pluginNotes, String pluginAttemptHtml) {
    }

    public static String regradedItem(Regraded r) {
        StringBuilder b = new StringBuilder("<div class=\"review regraded\" data-submission=\"").append(r.submissionId())
                .append("\"><h4>").append(Markdown.escape(r.questionTitle())).append(": ").append(Markdown.escape(r.student()))
                .append("</h4><p class=\"grades\">Your grade: <strong class=\"yours\">").append(fmt(r.yourScore() * r.points()))
                .append(" / ").append(points(r.points())).append("</strong>. The plugin's new grade: <strong class=\"plugin\">")
                .append(fmt(r.pluginScore() * r.points())).append(" / ").append(points(r.points())).append("</strong>");
        if (!r.pluginNotes().isEmpty()) {
            b.append(" (notes: ");
            for (int i = 0; i < r.pluginNotes().size(); i++) {
                b.append(i == 0 ? "" : ", ").append("<code>").append(Markdown.escape(r.pluginNotes().get(i))).append("</code>");
            }
            b.append(")");
        }
        return b.append(".</p><details><summary>The answer and the plugin's new feedback</summary>").append(r.pluginAttemptHtml())
                .append("</details>").append(reviewForm("g", r.submissionId(), r.points(), r.pluginScore() * r.points(),
                        r.yourComment(), r.yourScore() * r.points())).append("</div>").toString();
    }

    /**
     * The form that saves an instructor's grade, its inputs' ids starting with {@code idPrefix} (unique on the page);
     * {@code filledIn} points (or none), the comment as it stands, and {@code keep}: the points a "Keep my grade"
     * button saves (or none).
     */
    private static String reviewForm(String idPrefix, long submissionId, double points, Double filledIn, String comment, Double keep) {
        String id = String.valueOf(submissionId);
        return "<form class=\"review-form\" novalidate><label for=\"" + idPrefix + "p-" + id + "\">Points (0 to " + fmt(points)
                + ")</label><input type=\"number\" id=\"" + idPrefix + "p-" + id + "\" name=\"points\" min=\"0\" max=\"" + fmt(points)
                + "\" step=\"any\" required" + (filledIn == null ? "" : " value=\"" + plain(filledIn) + "\"") + "><label for=\""
                + idPrefix + "c-" + id + "\">Comment for the student (Markdown)</label><textarea id=\"" + idPrefix + "c-" + id
                + "\" name=\"comment\" rows=\"2\">" + Markdown.escape(comment) + "</textarea><button type=\"submit\">Save grade</button> "
                + (keep == null ? "" : "<button type=\"button\" class=\"keep\" data-points=\"" + plain(keep) + "\">Keep my grade ("
                + plain(keep) + (plain(keep).equals("1") ? " point" : " points") + ")</button> ") + "<span class=\"status\" role=\"status\"></span></form>";
    }

    /**
     * What the panel says when a regrade of the activity has ended: how many answers were graded again, how many of
     * them kept the instructor's grade, and how many of those the plugin now grades differently (pointing at the list).
     */
    public static String regradeReport(RegradeStatus.State status, String exitStatus, long regraded, long keptReview, long nowDiffer) {
        StringBuilder b = new StringBuilder();
        if (status == RegradeStatus.State.COMPLETED) {
            b.append(answers(regraded)).append(" graded again.");
        } else {
            b.append("The regrade ended ").append(status).append(exitStatus == null || exitStatus.isBlank() ? "" : ": " + exitStatus)
                    .append(". ").append(answers(regraded)).append(regraded == 1 ? " was" : " were").append(" graded again before it stopped.");
        }
        if (keptReview > 0) {
            b.append(' ').append(keptReview).append(keptReview == 1 ? " of them kept your grade (you had reviewed it); "
                    : " of them kept your grade (you had reviewed them); ");
            if (nowDiffer == 0) {
                b.append(keptReview == 1 ? "the plugin's new grade is the same." : "the plugin's new grades are the same.");
            } else {
                b.append(nowDiffer == keptReview ? (keptReview == 1 ? "it now differs" : "all of them now differ")
                        : nowDiffer + (nowDiffer == 1 ? " of them now differs" : " of them now differ"))
                        .append(" from the plugin's new grade: see “").append(REGRADED_HEADING).append("” below.");
            }
        }
        return b.toString();
    }

    private static String answers(long n) {
        return n + (n == 1 ? " answer" : " answers");
    }

    /** How the answer was understood: the preview under the answer box. */
    public static String preview(boolean valid, Echo echo, List<String> messages) {
        StringBuilder b = new StringBuilder();
        if (echo != null && (!echo.latex().isBlank() || !echo.text().isBlank())) {
            b.append("<p class=\"echo\">Read as: ").append(echo.latex().isBlank() ? "<span class=\"text\">"
                    + Markdown.escape(echo.text()) + "</span>" : Markdown.math(echo.latex(), false)).append("</p>");
        }
        for (String m : messages) {
            b.append("<p class=\"").append(valid ? "hint" : "error").append("\">").append(Markdown.html(m)).append("</p>");
        }
        return b.toString();
    }

    /** A graded attempt: score, status, how the answer was read, the feedback. */
    public static String grade(long submissionId, String answerText, List<String> fileNames, OffsetDateTime at, Grade g,
                               double points) {
        StringBuilder b = new StringBuilder("<article class=\"attempt\" data-submission=\"").append(submissionId).append("\">");
        b.append("<p class=\"score ").append(g.status().name().toLowerCase(Locale.ROOT)).append("\"><strong>");
        switch (g.status()) {
            case GRADED -> b.append(fmt(g.score() * points)).append(" / ").append(points(points)).append("</strong>");
            case NEEDS_REVIEW -> b.append(fmt(g.score() * points)).append(" / ").append(points(points))
                    .append("</strong> (provisional: an instructor will review this answer)");
            case INVALID_ANSWER -> b.append("Not graded</strong>: Assay could not read this answer; see below, fix it and "
                    + "submit again (it does not count against you)");
            case ERROR -> b.append("Not graded yet</strong>: something went wrong on our side, not in your answer. It is saved; "
                    + "your instructor can have it graded again, or you can submit it once more");
        }
        b.append("</p><p class=\"when\">").append(at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("</p><div class=\"yours\"><span>Your answer:</span> <pre>").append(Markdown.escape(answerText))
                .append("</pre>");
        if (!fileNames.isEmpty()) {
            b.append("<span>Files: ").append(Markdown.escape(String.join(", ", fileNames))).append("</span>");
        }
        b.append("</div>");
        Echo e = g.echo();
        if (e != null && !e.latex().isBlank()) {
            b.append("<p class=\"echo\">Read as: ").append(Markdown.math(e.latex(), true)).append("</p>");
        }
        for (FeedbackBlock f : g.feedback()) {
            b.append("<section class=\"fb ").append(f.kind().name().toLowerCase(Locale.ROOT)).append("\">");
            if (f.title() != null && !f.title().isBlank()) {
                b.append("<h3 class=\"md\">").append(Markdown.html(f.title()).replaceAll("^<p>|</p>\\s*$", "")).append("</h3>");
            }
            b.append("<div class=\"md\">").append(Markdown.html(f.markdown())).append("</div>");
            b.append(figure(f.figure()));
            b.append("</section>");
        }
        return b.append("</article>").toString();
    }

    /** Figures a browser shows as an image: PNG, and SVG (as an img, where an SVG runs no script); other types are not shown. */
    private static final java.util.Set<String> SHOWN_FIGURES = java.util.Set.of("image/png", "image/svg+xml");

    static String figure(dev.assay.api.Figure figure) {
        if (figure == null || !SHOWN_FIGURES.contains(figure.mediaType())) {
            return "";
        }
        return "<img src=\"data:" + figure.mediaType() + ";base64," + Base64.getEncoder().encodeToString(figure.data())
                + "\" alt=\"" + Markdown.escape(figure.altText()) + "\">";
    }

    /**
     * Points as a form's value: 12 significant digits, no grouping (a sixth of 3 points computes as 0.5000000000000001).
     * Saved back, they give the same grade as far as the review rule compares grades.
     */
    static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** How many students who have not started the panel names at most (the count is always whole). */
    static final int NOT_STARTED_SHOWN = 200;

    /**
     * Who on the class list has not started: "Not started: N of M students" and their names (e-mail when the LMS shares
     * it), or why there is no class list.
     */
    /**
     * Where the panel shows who has not started, before the page's script has asked for it: the class list comes from
     * the LMS, which may be slow or down, and the instructor's page must not wait for it.
     */
    static final String ROSTER_PENDING = "<div class=\"roster\" id=\"roster\" data-pending=\"true\"><h3>Not started</h3>"
            + "<p class=\"hint\" role=\"status\">Asking your LMS for the class list…</p></div>";

    public static String roster(RosterStanding r) {
        StringBuilder b = new StringBuilder("<div class=\"roster\" id=\"roster\">");
        if (!r.available()) {
            return b.append("<h3>Not started</h3><p class=\"hint\" role=\"status\">").append(Markdown.escape(r.reason()))
                    .append("</p></div>").toString();
        }
        int notStarted = r.notStarted().size();
        b.append("<h3>Not started: <span class=\"count\">").append(notStarted).append("</span> of ").append(r.students())
                .append(r.students() == 1 ? " student" : " students").append("</h3>");
        if (!r.complete() && r.reason() != null) {
            b.append("<p class=\"hint\">").append(Markdown.escape(r.reason())).append("</p>");
        }
        if (notStarted == 0) {
            b.append("<p class=\"hint\">").append(r.students() == 0 ? "Your LMS lists no students in this course."
                    : "Every student on the class list has answered.").append("</p>");
        } else {
            b.append("<ul class=\"not-started\">");
            for (RosterStanding.Student st : r.notStarted().subList(0, Math.min(notStarted, NOT_STARTED_SHOWN))) {
                b.append("<li>").append(Markdown.escape(st.name() == null ? "(no name shared: " + st.platformUserId() + ")" : st.name()));
                if (st.email() != null) {
                    b.append(" <span class=\"hint\">").append(Markdown.escape(st.email())).append("</span>");
                }
                b.append("</li>");
            }
            b.append("</ul>");
            if (notStarted > NOT_STARTED_SHOWN) {
                b.append("<p class=\"hint\">and ").append(notStarted - NOT_STARTED_SHOWN).append(" more.</p>");
            }
        }
        return b.append("</div>").toString();
    }

    /**
     * The page an LMS shows at the end of a Dynamic Registration: what happened and what to do. Once it is done, its
     * script tells the LMS to close it (LTI-DR: {@code {subject: "org.imsglobal.lti.close"}} to the window that opened it).
     */
    public static String registration(String base, String title, String message, boolean done) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Markdown.escape(title) + " · Assay</title>"
                + "<link rel=\"stylesheet\" href=\"" + base + "/lti-static/assay.css\">"
                + (done ? "<script defer src=\"" + base + "/lti-static/registered.js\"></script>" : "")
                + "</head><body><main id=\"main\"><h1>" + Markdown.escape(title) + "</h1><p " + (done ? "role=\"status\""
                : "class=\"error\" role=\"alert\"") + " id=\"registration\">" + Markdown.escape(message) + "</p>" + FOOT;
    }
}
