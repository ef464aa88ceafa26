package dev.assay.plugins.essay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.QuestionResources;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EssayRubricPluginTest {
    static final GradingEngine ENGINE = new GradingEngine(EngineSettings.defaults());
    static final PackLoader LOADER = new PackLoader(PluginRegistry.of(new EssayRubricPlugin()),
            new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));

    static CatalogQuestion question(String yaml) throws Exception {
        return question(yaml, 1);
    }

    static CatalogQuestion question(String yaml, double points) throws Exception {
        return LOADER.prepare(new QuestionDef("t/q", "Q", "", points, "essay-rubric", (ObjectNode) Json.yaml().readTree(yaml),
                "Say what the post says.", null), QuestionResources.NONE);
    }

    static Grade grade(CatalogQuestion q, String answer) {
        assertThat(q.state()).as(q.problemLines().toString()).isEqualTo(QuestionState.READY);
        return ENGINE.grade(q.ready(), Answer.of(answer)).grade();
    }

    static String text(Grade g) {
        return g.feedback().stream().map(FeedbackBlock::markdown).collect(Collectors.joining("\n"));
    }

    @Test
    void everyHw7CaseOfThisPluginPasses() throws Exception {
        var pack = LOADER.load(PackReader.read(Path.of(System.getProperty("assay.repo.root", "../.."), "deploy/packs/hw7")));
        var results = new QuestionTestRunner(ENGINE).run(pack).results().stream()
                .filter(r -> r.questionId().matches("hw7/(4a|4b|4c|7a).*")).toList();
        assertThat(results).hasSizeGreaterThanOrEqualTo(19);
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).as(r.label() + " " + r.detail())
                .isEqualTo(QuestionTestRunner.Outcome.PASS));
    }

    /** A rubric whose weights add up to 4, on a question worth 3 points. */
    static final String WEIGHTED = """
            mode: rubric
            criteria:
              - {id: loss, description: names the loss, points: 1, evidence: {pattern: '(?i)\\bmse\\b'}}
              - {id: optimiser, description: names the optimiser, points: 1, evidence: {pattern: '(?i)\\bsgd\\b'}}
              - {id: decay, description: explains weight decay, points: 2, evidence: {pattern: '(?i)weight decay'}}
            misconceptions:
              - {id: ADAM, description: Adam is not Eq. 6, penalty: 1, evidence: {pattern: '(?i)\\badam\\b'}}
            """;

    @Test
    void feedbackSpeaksInTheQuestionsPointsNotInTheRubricsWeights() throws Exception {
        CatalogQuestion q = question(WEIGHTED, 3);

        Grade partly = grade(q, "The loss is MSE and weight decay keeps the weights small.");
        assertThat(partly.score()).isEqualTo(0.75);
        assertThat(text(partly)).contains("Your answer earns 2.25 of 3 points")
                .contains("✓ names the loss (0.75 of 0.75)").contains("✗ names the optimiser (0 of 0.75)")
                .contains("✓ explains weight decay (1.5 of 1.5)").doesNotContain("of 4");

        Grade penalised = grade(q, "The loss is MSE, trained with Adam, and weight decay keeps the weights small.");
        assertThat(penalised.score()).isEqualTo(0.5);
        assertThat(text(penalised)).contains("earns 1.5 of 3 points").contains("(−0.75)");

        Grade full = grade(q, "MSE as the loss, SGD as the optimiser, and weight decay as the penalty.");
        assertThat(full.score()).isEqualTo(1.0);
        assertThat(text(full)).contains("3 of 3 points");
    }

    @Test
    void aOnePointQuestionSaysPoint() throws Exception {
        Grade g = grade(question(WEIGHTED, 1), "MSE and SGD.");
        assertThat(text(g)).contains("earns 0.5 of 1 point;");
    }

    @Test
    void pointsAreWrittenAsPeopleWriteThem() {
        assertThat(EssayRubricPlugin.pts(2)).isEqualTo("2");
        assertThat(EssayRubricPlugin.pts(0)).isEqualTo("0");
        assertThat(EssayRubricPlugin.pts(2.0 / 3 * 2)).isEqualTo("1.33");
        assertThat(EssayRubricPlugin.pts(0.5)).isEqualTo("0.5");
    }

    static final String TIMES = """
            mode: rubric
            criteria:
              - {id: baseline, description: baseline time 356 s, points: 1, evidence: {number: {value: 356, unit: s}}}
              - {id: accuracy, description: 94 % accuracy, points: 1, evidence: {number: {value: 94, unit: '%'}}}
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "It took 356 s. | true", "It took 356 seconds. | true", "It took 356 sec to train. | true",
            "It took 5 min 56 s. | true", "It took 5 minutes and 56 seconds. | true", "It took 356.0 s. | true",
            "It took 357 s. | false", "It took 356 minutes. | false", "It took 356 of them. | false"})
    void numbersAreReadWithTheirUnits(String answer, boolean counts) throws Exception {
        Grade g = grade(question(TIMES), answer + " The accuracy was 94 percent.");
        assertThat(g.notes().contains("baseline")).as(answer).isEqualTo(counts);
        assertThat(g.notes()).contains("accuracy");
    }

    @Test
    void evidenceIsQuotedAndMissingCriteriaSayWhatWasExpected() throws Exception {
        // A two-point question whose rubric weighs its two criteria a point each: the weights are the points.
        Grade g = grade(question(TIMES, 2), "Their reproduction of the entry needed 5 min 56 s to train.");
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(text(g)).contains("✓ baseline time 356 s (1 of 1): “5 min 56 s”")
                .contains("✗ 94 % accuracy (0 of 1): not found in your answer.");
    }

    @Test
    void conceptsMatchAfterStemmingStopWordsAndWithinAWindow() throws Exception {
        CatalogQuestion q = question("""
                mode: rubric
                criteria:
                  - {id: loading, points: 1, evidence: {concepts: [[data loading]]}}
                  - {id: two, points: 1, evidence: {concepts: [[batch norm], [mixed precision], [fewer layers]], minMatches: 2}}
                """);
        assertThat(grade(q, "Loading of the data was slow.").notes()).doesNotContain("loading");
        assertThat(grade(q, "They sped up data loading a lot.").notes()).contains("loading");
        assertThat(grade(q, "Their data is loaded once.").notes()).contains("loading");
        assertThat(grade(q, "They used batch norms and mixed-precision arithmetic.").notes()).contains("two");
        assertThat(grade(q, "They used batch norms only.").notes()).doesNotContain("two");
    }

    @Test
    void misconceptionsCostPoints() throws Exception {
        CatalogQuestion q = question(TIMES + """
                misconceptions:
                  - {id: SWAPPED, penalty: 1, evidence: {pattern: 'baseline\\D{0,40}297'}, feedback: 297 s is the final time}
                """, 2);
        Grade g = grade(q, "The baseline was 297 s; the final run took 356 s at 94%.");
        assertThat(g.notes()).contains("SWAPPED", "baseline", "accuracy");
        assertThat(g.score()).isEqualTo(0.5);
        assertThat(text(g)).contains("297 s is the final time (−1)");
    }

    @Test
    void lengthBoundsFollowThePolicy() throws Exception {
        String rubric = "mode: rubric\ncriteria: [{id: ok, points: 1, evidence: {concepts: [[answer]]}}]\n";
        Grade flag = grade(question(rubric + "length: {minWords: 5}\n"), "An answer.");
        assertThat(flag.notes()).contains("TOO_SHORT", "ok");
        assertThat(flag.score()).isEqualTo(1.0);
        assertThat(grade(question(rubric + "length: {minWords: 5, policy: penalise}\n"), "An answer.").score()).isEqualTo(0.5);
        assertThat(grade(question(rubric + "length: {maxWords: 3, policy: zero}\n"), "This answer is too long.").notes())
                .contains("TOO_LONG");
        assertThat(grade(question(rubric + "length: {maxWords: 3, policy: zero}\n"), "This answer is too long.").score()).isZero();
    }

    @Test
    void lowConfidenceSendsTheAnswerToAnInstructor() throws Exception {
        String rubric = "mode: rubric\nquestionText: Which approach from the post interested you most and why\n"
                + "criteria: [{id: ok, points: 1, evidence: {concepts: [[approach]]}}]\n";
        CatalogQuestion q = question(rubric);
        Grade keywords = grade(q, "approach loading preprocessing random numbers overheads layers GPU FLOPs profiling speed seconds CIFAR");
        assertThat(keywords.status()).isEqualTo(Grade.Status.NEEDS_REVIEW);
        assertThat(keywords.notes()).contains("NEEDS_REVIEW");
        assertThat(text(keywords)).contains("provisional").contains("list of keywords");
        Grade repeated = grade(q, "approach approach approach approach approach approach approach approach approach approach approach approach");
        assertThat(text(repeated)).contains("repeats the same words");
        Grade copied = grade(q, "Which approach from the post interested you most and why? The approach from the post interested me most.");
        assertThat(text(copied)).contains("repeats the question");
        Grade french = grade(q, "L'approche qui m'a le plus intéressé est le prétraitement des données, très efficace à mon avis général.");
        assertThat(text(french)).contains("does not look like English");
        Grade prose = grade(q, "The approach that interested me most was doing the preprocessing once, because it saved time.");
        assertThat(prose.status()).isEqualTo(Grade.Status.GRADED);
        Grade thin = grade(q, "My approach to the weekend was simple. " + "I went for a long walk in the hills with my family and "
                + "we talked about many different things on the way up and on the way down again. ".repeat(3));
        assertThat(thin.status()).isEqualTo(Grade.Status.NEEDS_REVIEW);
        assertThat(text(thin)).contains("single phrase in a long answer");
    }

    @Test
    void referenceModeScoresOverlapWithTheClosestReference() throws Exception {
        CatalogQuestion q = question("""
                mode: reference
                references:
                  - The output length is tied to the input length, so the decoder cannot produce more or fewer words.
                  - Decoder step t cannot see the source words after position t, so it cannot reorder words.
                thresholds: [0.25, 0.45]
                """);
        assertThat(grade(q, "The decoder cannot produce more or fewer words: the output length is tied to the input length.").score())
                .isEqualTo(1.0);
        assertThat(grade(q, "It is slow and uses a lot of memory on long batches.").score()).isZero();
        assertThat(text(grade(q, "At step t the decoder cannot see later source words to reorder them."))).contains("reference answer 2");
    }

    @Test
    void instructorGradedExamplesScoreTheAnswersClosestToThem() throws Exception {
        CatalogQuestion q = question("""
                mode: reference
                references: [The output length is tied to the input length.]
                examples:
                  - {answer: The model would be slow to train on long sentences with many layers., score: 0}
                  - {answer: It only ever sees half of the source sentence at the middle step., score: 0.5}
                thresholds: [0.25, 0.45]
                """);
        Grade slow = grade(q, "Training would be slow on long sentences.");
        assertThat(slow.score()).isZero();
        assertThat(text(slow)).contains("an instructor graded 0 %");
        assertThat(grade(q, "At the middle step it has seen only half of the source sentence.").score()).isEqualTo(0.5);
        assertThat(grade(q, "The output length is tied to the input length.").score()).isEqualTo(1.0);
    }

    @Test
    void badConfigurationsNameTheField() throws Exception {
        CatalogQuestion q = question("mode: rubric\ncriteria: [{id: x, points: 1, evidence: {pattern: '(', concepts: [[the of]]}}]\n");
        assertThat(q.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(q.problemLines()).anySatisfy(l -> assertThat(l).startsWith("config.criteria[0].evidence.pattern: not a regular expression"))
                .anySatisfy(l -> assertThat(l).startsWith("config.criteria[0].evidence.concepts[0][0]: has only stop words"));
        assertThat(question("mode: reference\n").problemLines()).contains("config.references: give at least one reference answer");
    }
}
