package dev.assay.engine.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.api.Doc;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a plugin's configuration looks like, for the instructor's generated form: each field of its configuration
 * record with its type, its {@link Doc} text, default and example, and its Bean Validation constraints, nested
 * records as nested fields. Read by reflection from the record, so the form follows the plugin's own type and never
 * drifts from it.
 *
 * @param plugin the plugin's id
 * @param type   the configuration record's simple name
 * @param doc    the record's own {@link Doc}, or null
 */
public record ConfigSchema(String plugin, String type, @JsonInclude(JsonInclude.Include.ALWAYS) String doc,
                           List<Field> fields) {
    /** Field types, as the form knows them. */
    public static final String STRING = "string", INTEGER = "integer", NUMBER = "number", BOOLEAN = "boolean",
            ENUM = "enum", LIST = "list", MAP = "map", OBJECT = "object";

    /**
     * How deep nested records are described; deeper (or a record inside itself) is an {@code object} without fields.
     * Real configurations nest three levels at most.
     */
    static final int MAX_DEPTH = 8;

    /** What a value of {@code any} type (JsonNode, Object) says of itself when its component has no {@link Doc}. */
    static final String ANY_VALUE = "any YAML value (written as raw YAML: the form cannot describe it)";

    /**
     * One field; {@code doc}, {@code defaultValue} and {@code example} are written as null where the plugin gives none,
     * the parts of other types left out. {@code name}: null (left out) for a list's items and a map's values. {@code choices}: an enum's constants.
     * {@code items}: a list's element. {@code values}: a map's values (keys are strings; {@code keys} says their
     * constraints). {@code fields}: a nested record's fields (empty for an object the form cannot describe).
     */
    public record Field(String name, String type, @JsonInclude(JsonInclude.Include.ALWAYS) String doc,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String defaultValue,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String example, boolean required,
                        Constraints constraints, List<String> choices, Field items, Field keys, Field values,
                        List<Field> fields) {
        public Field {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(constraints, "constraints");
        }
    }

    /**
     * The Bean Validation constraints on a field; null where absent (and left out of JSON). {@code min}, {@code max}:
     * numbers' bounds, exclusive where {@code exclusiveMin}/{@code exclusiveMax} say so ({@code @Positive} on a
     * decimal, {@code @DecimalMin(inclusive = false)}). Length bounds apply to strings, item bounds to lists and maps.
     */
    public record Constraints(BigDecimal min, BigDecimal max, Boolean exclusiveMin, Boolean exclusiveMax,
                              Integer minLength, Integer maxLength, String pattern, Integer minItems, Integer maxItems,
                              Boolean notBlank) {
        static final Constraints NONE = new Constraints(null, null, null, null, null, null, null, null, null, null);
    }

    /** The schema of {@code configType}, the configuration record of the plugin {@code pluginId}. */
    public static ConfigSchema of(String pluginId, Class<? extends Record> configType) {
        Doc doc = configType.getAnnotation(Doc.class);
        return new ConfigSchema(pluginId, configType.getSimpleName(), doc == null ? null : doc.value(),
                fieldsOf(configType, new LinkedHashSet<>()));
    }

    private static List<Field> fieldsOf(Class<?> record, Set<Class<?>> enclosing) {
        if (!enclosing.add(record)) {
            return List.of();
        }
        try {
            List<Field> fields = new ArrayList<>();
            for (RecordComponent c : record.getRecordComponents()) {
                fields.add(describe(c.getName(), c.getAnnotatedType(), constraintsOn(c), c.getAnnotation(Doc.class),
                        enclosing));
            }
            return List.copyOf(fields);
        } finally {
            enclosing.remove(record);
        }
    }

    /**
     * A component's annotations: those Java put on its type (Bean Validation's are TYPE_USE, so {@code @NotNull}
     * written on a component lands there) and those on its accessor (where METHOD-only annotations land).
     */
    private static List<Annotation> constraintsOn(RecordComponent c) {
        Set<Annotation> all = new LinkedHashSet<>(Arrays.asList(c.getAnnotatedType().getAnnotations()));
        all.addAll(Arrays.asList(c.getAccessor().getAnnotations()));
        return List.copyOf(all);
    }

    private static Field describe(String name, AnnotatedType type, List<Annotation> annotations, Doc doc,
                                  Set<Class<?>> enclosing) {
        Class<?> raw = rawClass(type.getType());
        if (raw == Optional.class) {
            AnnotatedType inner = typeArgument(type, 0);
            Field wrapped = describe(name, inner, annotationsOf(inner), doc, enclosing);
            return new Field(wrapped.name(), wrapped.type(), wrapped.doc(), wrapped.defaultValue(), wrapped.example(),
                    false, wrapped.constraints(), wrapped.choices(), wrapped.items(), wrapped.keys(), wrapped.values(),
                    wrapped.fields());
        }
        String kind = kindOf(raw);
        String text = doc == null ? null : doc.value();
        String defaultValue = doc == null || doc.defaultValue().isEmpty() ? null : doc.defaultValue();
        String example = doc == null || doc.example().isEmpty() ? null : doc.example();
        boolean required = raw.isPrimitive() || annotations.stream().anyMatch(a ->
                a instanceof NotNull || a instanceof NotBlank || a instanceof NotEmpty);
        Constraints constraints = constraints(kind, annotations);
        List<String> choices = null;
        Field items = null, keys = null, values = null;
        List<Field> fields = null;
        switch (kind) {
            case ENUM -> choices = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            case LIST -> items = element(raw.isArray() ? componentOf(type) : typeArgument(type, 0), enclosing);
            case MAP -> {
                AnnotatedType key = typeArgument(type, 0);
                keys = element(key, enclosing);
                values = element(typeArgument(type, 1), enclosing);
            }
            case OBJECT -> {
                if (raw.isRecord() && !enclosing.contains(raw) && enclosing.size() < MAX_DEPTH) {
                    fields = fieldsOf(raw, enclosing);
                    if (text == null) {
                        Doc typeDoc = raw.getAnnotation(Doc.class);
                        text = typeDoc == null ? null : typeDoc.value();
                    }
                } else {
                    fields = List.of();
                    if (text == null) {
                        text = raw.isRecord() ? "a " + raw.getSimpleName() + " (nested too deep for the form: write it as YAML)"
                                : ANY_VALUE;
                    }
                }
            }
            default -> {
            }
        }
        return new Field(name, kind, text, defaultValue, example, required, constraints, choices, items, keys, values,
                fields);
    }

    /** A list's element or a map's key or value: a field without a name, its constraints from its type argument. */
    private static Field element(AnnotatedType type, Set<Class<?>> enclosing) {
        return describe(null, type, annotationsOf(type), null, enclosing);
    }

    private static List<Annotation> annotationsOf(AnnotatedElement type) {
        return Arrays.asList(type.getAnnotations());
    }

    private static String kindOf(Class<?> raw) {
        if (raw == String.class || raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)
                || Temporal.class.isAssignableFrom(raw) || TemporalAmount.class.isAssignableFrom(raw)) {
            return STRING;
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
            return INTEGER;
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == BigDecimal.class
                || raw == Number.class) {
            return NUMBER;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return BOOLEAN;
        }
        if (raw.isEnum()) {
            return ENUM;
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return LIST;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return MAP;
        }
        return OBJECT;
    }

    private static Constraints constraints(String kind, List<Annotation> annotations) {
        BigDecimal min = null, max = null;
        Boolean exclusiveMin = null, exclusiveMax = null, notBlank = null;
        Integer minSize = null, maxSize = null;
        String pattern = null;
        for (Annotation a : annotations) {
            if (a instanceof Min m) {
                min = BigDecimal.valueOf(m.value());
            } else if (a instanceof Max m) {
                max = BigDecimal.valueOf(m.value());
            } else if (a instanceof DecimalMin m) {
                min = new BigDecimal(m.value());
                exclusiveMin = m.inclusive() ? null : Boolean.TRUE;
            } else if (a instanceof DecimalMax m) {
                max = new BigDecimal(m.value());
                exclusiveMax = m.inclusive() ? null : Boolean.TRUE;
            } else if (a instanceof Positive) {
                // An integer above 0 is at least 1; a decimal has no least value above 0.
                if (INTEGER.equals(kind)) {
                    min = BigDecimal.ONE;
                } else {
                    min = BigDecimal.ZERO;
                    exclusiveMin = Boolean.TRUE;
                }
            } else if (a instanceof PositiveOrZero) {
                min = BigDecimal.ZERO;
            } else if (a instanceof Negative) {
                if (INTEGER.equals(kind)) {
                    max = BigDecimal.ONE.negate();
                } else {
                    max = BigDecimal.ZERO;
                    exclusiveMax = Boolean.TRUE;
                }
            } else if (a instanceof NegativeOrZero) {
                max = BigDecimal.ZERO;
            } else if (a instanceof Size s) {
                if (s.min() > 0) {
                    minSize = s.min();
                }
                if (s.max() < Integer.MAX_VALUE) {
                    maxSize = s.max();
                }
            } else if (a instanceof NotEmpty) {
                minSize = minSize == null || minSize < 1 ? 1 : minSize;
            } else if (a instanceof NotBlank) {
                notBlank = Boolean.TRUE;
            } else if (a instanceof Pattern p) {
                pattern = p.regexp();
            }
        }
        boolean sized = LIST.equals(kind) || MAP.equals(kind);
        Constraints c = new Constraints(min, max, exclusiveMin, exclusiveMax, sized ? null : minSize,
                sized ? null : maxSize, pattern, sized ? minSize : null, sized ? maxSize : null, notBlank);
        return c.equals(Constraints.NONE) ? Constraints.NONE : c;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof java.lang.reflect.GenericArrayType g) {
            return rawClass(g.getGenericComponentType()).arrayType();
        }
        // A type variable or a wildcard: nothing the form can describe.
        return Object.class;
    }

    /** The i-th type argument of a parameterized type; Object (an "any" value) where the type is raw. */
    private static AnnotatedType typeArgument(AnnotatedType type, int i) {
        if (type instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments().length > i) {
            return p.getAnnotatedActualTypeArguments()[i];
        }
        return OBJECT_TYPE;
    }

    private static AnnotatedType componentOf(AnnotatedType type) {
        if (type instanceof AnnotatedArrayType a) {
            return a.getAnnotatedGenericComponentType();
        }
        return OBJECT_TYPE;
    }

    /** An unannotated Object, for raw collections. */
    private static final AnnotatedType OBJECT_TYPE = objectType();

    private static AnnotatedType objectType() {
        try {
            return Holder.class.getDeclaredField("any").getAnnotatedType();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Holder {
        @SuppressWarnings("unused")
        Object any;
    }
}
