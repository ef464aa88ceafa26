package dev.assay.engine.pack;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.engine.grading.GradingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a pack's question tests: each sample answer must get its score, carry each of its notes and have each of its
 * phrases in its feedback.
 */
public final class QuestionTestRunner {
    /** Scores are fractions; anything closer than this is the same score. */
    public static final double SCORE_TOLERANCE = 1e-6;

    public enum Outcome { PASS, FAIL, SKIPPED }

    public record Result(String questionId, int index, QuestionTest test, Outcome outcome, String detail, Grade grade) {
        public String label() {
            return questionId + " test " + (index + 1) + (test.name().isEmpty() ? "" : " (" + test.name() + ")");
        }
    }

    public record Summary(List<Result> results) {
        public long count(Outcome o) {
            return results.stream().filter(r -> r.outcome() == o).count();
        }

        public boolean passed() {
            return count(Outcome.FAIL) == 0;
        }
    }

    private final GradingEngine engine;

    public QuestionTestRunner(GradingEngine engine) {
        this.engine = engine;
    }

    public Summary run(LoadedPack pack) {
        List<Result> results = new ArrayList<>();
        for (CatalogQuestion q : pack.ordered()) {
            List<QuestionTest> tests = q.def().tests();
            for (int i = 0; i < tests.size(); i++) {
                results.add(run(pack.pack(), q, i, tests.get(i)));
            }
        }
        return new Summary(results);
    }

    /** Runs one test of a question (its files read from the pack): what a server runs before it saves a configuration. */
    public Result run(CoursePack pack, CatalogQuestion q, int index, QuestionTest test) {
        String id = q.def().id();
        if (q.state() == QuestionState.PLUGIN_NOT_INSTALLED) {
            return new Result(id, index, test, Outcome.SKIPPED, "plugin not installed: " + q.def().plugin(), null);
        }
        if (q.state() == QuestionState.INVALID_CONFIG) {
            return new Result(id, index, test, Outcome.FAIL, "invalid configuration: " + String.join("; ", q.problemLines()), null);
        }
        List<Attachment> files = new ArrayList<>();
        for (Map.Entry<String, String> f : test.files().entrySet()) {
            byte[] content = pack.file(f.getValue()).orElseThrow();
            files.add(new Attachment(f.getKey(), MediaTypes.guess(f.getValue()), content));
        }
        Grade grade = engine.grade(q.ready(), new Answer(test.answer(), files)).grade();
        List<String> wrong = new ArrayList<>();
        if (Math.abs(grade.score() - test.score()) > SCORE_TOLERANCE) {
            wrong.add("score " + fmt(grade.score()) + ", expected " + fmt(test.score()));
        }
        List<String> missing = test.notes().stream().filter(n -> !grade.hasNote(n)).toList();
        if (!missing.isEmpty()) {
            wrong.add("notes " + grade.notes() + " lack " + missing);
        }
        String feedback = String.join("\n", grade.feedback().stream().map(b -> b.title() + "\n" + b.markdown()).toList());
        List<String> unsaid = test.feedback().stream().filter(phrase -> !feedback.contains(phrase)).toList();
        if (!unsaid.isEmpty()) {
            wrong.add("feedback does not say " + unsaid.stream().map(f -> "'" + f + "'").toList());
        }
        if (grade.status() == Grade.Status.ERROR) {
            wrong.add("status ERROR: " + grade.feedback().stream().map(b -> b.markdown()).findFirst().orElse(""));
        }
        return wrong.isEmpty() ? new Result(id, index, test, Outcome.PASS, "", grade)
                : new Result(id, index, test, Outcome.FAIL, String.join("; ", wrong), grade);
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4g", d);
    }
}
