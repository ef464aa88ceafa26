package dev.assay.lti;

import dev.assay.api.Grade;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.Questions;
import dev.assay.server.application.api.RegradeStatus;
import dev.assay.server.application.api.Regrades;
import dev.assay.server.application.api.Reviews;
import dev.assay.server.application.api.ReviewsKept;
import dev.assay.server.application.api.Rosters;
import dev.assay.server.application.api.Scores;
import dev.assay.server.application.api.Standing;
import dev.assay.server.application.api.StoredGrade;
import dev.assay.server.application.api.Submission;
import dev.assay.server.application.api.SubmissionHistory;
import dev.assay.server.application.api.WorkspaceGrant;
import dev.assay.server.application.api.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an instructor sees and does on an activity's page: the answers waiting for review and the grade they give, the
 * reviewed answers a regrade has since graded differently, the class's standing, and a regrade of the activity.
 */
@ApplicationScoped
public class InstructorPanel {
    /** How many answers each of the panel's lists shows at most (the oldest first). */
    private static final int LIST_LIMIT = 50;

    @Inject
    Reviews reviews;
    @Inject
    Questions questions;
    @Inject
    Scores scores;
    @Inject
    Regrades regrades;
    @Inject
    Names names;
    @Inject
    Workspaces workspaces;
    @Inject
    Rosters rosters;
    @Inject
    ActivityAssignments assignments;
    @Inject
    DemoTenancy demo;

    /**
     * The workspace for the activity's assignment, as this instructor reaches it: the workspace pages with a token for
     * that assignment and this activity only (its students' answers, not other courses'), in the URL's fragment, which
     * the browser neither sends to a server nor puts in a Referer.
     */
    String workspaceUrl(String base, long linkId, Assignment a, String instructorName) {
        String actor = instructorName == null || instructorName.isBlank() ? "instructor" : instructorName;
        WorkspaceGrant grant = workspaces.grant(a.id(), Optional.of(LinkTargets.target(linkId)), actor);
        return base + "/workspace/assignment.html?id=" + a.id() + "#token=" + grant.token();
    }

    /** The answers through this link waiting for an instructor, with whose they are and the form to grade them. */
    List<String> reviewQueue(long linkId) {
        List<SubmissionHistory> waiting = reviews.waiting(Optional.empty(), Optional.of(LinkTargets.target(linkId)), LIST_LIMIT);
        Function<Submission, String> who = whose(waiting);
        List<String> items = new ArrayList<>();
        for (SubmissionHistory h : waiting) {
            Submission s = h.submission();
            items.add(Pages.reviewItem(s.id(), questionTitle(s), who.apply(s), h.inForce().questionPoints(),
                    StudentPage.attemptHtml(s, h.inForce())));
        }
        return items;
    }

    /**
     * The answers through this link that an instructor reviewed and a regrade has since graded differently: the
     * instructor's grade stands, and this is where they see the plugin's new one and decide again.
     */
    List<String> regradedSinceReview(long linkId) {
        List<SubmissionHistory> changed = reviews.changedSinceReview(Optional.empty(), Optional.of(LinkTargets.target(linkId)),
                LIST_LIMIT);
        Function<Submission, String> who = whose(changed);
        List<String> items = new ArrayList<>();
        for (SubmissionHistory h : changed) {
            if (h.newerPluginGrade().isEmpty()) { // the query applies the same rule; were they ever to part, no half-drawn item
                continue;
            }
            Submission s = h.submission();
            StoredGrade plugin = h.newerPluginGrade().get();
            StoredGrade review = h.inForce();
            Grade pluginGrade = plugin.grade();
            double points = review.questionPoints();
            String pluginAttempt = StudentPage.attemptHtml(s, plugin);
            items.add(Pages.regradedItem(new Pages.Regraded(s.id(), questionTitle(s), who.apply(s), points,
                    review.grade().score(), review.reviewComment(), pluginGrade.score(), pluginGrade.notes(), pluginAttempt)));
        }
        return items;
    }

