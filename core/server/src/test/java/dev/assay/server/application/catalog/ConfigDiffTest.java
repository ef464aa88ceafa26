package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.server.application.catalog.ConfigDiff.Change;
import dev.assay.server.application.catalog.ConfigDiff.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff of two configuration versions names each field that differs, with its old and new value. */
class ConfigDiffTest {
    private static final QuestionTest T42 = new QuestionTest("", "42", Map.of(), 1.0, List.of("EXACT"));
    private static final QuestionTest T41 = new QuestionTest("", "41", Map.of(), 0.0, List.of());

    private static JsonNode json(String s) throws Exception {
        return Json.json().readTree(s);
    }

    @Test
    void equalVersionsHaveNoChange() throws Exception {
        ConfigDiff.Side v = new ConfigDiff.Side(json("{\"expected\":\"42\",\"limits\":{\"rows\":3}}"), "Say it.", List.of(T42));
        assertThat(ConfigDiff.between(v, v)).isEmpty();
    }

    @Test
    void eachConfigFieldIsComparedByItsPathWithListsAsOneValue() throws Exception {
        ConfigDiff.Side a = new ConfigDiff.Side(json("{\"expected\":\"42\",\"limits\":{\"rows\":3,\"cols\":2},\"old\":true,\"grid\":[1,2]}"),
                "Say it.", List.of());
        ConfigDiff.Side b = new ConfigDiff.Side(json("{\"expected\":\"43\",\"limits\":{\"rows\":3},\"partial\":0.5,\"grid\":[1,3]}"),
                "Say it.", List.of());

        assertThat(ConfigDiff.between(a, b)).containsExactly(
                new Change("config.expected", Kind.CHANGED, json("\"42\""), json("\"43\"")),
                new Change("config.grid", Kind.CHANGED, json("[1,2]"), json("[1,3]")),
                new Change("config.limits.cols", Kind.REMOVED, json("2"), null),
                new Change("config.old", Kind.REMOVED, json("true"), null),
                new Change("config.partial", Kind.ADDED, null, json("0.5")));
    }

    @Test
    void theApproachAndEachTestByItsPlaceAreCompared() throws Exception {
        JsonNode config = json("{\"expected\":\"42\"}");
        QuestionTest t41Half = new QuestionTest("", "41", Map.of(), 0.5, List.of("CLOSE"));
        ConfigDiff.Side a = new ConfigDiff.Side(config, "Say it.", List.of(T42, T41));
        ConfigDiff.Side b = new ConfigDiff.Side(config, "Just say it.", List.of(T42, t41Half, T41));

        List<Change> changes = ConfigDiff.between(a, b);

        assertThat(changes).extracting(Change::field, Change::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("expectedApproach", Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("tests[1]", Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("tests[2]", Kind.ADDED));
        assertThat(changes.get(0).oldValue().asText()).isEqualTo("Say it.");
        assertThat(changes.get(0).newValue().asText()).isEqualTo("Just say it.");
        assertThat(changes.get(1).oldValue().path("score").asDouble()).isZero();
        assertThat(changes.get(1).newValue().path("score").asDouble()).isEqualTo(0.5);
        assertThat(changes.get(1).newValue().path("notes").get(0).asText()).isEqualTo("CLOSE");
        assertThat(changes.get(2).oldValue()).isNull();
        assertThat(changes.get(2).newValue().path("answer").asText()).isEqualTo("41");

        assertThat(ConfigDiff.between(b, a)).extracting(Change::field, Change::change).contains(
                org.assertj.core.groups.Tuple.tuple("tests[2]", Kind.REMOVED));
    }
}
