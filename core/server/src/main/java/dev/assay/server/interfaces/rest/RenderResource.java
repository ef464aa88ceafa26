package dev.assay.server.interfaces.rest;

import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import dev.assay.server.interfaces.web.Markdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Markdown with LaTeX rendered as students see it (the LTI pages use the same {@link Markdown}): the workspace previews
 * a prompt being edited and a preview's feedback with it. Raw HTML in the text is escaped; maths comes back as
 * {@code span.math} for the page's KaTeX.
 */
@Path("render")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.INSTRUCTOR, Role.ADMIN})
public class RenderResource {
    /** Texts to render, in order (a prompt, or a preview's feedback blocks). */
    public record MarkdownBody(@NotNull @Size(max = 50) List<@NotNull @Size(max = 100_000) String> markdown) {
    }

    /** The HTML of each text, in the same order. */
    public record Rendered(List<String> html) {
    }

    @Operation(summary = "Markdown with LaTeX as students see it: safe HTML, maths as span.math for KaTeX")
    @POST
    @Path("markdown")
    @Consumes(MediaType.APPLICATION_JSON)
    public Rendered markdown(@Valid @NotNull MarkdownBody body) {
        return new Rendered(body.markdown().stream().map(Markdown::html).toList());
    }
}
