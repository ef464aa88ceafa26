package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.AssayException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One status code per kind of refusal, in one error shape, whichever application refuses. */
class RefusalStatusTest {
    @Test
    void eachKindOfRefusalHasItsOwnStatus() {
        assertThat(ErrorMappers.status(AssayException.Kind.INVALID)).isEqualTo(400);
        assertThat(ErrorMappers.status(AssayException.Kind.FORBIDDEN)).isEqualTo(403);
        assertThat(ErrorMappers.status(AssayException.Kind.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorMappers.status(AssayException.Kind.CONFLICT)).isEqualTo(409);
        assertThat(ErrorMappers.status(AssayException.Kind.TOO_LARGE)).isEqualTo(413);
        assertThat(Arrays.stream(AssayException.Kind.values()).map(ErrorMappers::status).distinct())
                .hasSize(AssayException.Kind.values().length);
    }

    @Test
    void aRefusalLeavesAsStatusErrorAndProblems() {
        Response r = new ErrorMappers.Application().toResponse(new AssayException(AssayException.Kind.INVALID, "Fix the points.",
                List.of(new AssayException.Problem("points", "must be a number from 0 to 4"))));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getEntity()).isEqualTo(new ErrorBody(400, "Fix the points.",
                List.of(new ErrorBody.Problem("points", "must be a number from 0 to 4"))));
        assertThat(new ErrorMappers.Application().toResponse(AssayException.forbidden("Only an instructor can do this."))
                .getEntity()).isEqualTo(ErrorBody.of(403, "Only an instructor can do this."));
    }
}
