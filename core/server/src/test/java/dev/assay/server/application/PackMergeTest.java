package dev.assay.server.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The start-up import of a changed packs folder never reverts what was changed in Assay since its last import. */
class PackMergeTest {
    static ObjectNode config(String expected) {
        return JsonNodeFactory.instance.objectNode().put("expected", expected);
    }

    static PackMerge.Fields q(double points, String expected) {
        return PackMerge.Fields.of("Q1", "Say it.", points, "it-exact", config(expected), "Just say it.");
    }

    @Test
    void aFieldOnlyTheFolderChangedIsTaken() {
        PackMerge.Result r = PackMerge.merge(q(4, "42"), q(4, "42"), q(5, "43"));
        assertThat(r.taken()).containsExactly(PackMerge.POINTS, PackMerge.CONFIG);
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.merged().points()).isEqualTo(5);
        assertThat(r.merged().get(PackMerge.CONFIG).path("config").path("expected").asText()).isEqualTo("43");
    }

    @Test
    void aFieldOnlyAssayChangedStaysAndIsNoConflict() {
        // Instructor raised the points and changed the config over REST; the folder changed only the prompt.
        PackMerge.Fields base = q(4, "42");
        PackMerge.Fields current = q(6, "41");
        PackMerge.Fields incoming = PackMerge.Fields.of("Q1", "Say it clearly.", 4, "it-exact", config("42"), "Just say it.");
        PackMerge.Result r = PackMerge.merge(base, current, incoming);
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.taken()).containsExactly(PackMerge.PROMPT);
        assertThat(r.merged().points()).isEqualTo(6);
        assertThat(r.merged().prompt()).isEqualTo("Say it clearly.");
        assertThat(r.merged().get(PackMerge.CONFIG).path("config").path("expected").asText()).isEqualTo("41");
    }

    @Test
    void aFieldBothChangedKeepsAssaysAndReportsTheFoldersValue() {
        PackMerge.Result r = PackMerge.merge(q(4, "42"), q(6, "41"), q(5, "43"));
        assertThat(r.taken()).isEmpty();
        assertThat(r.merged().points()).isEqualTo(6);
        assertThat(r.conflicts()).extracting(PackMerge.Conflict::field).containsExactly(PackMerge.POINTS, PackMerge.CONFIG);
        assertThat(r.conflicts().get(0).incoming().asDouble()).isEqualTo(5);
        assertThat(r.conflicts().get(1).kept().path("config").path("expected").asText()).isEqualTo("41");
        assertThat(r.conflicts().get(1).incoming().path("config").path("expected").asText()).isEqualTo("43");
    }

    @Test
    void bothMakingTheSameChangeIsNoConflict() {
        PackMerge.Result r = PackMerge.merge(q(4, "42"), q(5, "43"), q(5, "43"));
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.taken()).isEmpty();
    }

    @Test
    void withoutABaseEveryDifferenceIsAConflictAndAssaysStays() {
        // The folder was never imported (the pack came by upload): nothing says the folder changed last.
        PackMerge.Result r = PackMerge.merge(null, q(6, "41"), q(4, "42"));
        assertThat(r.merged().points()).isEqualTo(6);
        assertThat(r.conflicts()).extracting(PackMerge.Conflict::field).containsExactly(PackMerge.POINTS, PackMerge.CONFIG);
        assertThat(PackMerge.merge(null, q(4, "42"), q(4, "42")).conflicts()).isEmpty();
    }

    @Test
    void anUploadTakesEverything() {
        PackMerge.Result r = PackMerge.takeAll(q(6, "41"), q(4, "42"));
        assertThat(r.merged().points()).isEqualTo(4);
        assertThat(r.taken()).containsExactly(PackMerge.POINTS, PackMerge.CONFIG);
        assertThat(r.conflicts()).isEmpty();
    }

    @Test
    void pointsCompareByValue() {
        assertThat(PackMerge.same(JsonNodeFactory.instance.numberNode(4), JsonNodeFactory.instance.numberNode(4.0))).isTrue();
        assertThat(PackMerge.same(JsonNodeFactory.instance.numberNode(4), JsonNodeFactory.instance.numberNode(4.5))).isFalse();
    }
}
