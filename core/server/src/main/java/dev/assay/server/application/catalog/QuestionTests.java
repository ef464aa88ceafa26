package dev.assay.server.application.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.api.Grade;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.server.application.AssayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of a question's tests on a save: which tests failed and how (the expectation beside what the grade got), the
 * tests' stored form, and the check that an instructor's tests name files the pack has.
 */
public final class QuestionTests {
    private QuestionTests() {
    }

    /** A score and answer notes: what a test expects, or what the grade got. */
    public record Expectation(double score, List<String> notes) {
    }

    /**
     * A test that failed: its place in the list (from 0), its name, its answer, what it expects, what the grade got (null
     * when nothing was graded) and what differs.
     */
    public record Failure(int index, String name, String answer, Expectation expected, Expectation got, String message) {
    }

    /** A save refused because tests failed with the new configuration (422): each failing test, nothing stored. */
    public static final class Failed extends AssayException {
        private final transient List<Failure> failures;

        public Failed(String questionId, List<Failure> failures) {
            super(Kind.UNPROCESSABLE, failures.size() + " of the question tests of " + questionId
                    + " fail with this configuration, so nothing was saved. Change the configuration, or send the tests"
                    + " as they should now be (\"tests\") in the same save.");
            this.failures = List.copyOf(failures);
        }

        public List<Failure> failures() {
            return failures;
        }
    }

    /** The tests that did not pass, in order. */
    public static List<Failure> failures(List<QuestionTestRunner.Result> results) {
        List<Failure> failed = new ArrayList<>();
        for (QuestionTestRunner.Result r : results) {
            if (r.outcome() == QuestionTestRunner.Outcome.PASS) {
                continue;
            }
            QuestionTest t = r.test();
            Grade g = r.grade();
            failed.add(new Failure(r.index(), t.name(), t.answer(), new Expectation(t.score(), t.notes()),
                    g == null ? null : new Expectation(g.score(), g.notes()),
                    r.outcome() == QuestionTestRunner.Outcome.SKIPPED ? "not run: " + r.detail() : r.detail()));
        }
        return failed;
    }

    /**
     * INVALID naming each {@code tests[i].…} field that is wrong: a score outside [0, 1], a file the pack does not
     * have. The pack's own tests were checked when it was read.
     */
    public static void check(List<QuestionTest> tests, CoursePack pack) {
        List<AssayException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            QuestionTest t = tests.get(i);
            if (!(t.score() >= 0 && t.score() <= 1)) { // NaN fails both
                problems.add(new AssayException.Problem("tests[" + i + "].score", "must be a fraction in [0, 1], not " + t.score()));
            }
            for (Map.Entry<String, String> f : t.files().entrySet()) {
                if (f.getValue() == null || pack.file(f.getValue()).isEmpty()) {
                    problems.add(new AssayException.Problem("tests[" + i + "].files." + f.getKey(),
                            "no file '" + f.getValue() + "' in the pack"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssayException(AssayException.Kind.INVALID, "Some of the tests are wrong; nothing was saved.", problems);
        }
    }

    /** The tests' stored form (a JSON list). */
    public static String toJson(List<QuestionTest> tests) {
        return Json.write(tests);
    }

    /** Tests from their stored form. */
    public static List<QuestionTest> fromJson(String json) {
        try {
            return Json.json().readValue(json, new TypeReference<List<QuestionTest>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored question tests are not JSON of tests: " + e.getMessage(), e);
        }
    }
}
