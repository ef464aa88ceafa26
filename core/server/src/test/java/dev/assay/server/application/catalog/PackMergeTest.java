package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
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
    void aConflictStaysWhileTheFolderKeepsThatFieldAsItWas() {
        // Import 2 recorded conflicts on points and config (Assay: 6 and 41, folder: 5 and 43). Import 3 changes only
        // the prompt: its base is import 2, so points and config look changed only in Assay; the conflicts stay.
        PackMerge.Fields incoming = PackMerge.Fields.of("Q1", "Say it now.", 5, "it-exact", config("43"), "Just say it.");
        PackMerge.Result r = PackMerge.merge(q(5, "43"), q(6, "41"), incoming, Set.of(PackMerge.POINTS, PackMerge.CONFIG));
        assertThat(r.taken()).containsExactly(PackMerge.PROMPT);
        assertThat(r.merged().points()).isEqualTo(6);
        assertThat(r.conflicts()).extracting(PackMerge.Conflict::field).containsExactly(PackMerge.POINTS, PackMerge.CONFIG);
        assertThat(r.conflicts().get(1).incoming().path("config").path("expected").asText()).isEqualTo("43");
    }

    @Test
    void aRecordedConflictEndsWhenTheValuesAgreeAndIsMergedAfreshWhenTheFolderChangesItAgain() {
        Set<String> open = Set.of(PackMerge.CONFIG);
        assertThat(PackMerge.merge(q(4, "43"), q(4, "41"), q(4, "41"), open).conflicts())
                .as("the folder now says what is in force").isEmpty();
        PackMerge.Result again = PackMerge.merge(q(4, "43"), q(4, "41"), q(4, "44"), open);
        assertThat(again.conflicts()).singleElement().satisfies(c ->
                assertThat(c.incoming().path("config").path("expected").asText()).isEqualTo("44"));
        PackMerge.Result settled = PackMerge.merge(q(4, "43"), q(4, "43"), q(4, "44"), open);
        assertThat(settled.taken()).as("Assay had taken the folder's value since: the folder's change is taken")
                .containsExactly(PackMerge.CONFIG);
        assertThat(settled.conflicts()).isEmpty();
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
