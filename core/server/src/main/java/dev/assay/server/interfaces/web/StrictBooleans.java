package dev.assay.server.interfaces.web;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Boolean parameters take {@code true} or {@code false} and nothing else. JAX-RS reads them with
 * {@link Boolean#valueOf(String)}, so {@code ?changed=yes} or {@code ?changed=1} would quietly mean false; refused
 * here, they reach {@link ErrorMappers.Params} as a 400 that names the parameter and says "true or false".
 */
@Provider
public class StrictBooleans implements ParamConverterProvider {
    static final ParamConverter<Boolean> STRICT = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if ("true".equalsIgnoreCase(value)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(value)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("'" + value + "' is not true or false");
        }

        @Override
        public String toString(Boolean value) {
            return String.valueOf(value);
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == boolean.class || rawType == Boolean.class ? (ParamConverter<T>) STRICT : null;
    }
}
