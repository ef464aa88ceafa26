package dev.assay.plugins.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Answer;
import dev.assay.api.Grade;
import dev.assay.api.QuestionResources;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.GradingEngine;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSequencePluginTest {
    static final GradingEngine ENGINE = new GradingEngine(EngineSettings.defaults());
    static final PackLoader LOADER = new PackLoader(PluginRegistry.of(new TokenSequencePlugin()),
            new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator()));
    static LoadedPack hw7;

    static synchronized LoadedPack hw7() throws Exception {
        if (hw7 == null) {
            hw7 = LOADER.load(PackReader.read(Path.of(System.getProperty("assay.repo.root", "../.."), "deploy/packs/hw7")));
        }
        return hw7;
    }

    static Grade grade(String question, String answer) throws Exception {
        return ENGINE.grade(hw7().question("hw7/" + question).orElseThrow().ready(), Answer.of(answer)).grade();
    }

    static CatalogQuestion question(String yaml) throws Exception {
        return LOADER.prepare(new QuestionDef("t/q", "Q", "", 1, "token-sequence", (ObjectNode) Json.yaml().readTree(yaml),
                "Think about inputs and targets.", null), QuestionResources.NONE);
    }

    @Test
    void everyHw7CaseOfThisPluginPasses() throws Exception {
        var results = new QuestionTestRunner(ENGINE).run(hw7()).results().stream()
                .filter(r -> r.questionId().matches("hw7/(7b|7c|8a).*")).toList();
        assertThat(results).hasSize(11);
        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).as(r.label() + " " + r.detail())
                .isEqualTo(QuestionTestRunner.Outcome.PASS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<sos> I see a dog", "[SOS], I, see, a, dog.", "\"<s>\" \"I\" \"see\" \"a\" \"dog\"",
            "w_1 = <start>, w_2 = i, w_3 = see, w_4 = a, w_5 = dog", "1. <sos> 2. I 3. see 4. a 5. dog",
            "$w_1 = \\langle \\text{sos} \\rangle, \\quad w_2 = \\text{I}, \\quad w_3 = \\text{see}, \\quad w_4 = \\text{a}, \\quad w_5 = \\text{dog}$",
            "BOS -> I -> see -> a -> dog", "(<sos>, I, see, a, dog)", "<SOS> i SEE a DOG!"})
    void everyNotationOfTheRightSequenceIsExact(String answer) throws Exception {
        Grade g = grade("7b-teacher-forcing", answer);
        assertThat(g.notes()).as(answer + " read as " + g.echo().text()).containsExactly("EXACT");
        assertThat(g.echo().text()).isEqualTo("`<sos>` `I` `see` `a` `dog`");
    }

    @Test
    void misconceptionsAreNamedWithTheirOwnFeedback() throws Exception {
        Grade sampled = grade("7b-teacher-forcing", "<sos> I saw a dog");
        assertThat(sampled.notes()).containsExactly("SAMPLED_OUTPUT_UNDER_TEACHER_FORCING");
        assertThat(sampled.feedback().get(0).markdown()).contains("ground-truth previous token");
        Grade groundTruth = grade("7c-inference", "<s> I see a dog");
        assertThat(groundTruth.notes()).containsExactly("GROUND_TRUTH_AT_INFERENCE");
        assertThat(groundTruth.feedback().get(groundTruth.feedback().size() - 1).kind()).isEqualTo(
                dev.assay.api.FeedbackBlock.Kind.EXPECTED_APPROACH);
        Grade shifted = grade("7c-inference", "I saw a dog <eos>");
        assertThat(shifted.notes()).contains("SHIFTED");
        assertThat(shifted.feedback().get(0).markdown()).contains("targets").contains("`<sos>`");
    }

    @Test
    void theAlignmentShowsWrongMissingAndExtraTokens() throws Exception {
        Grade g = grade("7b-teacher-forcing", "<sos> I see the big dog");
        assertThat(g.notes()).contains("WRONG_TOKEN", "EXTRA_TOKEN").doesNotContain("EXACT");
        String table = g.feedback().stream().filter(b -> b.kind() == dev.assay.api.FeedbackBlock.Kind.EVIDENCE)
                .findFirst().orElseThrow().markdown();
        assertThat(table).contains("| ✗ wrong token | `a` | `the` |").contains("| ✗ extra | — | `big` |");
        assertThat(grade("7b-teacher-forcing", "<sos> I see dog").notes()).contains("MISSING_TOKEN");
    }

    @Test
    void proportionalPartialCreditComesFromTheAlignment() throws Exception {
        CatalogQuestion q = question("""
                mode: sequence
                expected: [a, b, c, d]
                partialCredit: proportional
                """);
        assertThat(q.state()).isEqualTo(QuestionState.READY);
        assertThat(ENGINE.grade(q.ready(), Answer.of("a b x d")).grade().score()).isEqualTo(0.75);
        assertThat(ENGINE.grade(q.ready(), Answer.of("a b")).grade().score()).isEqualTo(0.5);
        assertThat(ENGINE.grade(q.ready(), Answer.of("x y z w v u")).grade().score()).isZero();
    }

    @Test
    void setsScoreRightMinusWrongAndAcceptAliasesAndConnectives() throws Exception {
        assertThat(grade("8a-iii-needed", "weight_decay and SGD").notes()).containsExactly("EXACT");
        assertThat(grade("8a-iii-needed", "Weight Decay, Dropout, SGD optimizer").score()).isEqualTo(0.5);
        assertThat(grade("8a-iii-needed", "Weight Decay").score()).isEqualTo(0.5);
        Grade none = grade("8a-iii-needed", "Adam optimizer & Dropout & Batch Normalization");
        assertThat(none.score()).isZero();
        assertThat(none.notes()).contains("EXTRA_TOKEN", "MISSING_TOKEN");
        Grade unknown = grade("8a-iii-needed", "SGD optimizer, Weight Decay, momentum");
        assertThat(unknown.feedback().get(0).markdown()).contains("`momentum` is not one of the options");
    }

    @Test
    void choicesAcceptAliasesAndIgnoreFillerWords() throws Exception {
        assertThat(grade("8a-i-layers", "two").notes()).containsExactly("EXACT");
        assertThat(grade("8a-i-layers", "We need 2 linear layers (encoder and decoder).").notes()).containsExactly("EXACT");
        assertThat(grade("8a-ii-loss", "torch.nn.MSELoss()").notes()).containsExactly("EXACT");
        assertThat(grade("8a-ii-loss", "Mean Squared Error").notes()).containsExactly("EXACT");
        assertThat(grade("8a-ii-loss", "nn.L1Loss").notes()).containsExactly("WRONG_TOKEN");
    }

    @Test
    void anEmptyAnswerIsInvalidAndTheConfigurationIsChecked() throws Exception {
        assertThat(grade("7b-teacher-forcing", " , ; ").status()).isEqualTo(Grade.Status.INVALID_ANSWER);
        CatalogQuestion bad = question("mode: choice\nexpected: [a, b]\n");
        assertThat(bad.state()).isEqualTo(QuestionState.INVALID_CONFIG);
        assertThat(bad.problemLines()).containsExactly("config.expected: a choice has exactly one right answer");
    }
}
