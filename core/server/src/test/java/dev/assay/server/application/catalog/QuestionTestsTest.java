package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.Grade;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.PackFile;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.engine.pack.QuestionTestRunner.Outcome;
import dev.assay.server.application.AssayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules of question tests on a save: the failure list a refused save answers, the check of given tests, storage. */
class QuestionTestsTest {
    private static final QuestionTest RIGHT = new QuestionTest("right", "42", Map.of(), 1.0, List.of("EXACT"));
    private static final QuestionTest WRONG = new QuestionTest("", "41", Map.of(), 0.0, List.of("NOT_EXACT"), List.of("Try"));

    private static QuestionTestRunner.Result result(int index, QuestionTest test, Outcome outcome, String detail, Grade grade) {
        return new QuestionTestRunner.Result("p/q1", index, test, outcome, detail, grade);
    }

    @Test
    void eachFailingTestIsListedWithWhatItExpectsBesideWhatTheGradeGot() {
        Grade full = Grade.builder(Grade.Status.GRADED).score(1).note("EXACT").build();
        Grade half = Grade.builder(Grade.Status.GRADED).score(0.5).note("CLOSE").build();

        List<QuestionTests.Failure> failures = QuestionTests.failures(List.of(
                result(0, RIGHT, Outcome.PASS, "", full),
                result(1, WRONG, Outcome.FAIL, "score 0.5000, expected 0.000", half)));

        assertThat(failures).containsExactly(new QuestionTests.Failure(1, "", "41",
                new QuestionTests.Expectation(0.0, List.of("NOT_EXACT")), new QuestionTests.Expectation(0.5, List.of("CLOSE")),
                "score 0.5000, expected 0.000"));
    }

    @Test
    void aTestNotRunIsAFailureWithNothingGot() {
        List<QuestionTests.Failure> failures = QuestionTests.failures(List.of(
                result(0, RIGHT, Outcome.SKIPPED, "plugin not installed: it-exact", null)));

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.got()).isNull();
            assertThat(f.message()).isEqualTo("not run: plugin not installed: it-exact");
        });
    }

    @Test
    void allPassingIsNoFailure() {
        Grade full = Grade.builder(Grade.Status.GRADED).score(1).note("EXACT").build();
        assertThat(QuestionTests.failures(List.of(result(0, RIGHT, Outcome.PASS, "", full)))).isEmpty();
    }

    @Test
    void givenTestsNamingAFileThePackLacksOrAScoreOutsideAFractionAreRefusedByField() {
        CoursePack pack = pack(Map.of("files/good.txt", "42"));
        QuestionTest goodFile = new QuestionTest("", "", Map.of("answer.txt", "files/good.txt"), 1, List.of());
        QuestionTest badFile = new QuestionTest("", "", Map.of("answer.txt", "files/missing.txt"), 1, List.of());
        QuestionTest badScore = new QuestionTest("", "42", Map.of(), 1.5, List.of());

        QuestionTests.check(List.of(goodFile), pack);
        assertThatThrownBy(() -> QuestionTests.check(List.of(goodFile, badFile, badScore), pack))
                .isInstanceOfSatisfying(AssayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AssayException.Kind.INVALID);
                    assertThat(e.problems()).extracting(AssayException.Problem::field)
                            .containsExactly("tests[1].files.answer.txt", "tests[2].score");
                });
    }

    @Test
    void storedTestsReadBackEqual() {
        List<QuestionTest> tests = List.of(RIGHT, WRONG, new QuestionTest("f", "", Map.of("a.txt", "files/a.txt"), 0.25,
                List.of(), List.of("1 of 4 points")));
        assertThat(QuestionTests.fromJson(QuestionTests.toJson(tests))).isEqualTo(tests);
        assertThat(QuestionTests.fromJson(QuestionTests.toJson(List.of()))).isEmpty();
    }

    @Test
    void aRefusalByFailingTestsIsUnprocessableAndSaysHowToGoOn() {
        var failed = new QuestionTests.Failed("p/q1", List.of(new QuestionTests.Failure(0, "", "41",
                new QuestionTests.Expectation(0, List.of()), new QuestionTests.Expectation(1, List.of()), "score 1.000, expected 0.000")));
        assertThat(failed.kind()).isEqualTo(AssayException.Kind.UNPROCESSABLE);
        assertThat(failed.getMessage()).contains("1 of the question tests of p/q1 fail").contains("nothing was saved")
                .contains("\"tests\"");
    }

    private static CoursePack pack(Map<String, String> files) {
        TreeMap<String, PackFile> bytes = new TreeMap<>();
        files.forEach((k, v) -> bytes.put(k, new PackFile(k, v.getBytes(StandardCharsets.UTF_8))));
        return new CoursePack(null, List.of(), bytes);
    }
}
