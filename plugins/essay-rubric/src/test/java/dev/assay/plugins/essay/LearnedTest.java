package dev.assay.plugins.essay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.ReferenceGrading;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reference mode with a learned model: paraphrase, order, negation, monotone weights, explained scores. */
class LearnedTest {
    static final String TRAVERSAL = "In-order traversal visits the left subtree first, then the root, and then the right subtree.";

    /** Graded answers to two questions, as an instructor would mark them (our own wording). */
    static List<ReferenceGrading.Question> graded() {
        List<ReferenceGrading.Graded> oop = new ArrayList<>();
        for (String right : List.of("You can make as many objects from one class as you want.",
                "There is no limit to how many instances a class can have.", "An unlimited number of objects.",
                "As many as you like, a class is a blueprint for any number of objects.")) {
            oop.add(new ReferenceGrading.Graded(right, 1));
        }
        for (String wrong : List.of("Only one object per class.", "A class is a function.", "Objects are stored on the heap.",
                "Two.")) {
            oop.add(new ReferenceGrading.Graded(wrong, 0));
        }
        List<ReferenceGrading.Graded> queue = new ArrayList<>();
        for (String right : List.of("The first element added is the first one removed.", "It is FIFO: first in, first out.",
                "Elements leave in the same order they arrived.", "The oldest element is taken out first.")) {
            queue.add(new ReferenceGrading.Graded(right, 1));
        }
        for (String wrong : List.of("The last element added is removed first.", "It sorts the elements.",
                "A queue is a kind of tree.", "It removes elements at random.")) {
            queue.add(new ReferenceGrading.Graded(wrong, 0));
        }
        return List.of(new ReferenceGrading.Question("How many objects can be created from a class?",
                        List.of("An unlimited number of objects can be created from a class."), 1, oop),
                new ReferenceGrading.Question("In what order does a queue remove elements?",
                        List.of("A queue removes elements in first-in-first-out order: the element added first is removed first."),
                        1, queue));
    }

    static CatalogQuestion question(EssayConfig c) throws Exception {
        return EssayRubricPluginTest.LOADER.prepare(new dev.assay.engine.pack.QuestionDef("t/q", "Q", "", 1, "essay-rubric",
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.json().valueToTree(c), "", null),
                dev.assay.api.QuestionResources.NONE);
    }

    static String text(Grade g) {
        return g.feedback().stream().map(FeedbackBlock::markdown).collect(Collectors.joining("\n"));
    }

    @Test
    void aQuestionWithNoExamplesLearnsFromOtherQuestionsAndCreditsAParaphrase() throws Exception {
        ReferenceAnswers r = new ReferenceAnswers();
        ReferenceGrading.Question unseen = new ReferenceGrading.Question("What is encapsulation?",
                List.of("Encapsulation hides an object's internal state and exposes it only through methods."), 1, List.of());
        EssayConfig c = r.learnedConfigs(List.of(unseen), graded()).get(0);
        assertThat(c.model()).isNotNull();
        assertThat(c.examples()).isEmpty();
        // monotone: every similarity weighs at least 0, negation at most 0
        c.model().weights().forEach((name, w) -> {
            if (Scorer.sign(name) > 0) {
                assertThat(w).as(name).isGreaterThanOrEqualTo(0.0);
            } else if (Scorer.sign(name) < 0) {
                assertThat(w).as(name).isLessThanOrEqualTo(0.0);
            }
        });
        CatalogQuestion q = question(c);
        Grade paraphrase = EssayRubricPluginTest.grade(q, "The object keeps its data private and other code reaches it "
                + "only by calling its methods.");
        Grade offTopic = EssayRubricPluginTest.grade(q, "Inheritance lets a class reuse the code of its parent class.");
        assertThat(paraphrase.score()).isGreaterThan(offTopic.score() + 0.1);
        assertThat(text(paraphrase)).contains("met by").contains("earned most from");
        assertThat(text(offTopic)).contains("not found in your answer").contains("lost most on");
    }

