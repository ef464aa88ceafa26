package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A parameter that does not convert is told what form it takes. */
class ParamErrorsTest {
    enum State { PENDING, DELIVERED }

    @Test
    void theExpectedFormIsNamedForEachKindOfParameter() {
        assertThat(ErrorMappers.Params.expectedForm(int.class)).isEqualTo("a whole number, such as 10");
        assertThat(ErrorMappers.Params.expectedForm(Long.class)).isEqualTo("a whole number, such as 10");
        assertThat(ErrorMappers.Params.expectedForm(double.class)).isEqualTo("a number, such as 2.5");
        assertThat(ErrorMappers.Params.expectedForm(boolean.class)).isEqualTo("true or false");
        assertThat(ErrorMappers.Params.expectedForm(State.class)).isEqualTo("one of PENDING, DELIVERED");
        assertThat(ErrorMappers.Params.expectedForm(null)).contains("/openapi");
    }

    @Test
    void aBooleanParameterIsTrueOrFalseAndNothingElse() {
        var converter = new StrictBooleans().getConverter(boolean.class, boolean.class, new java.lang.annotation.Annotation[0]);
        assertThat(converter.fromString("true")).isTrue();
        assertThat(converter.fromString("FALSE")).isFalse();
        for (String bad : java.util.List.of("yes", "1", "on", "maybe", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.fromString(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new StrictBooleans().getConverter(String.class, String.class, new java.lang.annotation.Annotation[0])).isNull();
    }
}
