package dev.assay.server.interfaces.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;

/** Any Jackson provider in the container (Payara bundles Jersey's) uses Assay's one mapper. */
public class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
    @Override
    public ObjectMapper getContext(Class<?> type) {
        return FiniteNumbers.REST_MAPPER;
    }
}