    @Test
    void examplesOfTheQuestionItselfAreItsNearestNeighbours() throws Exception {
        List<ReferenceGrading.Question> all = graded();
        EssayConfig c = new ReferenceAnswers().learnedConfigs(List.of(all.get(1)), List.of(all.get(0))).get(0);
        assertThat(c.examples()).hasSize(8);
        assertThat(c.model().weights()).containsKey("nearest");
        CatalogQuestion q = question(c);
        Grade fifo = EssayRubricPluginTest.grade(q, "FIFO, so the first one in is the first one out.");
        Grade lifo = EssayRubricPluginTest.grade(q, "The newest element is removed first, like a stack.");
        assertThat(fifo.score()).isGreaterThan(lifo.score());
        assertThat(text(fifo)).contains("the graded answers most like yours earned");
    }

    @Test
    void stepsInAnotherOrderOrANegatedStatementDoNotScoreAsAgreement() throws Exception {
        EssayConfig c = new EssayConfig(EssayConfig.Mode.reference, null, null, null, null, List.of(TRAVERSAL), null, null,
                "What does in-order traversal do?", new EssayConfig.Model(Map.of("aligned", 6.0, "coverage", 4.0), -6.0), null);
        CatalogQuestion q = question(c);
        Grade inOrder = EssayRubricPluginTest.grade(q, "It goes to the left subtree first, then the root, then the right subtree.");
        Grade reversed = EssayRubricPluginTest.grade(q, "It goes to the right subtree first, then the root, then the left subtree.");
        assertThat(reversed.notes()).contains("ORDER");
        assertThat(inOrder.notes()).doesNotContain("ORDER");
        assertThat(reversed.score()).isLessThan(inOrder.score() * 0.6);
        assertThat(text(reversed)).contains("another order");

        EssayConfig sun = new EssayConfig(EssayConfig.Mode.reference, null, null, null, null,
                List.of("Plants need sunlight to make their food."), null, null, "What do plants need to make food?",
                new EssayConfig.Model(Map.of("aligned", 6.0, "coverage", 4.0), -6.0), null);
        Grade agrees = EssayRubricPluginTest.grade(question(sun), "Plants need light from the sun to make food.");
        Grade negates = EssayRubricPluginTest.grade(question(sun), "Plants do not need sunlight to make their food.");
        assertThat(negates.notes()).contains("NEGATION");
        assertThat(negates.score()).isLessThan(agrees.score() * 0.6);
    }

    @Test
    void creditOnAQuestionNoOneHasGradedAsksForReviewAndAZeroDoesNot() throws Exception {
        // no graded examples: a 1-point answer's credit rests on the reference alone, so it goes to an instructor; a score
        // between the two points is never a large error on a 1-point scale, so that alone no longer flags
        EssayConfig sun = new EssayConfig(EssayConfig.Mode.reference, null, null, null, null,
                List.of("Plants need sunlight to make their food."), null, null, "What do plants need to make food?",
                new EssayConfig.Model(Map.of("aligned", 6.0, "coverage", 4.0), -6.0), null);
        Grade agrees = EssayRubricPluginTest.grade(question(sun), "Plants need light from the sun to make food.");
        Grade offTopic = EssayRubricPluginTest.grade(question(sun), "Volcanoes erupt when magma rises.");
        assertThat(agrees.score()).isGreaterThanOrEqualTo(Scorer.UNBACKED_CREDIT);
        assertThat(agrees.status()).isEqualTo(Grade.Status.NEEDS_REVIEW);
        assertThat(text(agrees)).contains("no graded answer of this question backs this credit");
        assertThat(offTopic.score()).isLessThan(Scorer.UNBACKED_CREDIT);
        assertThat(text(offTopic)).doesNotContain("backs this credit").doesNotContain("between two scores");
    }
}
