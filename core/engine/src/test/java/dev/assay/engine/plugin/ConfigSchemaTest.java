package dev.assay.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.Doc;
import dev.assay.engine.json.Json;
import dev.assay.engine.plugin.ConfigSchema.Field;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    enum Mode { fast, careful }

    @Doc("a fake question's configuration")
    record FakeConfig(
            @Doc(value = "how to grade", defaultValue = "fast", example = "careful") @NotNull Mode mode,
            @Doc("random trials per check") @Min(1) @Max(10) Integer trials,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double tolerance,
            @Positive double weight,
            @NotBlank @Pattern(regexp = "[a-z]+") @Size(max = 20) String name,
            @NotEmpty List<@NotBlank String> expected,
            @Size(min = 2, max = 5) Set<Integer> picks,
            Map<@NotBlank String, @Min(0) Integer> hints,
            Optional<String> comment,
            @Doc("the nested part") @Valid Nested nested,
            @Valid List<@NotNull Nested> many,
            JsonNode anything,
            Boolean strict) {
    }

    @Doc("a part of the configuration")
    record Nested(@NotBlank String label, @DecimalMin("0") @DecimalMax("1") Double credit) {
    }

    /** A record that holds itself: the schema must end. */
    record Tree(String label, List<Tree> children, Tree parent) {
    }

    private static Field field(List<Field> fields, String name) {
        return fields.stream().filter(f -> name.equals(f.name())).findFirst().orElseThrow();
    }

    @Test
    void describesEachComponentWithItsDocTypeAndConstraints() {
        ConfigSchema schema = ConfigSchema.of("fake", FakeConfig.class);

        assertThat(schema.plugin()).isEqualTo("fake");
        assertThat(schema.type()).isEqualTo("FakeConfig");
        assertThat(schema.doc()).isEqualTo("a fake question's configuration");
        assertThat(schema.fields()).extracting(Field::name).containsExactly("mode", "trials", "tolerance", "weight",
                "name", "expected", "picks", "hints", "comment", "nested", "many", "anything", "strict");

        Field mode = field(schema.fields(), "mode");
        assertThat(mode.type()).isEqualTo("enum");
        assertThat(mode.choices()).containsExactly("fast", "careful");
        assertThat(mode.doc()).isEqualTo("how to grade");
        assertThat(mode.defaultValue()).isEqualTo("fast");
        assertThat(mode.example()).isEqualTo("careful");
        assertThat(mode.required()).isTrue();

        Field trials = field(schema.fields(), "trials");
        assertThat(trials.type()).isEqualTo("integer");
        assertThat(trials.required()).isFalse();
        assertThat(trials.constraints().min()).isEqualByComparingTo("1");
        assertThat(trials.constraints().max()).isEqualByComparingTo("10");
        assertThat(trials.defaultValue()).isNull();

        Field tolerance = field(schema.fields(), "tolerance");
        assertThat(tolerance.type()).isEqualTo("number");
        assertThat(tolerance.constraints().min()).isEqualByComparingTo("0");
        assertThat(tolerance.constraints().exclusiveMin()).isTrue();
        assertThat(tolerance.constraints().max()).isEqualByComparingTo("1");
        assertThat(tolerance.constraints().exclusiveMax()).isNull();

        Field weight = field(schema.fields(), "weight");
        assertThat(weight.type()).isEqualTo("number");
        assertThat(weight.constraints().exclusiveMin()).isTrue();

        Field name = field(schema.fields(), "name");
        assertThat(name.type()).isEqualTo("string");
        assertThat(name.required()).isTrue();
        assertThat(name.constraints().notBlank()).isTrue();
        assertThat(name.constraints().pattern()).isEqualTo("[a-z]+");
        assertThat(name.constraints().maxLength()).isEqualTo(20);
        assertThat(name.constraints().maxItems()).isNull();
    }

    @Test
    void describesCollectionsMapsOptionalsAndConstraintsOnTypeArguments() {
        List<Field> fields = ConfigSchema.of("fake", FakeConfig.class).fields();

        Field expected = field(fields, "expected");
        assertThat(expected.type()).isEqualTo("list");
        assertThat(expected.required()).isTrue();
        assertThat(expected.constraints().minItems()).isEqualTo(1);
        assertThat(expected.items().name()).isNull();
        assertThat(expected.items().type()).isEqualTo("string");
        assertThat(expected.items().constraints().notBlank()).isTrue();

        Field picks = field(fields, "picks");
        assertThat(picks.type()).isEqualTo("list");
        assertThat(picks.constraints().minItems()).isEqualTo(2);
        assertThat(picks.constraints().maxItems()).isEqualTo(5);
        assertThat(picks.items().type()).isEqualTo("integer");

        Field hints = field(fields, "hints");
        assertThat(hints.type()).isEqualTo("map");
        assertThat(hints.keys().constraints().notBlank()).isTrue();
        assertThat(hints.values().type()).isEqualTo("integer");
        assertThat(hints.values().constraints().min()).isEqualByComparingTo(BigDecimal.ZERO);

        Field comment = field(fields, "comment");
        assertThat(comment.type()).isEqualTo("string");
        assertThat(comment.required()).isFalse();

        assertThat(field(fields, "strict").type()).isEqualTo("boolean");
    }

    @Test
    void describesNestedRecordsAndSaysWhatItCannotDescribe() {
        List<Field> fields = ConfigSchema.of("fake", FakeConfig.class).fields();

        Field nested = field(fields, "nested");
        assertThat(nested.type()).isEqualTo("object");
        assertThat(nested.doc()).isEqualTo("the nested part");
        assertThat(nested.fields()).extracting(Field::name).containsExactly("label", "credit");
        assertThat(field(nested.fields(), "label").constraints().notBlank()).isTrue();
        assertThat(field(nested.fields(), "credit").constraints().max()).isEqualByComparingTo("1");

        Field many = field(fields, "many");
        assertThat(many.items().type()).isEqualTo("object");
        assertThat(many.items().required()).isTrue();
        assertThat(many.items().doc()).as("the record's own @Doc, where the component has none")
                .isEqualTo("a part of the configuration");
        assertThat(many.items().fields()).extracting(Field::name).containsExactly("label", "credit");

        Field anything = field(fields, "anything");
        assertThat(anything.type()).isEqualTo("object");
        assertThat(anything.fields()).isEmpty();
        assertThat(anything.doc()).isEqualTo(ConfigSchema.ANY_VALUE);
    }

    @Test
    void aRecordThatHoldsItselfEnds() {
        ConfigSchema schema = ConfigSchema.of("tree", Tree.class);

        Field parent = field(schema.fields(), "parent");
        assertThat(parent.type()).isEqualTo("object");
        assertThat(parent.fields()).isEmpty();
        assertThat(parent.doc()).contains("Tree");
        Field children = field(schema.fields(), "children");
        assertThat(children.items().type()).isEqualTo("object");
        assertThat(children.items().fields()).isEmpty();
    }

    @Test
    void writesOnlyTheConstraintsPresentAsJson() {
        JsonNode json = Json.json().valueToTree(ConfigSchema.of("fake", FakeConfig.class));

        JsonNode trials = json.get("fields").get(1);
        assertThat(trials.get("name").asText()).isEqualTo("trials");
        assertThat(trials.get("constraints").size()).isEqualTo(2);
        assertThat(trials.get("constraints").get("min").asInt()).isEqualTo(1);
        assertThat(trials.has("choices")).isFalse();
        assertThat(trials.has("example") && trials.get("example").isNull()).as("written as null: none given").isTrue();
        assertThat(trials.get("defaultValue").isNull()).isTrue();
        assertThat(json.get("fields").get(2).get("doc").isNull()).as("tolerance has no @Doc").isTrue();
        assertThat(json.get("fields").get(5).get("items").has("name")).as("a list's items have no name").isFalse();
        assertThat(json.get("fields").get(12).get("constraints").isEmpty()).as("strict: no constraints").isTrue();
    }
}
