package dev.assay.server.interfaces.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one shape of every error Assay answers over HTTP, under /api and /lti alike: {@code {status, error, problems}},
 * where {@code error} says what went wrong and what to do, and each problem names a field to fix.
 */
public record ErrorBody(int status, String error, List<Problem> problems) {
    /** A field of the request to fix: {@code points}, {@code files[0].name}, {@code limit}. */
    public record Problem(String field, String message) {
    }

    public ErrorBody {
        problems = List.copyOf(problems);
    }

    public static ErrorBody of(int status, String error) {
        return new ErrorBody(status, error, List.of());
    }

    /** This error as a JSON response. */
    public Response response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(this).build();
    }

    /** This error as an exception that leaves as this response (from a filter, an interceptor or a resource). */
    public WebApplicationException asException() {
        return new WebApplicationException(error, response());
    }
}
