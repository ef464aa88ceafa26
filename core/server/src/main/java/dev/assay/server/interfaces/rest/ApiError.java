package dev.assay.server.interfaces.rest;

import dev.assay.server.interfaces.rest.dto.Views;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An error response: status, what went wrong, and the fields to fix. */
record ApiError(int status, String message, List<Views.Problem> problems) {
    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    Response response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Views.Error(status, message, problems)).build();
    }

    WebApplicationException asException() {
        return new WebApplicationException(message, response());
    }
}
