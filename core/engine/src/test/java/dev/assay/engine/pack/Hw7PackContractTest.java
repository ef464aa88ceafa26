package dev.assay.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** deploy/packs/hw7 keeps the public contract of ../shared/hw7: every id, every sample case as a question test. */
class Hw7PackContractTest {
    static final Path ROOT = Path.of(System.getProperty("assay.repo.root", "../.."));
    static final List<String> IDS = List.of("hw7/3bi-grad-w2", "hw7/3bi-grad-w1", "hw7/3bi-conditions", "hw7/3bii-pca",
            "hw7/4a-times", "hw7/4b-reflection", "hw7/4c-interest", "hw7/7a-vertical-stack", "hw7/7b-teacher-forcing",
            "hw7/7c-inference", "hw7/8a-i-layers", "hw7/8a-ii-loss", "hw7/8a-iii-needed", "hw7/8b-orthonormal");

    @Test
    void theHw7PackHasAllFourteenQuestionIdsInOneAssignment() throws Exception {
        CoursePack pack = PackReader.read(ROOT.resolve("deploy/packs/hw7"));
        assertThat(pack.questionsById().keySet()).containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(pack.manifest().assignments()).singleElement()
                .satisfies(a -> assertThat(a.questions()).containsExactlyElementsOf(IDS));
    }

    @Test
    void everySharedSampleCaseIsAQuestionTest() throws Exception {
        Path cases = ROOT.resolve("../shared/hw7/cases.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(cases), "../shared/hw7/cases.jsonl is not beside the checkout");
        CoursePack pack = PackReader.read(ROOT.resolve("deploy/packs/hw7"));
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (String line : Files.readAllLines(cases)) {
            if (line.isBlank()) {
                continue;
            }
            count++;
            JsonNode c = Json.json().readTree(line);
            List<String> notes = new ArrayList<>();
            c.path("notes").forEach(n -> notes.add(n.asText()));
            QuestionTest expected = new QuestionTest("", c.path("answer").asText(), null, c.path("score").asDouble(), notes);
            boolean found = pack.question(c.path("question").asText()).map(q -> q.tests().stream().anyMatch(t ->
                    t.answer().equals(expected.answer()) && t.score() == expected.score()
                            && t.notes().containsAll(expected.notes()))).orElse(false);
            if (!found) {
                missing.add(line);
            }
        }
        assertThat(count).isPositive();
        assertThat(missing).isEmpty();
    }
}
