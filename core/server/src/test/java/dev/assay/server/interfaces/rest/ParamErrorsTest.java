package dev.assay.server.interfaces.rest;

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
}
