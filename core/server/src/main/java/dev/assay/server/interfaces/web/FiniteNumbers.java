package dev.assay.server.interfaces.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.assay.engine.json.Json;
import java.io.IOException;
import java.util.Iterator;

/**
 * Request bodies carry finite numbers only. Jackson reads the strings "NaN" and "Infinity" into a double whatever
 * its coercion settings, and a literal such as 1e400 as an infinity; one review with points "NaN" was stored that
 * way and broke every later read of its submission. Here each of them is refused as a 400 that names the field.
 */
public final class FiniteNumbers extends SimpleModule {
    static final String MESSAGE = "must be a finite number (not NaN or Infinity)";

    /** The mapper of every JAX-RS body (/api and /lti): Assay's one configuration, with this module. */
    public static final ObjectMapper REST_MAPPER = Json.json().copy().registerModule(new FiniteNumbers());

    public FiniteNumbers() {
        super("assay-finite-numbers");
        addDeserializer(Double.class, new Finite<>(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, null)));
        addDeserializer(Double.TYPE, new Finite<>(Double.TYPE, new NumberDeserializers.DoubleDeserializer(Double.TYPE, 0.0)));
        addDeserializer(Float.class, new Finite<>(Float.class, new NumberDeserializers.FloatDeserializer(Float.class, null)));
        addDeserializer(Float.TYPE, new Finite<>(Float.TYPE, new NumberDeserializers.FloatDeserializer(Float.TYPE, 0f)));
        addDeserializer(double[].class, new FiniteArray<>(double[].class, a -> java.util.Arrays.stream(a).allMatch(Double::isFinite)));
        addDeserializer(float[].class, new FiniteArray<>(float[].class, a -> {
            for (float f : a) {
                if (!Float.isFinite(f)) {
                    return false;
                }
            }
            return true;
        }));
        addDeserializer(JsonNode.class, new FiniteTree<>(JsonNode.class));
        addDeserializer(com.fasterxml.jackson.databind.node.ObjectNode.class,
                new FiniteTree<>(com.fasterxml.jackson.databind.node.ObjectNode.class));
        addDeserializer(com.fasterxml.jackson.databind.node.ArrayNode.class,
                new FiniteTree<>(com.fasterxml.jackson.databind.node.ArrayNode.class));
    }

    private static final class Finite<T extends Number> extends StdDeserializer<T> {
        private final transient JsonDeserializer<? extends T> plain;

        Finite(Class<T> type, JsonDeserializer<? extends T> plain) {
            super(type);
            this.plain = plain;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = plain.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value.doubleValue())) {
                throw InvalidFormatException.from(p, MESSAGE, value, handledType());
            }
            return value;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            return plain.getNullValue(ctxt);
        }
    }

    /** Arrays of primitives are read without the element deserializers above: checked as a whole. */
    private static final class FiniteArray<T> extends StdDeserializer<T> {
        private final transient JsonDeserializer<?> plain;
        private final transient java.util.function.Predicate<T> allFinite;

        FiniteArray(Class<T> type, java.util.function.Predicate<T> allFinite) {
            super(type);
            this.plain = com.fasterxml.jackson.databind.deser.std.PrimitiveArrayDeserializers.forType(type.getComponentType());
            this.allFinite = allFinite;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            @SuppressWarnings("unchecked")
            T value = (T) plain.deserialize(p, ctxt);
            if (value != null && !allFinite.test(value)) {
                throw InvalidFormatException.from(p, MESSAGE, value, handledType());
            }
            return value;
        }
    }

    /** Free-form JSON (a question's configuration): no non-finite number anywhere in the tree. */
    private static final class FiniteTree<T extends JsonNode> extends StdDeserializer<T> {
        private final transient JsonDeserializer<? extends JsonNode> plain;

        FiniteTree(Class<T> type) {
            super(type);
            this.plain = com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer.getDeserializer(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T tree = (T) plain.deserialize(p, ctxt);
            check(tree, p);
            return tree;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            return (T) plain.getNullValue(ctxt);
        }

        private static void check(JsonNode node, JsonParser p) throws InvalidFormatException {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                throw InvalidFormatException.from(p, MESSAGE, node.asText(), Double.class);
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                check(it.next(), p);
            }
        }
    }
}
