package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.assay.engine.pack.JsonPaths;
import org.junit.jupiter.api.Test;

/** Request bodies: Jackson would read "NaN", "Infinity" and 1e400 into doubles; the REST mapper refuses them. */
class FiniteNumbersTest {
    record Review(Double points, String comment) {
    }

    record Weights(double scale, float[] values) {
    }

    record Config(JsonNode config) {
    }

    /** As ConfigBody types it. */
    record ObjectConfig(com.fasterxml.jackson.databind.node.ObjectNode config) {
    }

    @Test
    void finiteNumbersReadAsUsual() throws Exception {
        assertThat(FiniteNumbers.REST_MAPPER.readValue("{\"points\": 2.5}", Review.class).points()).isEqualTo(2.5);
        assertThat(FiniteNumbers.REST_MAPPER.readValue("{\"points\": null}", Review.class).points()).isNull();
        assertThat(FiniteNumbers.REST_MAPPER.readValue("{\"scale\": 3, \"values\": [1, 2.5]}", Weights.class).values())
                .containsExactly(1f, 2.5f);
        assertThat(FiniteNumbers.REST_MAPPER.readValue("{\"config\": {\"a\": [1.5, \"NaN\"]}}", Config.class).config()
                .path("a").get(1).asText()).as("a string stays a string").isEqualTo("NaN");
        assertThat(FiniteNumbers.REST_MAPPER.readValue("{\"config\": {\"k\": 3}}", ObjectConfig.class).config().path("k").asInt())
                .isEqualTo(3);
    }

    @Test
    void nanAndInfinityAreRefusedWhereverANumberIsExpected() {
        for (String body : new String[]{"{\"points\": \"NaN\"}", "{\"points\": \"Infinity\"}", "{\"points\": \"-Infinity\"}",
                "{\"points\": 1e400}"}) {
            assertThatThrownBy(() -> FiniteNumbers.REST_MAPPER.readValue(body, Review.class)).as(body)
                    .isInstanceOfSatisfying(InvalidFormatException.class, e -> {
                        assertThat(JsonPaths.path(e)).isEqualTo("points");
                        assertThat(e.getOriginalMessage()).isEqualTo(FiniteNumbers.MESSAGE);
                    });
        }
        assertThatThrownBy(() -> FiniteNumbers.REST_MAPPER.readValue("{\"scale\": \"NaN\", \"values\": []}", Weights.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> FiniteNumbers.REST_MAPPER.readValue("{\"scale\": 1, \"values\": [1, 1e60]}", Weights.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> FiniteNumbers.REST_MAPPER.readValue("{\"config\": {\"a\": [1, 1e400]}}", Config.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> FiniteNumbers.REST_MAPPER.readValue("{\"config\": {\"expected\": 1e400}}", ObjectConfig.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