    /** Who gave each of these answers: the name their LMS last gave, else "a student". */
    private Function<Submission, String> whose(List<SubmissionHistory> answers) {
        Map<String, String> known = names.of(answers.stream().map(h -> h.submission().user()).distinct().toList());
        return s -> known.getOrDefault(s.user(), "a student");
    }

    private String questionTitle(Submission s) {
        return questions.summary(s.questionId()).map(q -> q.title()).orElse(s.questionId());
    }

    /**
     * The class's standing in this activity: each student's latest score, and whether the gradebook has it (the demo
     * course has none: its scores stay in Assay).
     */
    List<Pages.Standing> standing(long linkId) {
        List<Standing> standings = scores.standings(LinkTargets.target(linkId), 500);
        Map<String, String> who = names.of(standings.stream().map(e -> e.user()).toList());
        boolean demoCourse = demo.isDemoLink(linkId);
        return standings.stream().map(e -> new Pages.Standing(who.getOrDefault(e.user(), "a student"), e.given(),
                e.maximum(), e.complete(), e.awaitingReview(), demoCourse ? Pages.STAYS_IN_ASSAY : e.delivery().name())).toList();
    }

    /**
     * Who on the class list (from the LMS, cached) has not answered through this instructor's activity, or why there is
     * no list. The panel's script asks for it after the page has loaded.
     */
    String roster(Sessions.Session s) {
        s.requireInstructor();
        return Pages.roster(rosters.standing(LinkTargets.target(s.linkId())));
    }

    /** The instructor's grade for an answer waiting for review; the student's score follows to the gradebook. */
    String review(Sessions.Session s, long submissionId, double points, String comment) {
        s.requireInstructor();
        // Only an answer given through this instructor's link: other tenants' stay unseen (not found).
        SubmissionHistory h = reviews.review(submissionId, points, comment, s.name(), Optional.of(LinkTargets.target(s.linkId())));
        return StudentPage.attemptHtml(h.submission(), h.inForce());
    }

    /**
     * A regrade of this activity as the panel follows it: the job's state and count; once it has ended, how many of
     * the answers it graded kept the instructor's grade and how many of those the plugin now grades differently, the
     * report that says so, and the list those are on, drawn again.
     */
    record PanelRegrade(long executionId, String status, String exitStatus, long regraded, Long keptReview, Long nowDiffer,
                        String report, String regradedHtml) {
    }

    /** Regrades this activity's answers (a Jakarta Batch job over its submissions only). */
    PanelRegrade regrade(Sessions.Session s) {
        s.requireInstructor();
        Assignment a = assignments.forSession(s, null);
        String target = LinkTargets.target(s.linkId());
        return panelRegrade(s, regrades.start(a.id(), Optional.of(target), "instructor of " + target));
    }

    PanelRegrade regradeStatus(Sessions.Session s, long execution) {
        return panelRegrade(s, regrades.status(execution)
                .filter(st -> s.teaches() && LinkTargets.target(s.linkId()).equals(st.target()))
                .orElseThrow(() -> AssayException.notFound("No regrade " + execution + " of this activity.")));
    }

    private PanelRegrade panelRegrade(Sessions.Session s, RegradeStatus r) {
        String status = r.status().name();
        if (!r.finished()) {
            return new PanelRegrade(r.executionId(), status, r.exitStatus(), r.regraded(), null, null, null, null);
        }
        ReviewsKept kept = reviews.keptThrough(LinkTargets.target(s.linkId()), r.executionId());
        return new PanelRegrade(r.executionId(), status, r.exitStatus(), r.regraded(), kept.kept(), kept.differ(),
                Pages.regradeReport(r.status(), r.exitStatus(), r.regraded(), kept.kept(), kept.differ()),
                Pages.regradedList(regradedSinceReview(s.linkId())));
    }
}
