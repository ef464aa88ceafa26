package dev.assay.engine.pack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's errors into a field path and a message an author can act on. */
public final class JsonPaths {
    /** YAML's not-a-number and infinities, which Jackson reports as malformed numbers. */
    private static final java.util.regex.Pattern YAML_NON_FINITE =
            java.util.regex.Pattern.compile("^Malformed numeric value '([-+]?\\.(?:nan|NaN|NAN|inf|Inf|INF))'");

    private JsonPaths() {
    }

    public static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    public static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    public static String message(JsonProcessingException e) {
        String where = "";
        JsonLocation loc = e.getLocation();
        // Records are built from buffered properties: a mapping error's location is where the object
        // ends, not where the field is. The field path says where; only syntax errors get a line.
        boolean precise = !(e instanceof JsonMappingException m) || m.getPath().isEmpty()
                || e instanceof InvalidFormatException;
        if (precise && loc != null && loc.getLineNr() > 0) {
            where = " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        java.util.regex.Matcher special = YAML_NON_FINITE.matcher(String.valueOf(e.getOriginalMessage()));
        if (special.find()) {
            // Inside a tree (a question's config) the path stops at the tree: the parser's own location says where.
            JsonLocation at = e.getCause() instanceof JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation() : loc;
            return "'" + special.group(1) + "' is not a finite number; write a number such as 2 or 0.5"
                    + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ")" : "");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : "; known fields: " + known) + where;
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType()) + where;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + article(simpleType(m.getTargetType())) + where;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage() + where;
        }
        if (e instanceof JsonMappingException) {
            return e.getOriginalMessage() + where;
        }
        return "syntax error: " + e.getOriginalMessage() + where;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == int.class || type == long.class
                || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "text";
        }
        if (com.fasterxml.jackson.databind.node.ObjectNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return "mapping (key: value lines)";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return "one of " + java.util.Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "object (" + type.getSimpleName() + ")";
    }

    private static String article(String s) {
        return s.startsWith("one of") ? s : ("aeiou".indexOf(s.charAt(0)) >= 0 ? "an " : "a ") + s;
    }
}
