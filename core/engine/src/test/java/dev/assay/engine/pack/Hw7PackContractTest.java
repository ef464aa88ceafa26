package dev.assay.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/packs/hw7 keeps the public contract of the course's hw7 (../shared/hw7): every id, every sample case as a
 * question test. The cases travel with the repository (src/test/resources/hw7/cases.jsonl).
 */
class Hw7PackContractTest {
    static final Path ROOT = Path.of(System.getProperty("assay.repo.root", "../.."));
    static final List<String> IDS = List.of("hw7/3bi-grad-w2", "hw7/3bi-grad-w1", "hw7/3bi-conditions", "hw7/3bii-pca",
            "hw7/4a-times", "hw7/4b-reflection", "hw7/4c-interest", "hw7/7a-vertical-stack", "hw7/7b-teacher-forcing",
            "hw7/7c-inference", "hw7/8a-i-layers", "hw7/8a-ii-loss", "hw7/8a-iii-needed", "hw7/8b-orthonormal");

    /**
     * The repository's copy of the course's sample cases (the acceptance contract), so that a fresh clone checks
     * them; it must be the same as the course's own file where that is beside the checkout.
     */
    static final String CASES = "/hw7/cases.jsonl";
    static final Path SHARED_CASES = Path.of(System.getProperty("assay.shared.dir", ROOT.resolve("../shared").toString()))
            .resolve("hw7/cases.jsonl");

    @Test
    void theHw7PackHasAllFourteenQuestionIdsInOneAssignment() throws Exception {
        CoursePack pack = PackReader.read(ROOT.resolve("deploy/packs/hw7"));
        assertThat(pack.questionsById().keySet()).containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(pack.manifest().assignments()).singleElement()
                .satisfies(a -> assertThat(a.questions()).containsExactlyElementsOf(IDS));
    }

    static List<String> caseLines() throws Exception {
        try (InputStream in = Hw7PackContractTest.class.getResourceAsStream(CASES)) {
            assertThat(in).as("the hw7 contract %s must be in core/engine/src/test/resources", CASES).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void theRepositorysCopyOfTheSampleCasesIsTheCoursesOwn() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED_CASES), SHARED_CASES + " is not beside the checkout; "
                + "the repository's copy is checked on its own");
        assertThat(caseLines()).containsExactlyElementsOf(Files.readAllLines(SHARED_CASES));
    }

    @Test
    void everySharedSampleCaseIsAQuestionTest() throws Exception {
        List<String> lines = caseLines();
        CoursePack pack = PackReader.read(ROOT.resolve("deploy/packs/hw7"));
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (String line : lines) {
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
