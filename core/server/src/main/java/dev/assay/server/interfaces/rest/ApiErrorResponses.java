package dev.assay.server.interfaces.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The error responses of /api in its OpenAPI description ({@code mp.openapi.filter}), in one place rather than on every
 * method: every error has the one shape {@code {status, error, problems}} ({@link dev.assay.server.interfaces.web.ErrorBody}),
 * which this adds as the schema {@code ErrorBody}. Each operation gets 401 and 403 (every one needs a role); 400 where
 * it takes a body or query parameters; 404 where its path names something. An error response a method declares
 * itself (a 409, a 413) gets the shape too, and what the scanner files as "default" (the method's return type) is
 * the 200 it is.
 */
public class ApiErrorResponses implements OASFilter {
    static final String ERROR_SCHEMA = "ErrorBody";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(ERROR_SCHEMA, errorSchema());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/") || path.getValue().getOperations() == null) {
                continue;
            }
            for (Operation op : path.getValue().getOperations().values()) {
                addErrors(path.getKey(), op);
            }
        }
    }

    private static void addErrors(String path, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        // The scanner puts what a method returns under "default" (any other status); it is the success response.
        if (responses.hasAPIResponse("default") && responses.getAPIResponses().keySet().stream().noneMatch(c -> c.startsWith("2"))) {
            APIResponse success = responses.getAPIResponse("default");
            responses.removeAPIResponse("default");
            responses.addAPIResponse("200", success.description(success.getDescription() == null ? "Done." : success.getDescription()));
        }
        boolean takesInput = op.getRequestBody() != null || (op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY));
        if (takesInput) {
            add(responses, "400", "The request is wrong; each problem names a field to fix.");
        }
        add(responses, "401", "No credential, or one that is not valid: send the admin token or a session's.");
        add(responses, "403", "The caller's role may not do this.");
        if (path.contains("{")) {
            add(responses, "404", "Nothing of that name or id on this server.");
        }
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            if (r.getKey().matches("[45]\\d\\d") && (r.getValue().getContent() == null
                    || r.getValue().getContent().getMediaTypes() == null || r.getValue().getContent().getMediaTypes().isEmpty())) {
                r.getValue().setContent(errorContent());
            }
        }
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(errorContent()));
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content errorContent() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)));
    }

    private static Schema errorSchema() {
        Schema problem = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("The field of the request to fix: points, files[0].name, config.tolerance."))
                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("What is wrong with it."))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Every error Assay answers over HTTP.")
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER).description("The HTTP status."))
                .addProperty("error", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("What went wrong and what to do."))
                .addProperty("problems", OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(problem)
                        .description("Each field to fix; empty when the error is not about a field."))
                .required(List.of("status", "error", "problems"));
    }
}
