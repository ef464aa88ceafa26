package dev.assay.server.interfaces.rest.dto;

import dev.assay.api.Echo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An answer group, as the question's analytics show it, to review at once: its echo and, where the plugin echoed
 * nothing (the group is of identical answer texts), its answer text; the points out of the question's, and a comment
 * each student gets.
 */
public record AnswerGroupReviewBody(@NotNull @Valid EchoBody echo, @Size(max = 100_000) String answer, @NotNull Double points,
                                    @Size(max = 20_000) String comment, @Size(max = 200) String reviewer) {
    /** An answer group's echo, as the analytics give it. */
    public record EchoBody(@NotNull @Size(max = 100_000) String text, @Size(max = 100_000) String latex) {
    }

    public Echo toEcho() {
        return new Echo(echo.text(), echo.latex());
    }
}
