package dev.assay.server.interfaces.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.assay.engine.pack.JsonPaths;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.catalog.QuestionTests;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ParamException;

/**
 * Every error leaves as JSON ({@link ErrorBody}: {@code status, error, problems[field, message]}) that says what to fix.
 * Both JAX-RS applications (/api and /lti) register {@link #ALL}.
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /**
     * Every mapper, with the strict boolean parameters whose refusals {@link Params} words: what each Assay JAX-RS
     * application (/api, /lti) registers, so no application answers an error in a shape of its own (the LTI one once
     * left out {@link Params}, and a bad path parameter there was a 404).
     */
    public static final java.util.Set<Class<?>> ALL = java.util.Set.of(Application.class, Violations.class, BadJson.class,
            Params.class, Web.class, Unexpected.class, StrictBooleans.class);

    /** A refusal of the application: its kind's status, its message, its problems. */
    public static final class Application implements ExceptionMapper<AssayException> {
        @Override
        public Response toResponse(AssayException e) {
            if (e instanceof QuestionTests.Failed failed) {
                return Response.status(422).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                        .entity(new FailedTestsBody(422, e.getMessage(), List.of(), failed.failures())).build();
            }
            return new ErrorBody(status(e.kind()), e.getMessage(),
                    e.problems().stream().map(p -> new ErrorBody.Problem(p.field(), p.message())).toList()).response();
        }
    }

    /** {@link ErrorBody}'s shape with each failing question test: a configuration save refused by its tests. */
    public record FailedTestsBody(int status, String error, List<ErrorBody.Problem> problems, List<QuestionTests.Failure> failures) {
    }

    /** The one status code of each kind of refusal, whichever application (/api, /lti) refuses. */
    public static int status(AssayException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    /** Bean Validation on bodies and parameters: the field paths without the Java method and parameter names. */
    public static final class Violations implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<ErrorBody.Problem> problems = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                problems.add(new ErrorBody.Problem(field(v.getPropertyPath()), v.getMessage()));
            }
            problems.sort(Comparator.comparing(ErrorBody.Problem::field));
            return new ErrorBody(400, "The request has " + problems.size() + " invalid field"
                    + (problems.size() == 1 ? "" : "s") + ".", problems).response();
        }

        static String field(Path path) {
            StringBuilder sb = new StringBuilder();
            Iterator<Path.Node> it = path.iterator();
            int i = 0;
            while (it.hasNext()) {
                Path.Node n = it.next();
                i++;
                if (i <= 2 && (n.getKind() == jakarta.validation.ElementKind.METHOD
                        || n.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                    continue; // submit.body → dropped
                }
                if (n.getIndex() != null) {
                    sb.append('[').append(n.getIndex()).append(']');
                }
                if (n.getName() != null && n.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(n.getName());
                }
            }
            return sb.length() == 0 ? "body" : sb.toString();
        }
    }

    /** Malformed JSON, or JSON of the wrong shape. */
    public static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? JsonPaths.path(m) : "";
            String message = e instanceof JsonParseException ? "The body is not valid JSON: " + JsonPaths.message(e)
                    : "The body does not have the expected shape: " + JsonPaths.message(e);
            return new ErrorBody(400, message, field.isEmpty() ? List.of() : List.of(new ErrorBody.Problem(field, JsonPaths.message(e))))
                    .response();
        }
    }

    /**
     * A query or path parameter that does not convert to its type ({@code ?limit=abc}): 400 naming the parameter and
     * the form it takes. (Left to JAX-RS it is a 404 for query and path parameters, which reads as a wrong path.)
     */
    public static final class Params implements ExceptionMapper<ParamException> {
        @Context
        ResourceInfo resource;

        @Override
        public Response toResponse(ParamException e) {
            String kind = e.getParameterType() == PathParam.class ? "path parameter" : e.getParameterType() == QueryParam.class
                    ? "query parameter" : e.getParameterType() == HeaderParam.class ? "header" : "parameter";
            String name = e.getParameterName();
            String form = expectedForm(parameterType(e.getParameterType(), name));
            String message = "The " + kind + " '" + name + "' must be " + form + ".";
            return new ErrorBody(400, message, List.of(new ErrorBody.Problem(name, "must be " + form))).response();
        }

        private Class<?> parameterType(Class<? extends Annotation> annotation, String name) {
            Method m = resource == null ? null : resource.getResourceMethod();
            if (m == null) {
                return null;
            }
            for (Parameter p : m.getParameters()) {
                Annotation a = annotation == null ? null : p.getAnnotation(annotation);
                if (a instanceof QueryParam q && q.value().equals(name) || a instanceof PathParam pp && pp.value().equals(name)
                        || a instanceof HeaderParam h && h.value().equals(name)) {
                    return p.getType();
                }
            }
            return null;
        }

        /** How a value of the type is written, for a person. */
        static String expectedForm(Class<?> type) {
            if (type == null) {
                return "of the documented form (see /openapi)";
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                    || type == short.class || type == Short.class) {
                return "a whole number, such as 10";
            }
            if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                return "a number, such as 2.5";
            }
            if (type == boolean.class || type == Boolean.class) {
                return "true or false";
            }
            if (type.isEnum()) {
                return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
            }
            return "of the documented form (see /openapi)";
        }
    }

    /** JAX-RS's own errors (404 for unknown paths, 405, 415…) as JSON too. */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r.hasEntity() && MediaType.APPLICATION_JSON_TYPE.isCompatible(r.getMediaType())) {
                return r;
            }
            String message = switch (r.getStatus()) {
                case 404 -> "Nothing here: check the path (the API is described at /openapi).";
                case 405 -> "This path does not take that HTTP method.";
                case 415 -> "Send the body as application/json (packs: application/zip).";
                default -> e.getMessage();
            };
            return ErrorBody.of(r.getStatus(), message).response();
        }
    }

    /** Anything else is our fault: logged with an id the caller can quote. */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Unexpected error " + id, e);
            return ErrorBody.of(500, "Something went wrong on the server (error " + id
                    + "). Try again; if it keeps happening, give an administrator the error id.").response();
        }
    }
}
