package dev.assay.lti;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Validation;
import dev.assay.server.application.api.Answers;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.Assignments;
import dev.assay.server.application.api.Attempt;
import dev.assay.server.application.api.Question;
import dev.assay.server.application.api.Questions;
import dev.assay.server.application.api.StoredGrade;
import dev.assay.server.application.api.Submission;
import dev.assay.server.application.api.Submitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An activity's page and what a student does on it: check an answer, submit it, download a handout. An instructor's
 * page adds the {@link InstructorPanel}.
 */
@ApplicationScoped
public class StudentPage {
    /** How many of a student's attempts at a question the page shows (the latest first). */
    private static final int ATTEMPTS_SHOWN = 10;

    @Inject
    Assignments catalog;
    @Inject
    Questions questions;
    @Inject
    Answers answers;
    @Inject
    ActivityAssignments assignments;
    @Inject
    InstructorPanel panel;

    /** The application's context path ("" at the root): the pages' links start with it. */
    @Inject
    ServletContext servletContext;

    String base() {
        return servletContext.getContextPath();
    }

    /** The page of assignment {@code a} for this user through link {@code linkId}, with the panel if they teach. */
    String page(String token, String name, boolean teaches, String userKey, long linkId, Assignment a) {
        return page(token, name, teaches, userKey, linkId, a, null);
    }

    /** The same, with a notice on top (the demo course says where its scores go), or none ({@code null}). */
    String page(String token, String name, boolean teaches, String userKey, long linkId, Assignment a, String notice) {
        List<Pages.QuestionView> views = new ArrayList<>();
        Map<String, List<Attempt>> byQuestion = new HashMap<>();
        for (Attempt attempt : answers.attempts(a.questions(), userKey)) {
            byQuestion.computeIfAbsent(attempt.submission().questionId(), k -> new ArrayList<>()).add(attempt);
        }
        for (Question q : catalog.questions(a)) {
            List<String> attempts = new ArrayList<>();
            List<Attempt> mine = byQuestion.getOrDefault(q.id(), List.of());
            for (int i = mine.size() - 1; i >= 0 && attempts.size() < ATTEMPTS_SHOWN; i--) {
                attempts.add(attemptHtml(mine.get(i).submission(), mine.get(i).inForce()));
            }
            views.add(new Pages.QuestionView(q.id(), q.title(), q.prompt(), q.points(), q.handouts(), q.answerFiles(), attempts));
        }
        Pages.Panel forInstructor = teaches ? new Pages.Panel(panel.reviewQueue(linkId), panel.regradedSinceReview(linkId),
                panel.standing(linkId), Pages.ROSTER_PENDING, panel.workspaceUrl(base(), linkId, a, name)) : null;
        return Pages.student(base(), token, a.title(), name, forInstructor, views, notice);
    }

    /** One attempt as the page shows it: the answer, and the grade in force (or the one given). */
    static String attemptHtml(Submission s, StoredGrade g) {
        return Pages.grade(s.id(), s.answer(), s.fileNames(), g.gradedAt(), g.grade(), g.questionPoints());
    }

    Validation validate(Sessions.Session s, String questionId, Answer answer) {
        assignments.forSession(s, questionId);
        return answers.validate(questionId, answer);
    }

    /** Grades and stores; the score goes to the outbox in the same transaction. Returns the attempt's HTML. */
    String submit(Sessions.Session s, String questionId, Answer answer) {
        assignments.forSession(s, questionId);
        Submitted submitted = answers.submit(questionId, s.userKey(), answer, Optional.of(LinkTargets.target(s.linkId())));
        return attemptHtml(submitted.submission(), submitted.grade());
    }

    Attachment handout(Sessions.Session s, String questionId, String name) {
        assignments.forSession(s, questionId);
        return questions.handout(questionId, name);
    }
}
