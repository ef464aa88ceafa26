package dev.assay.it;

import dev.assay.server.interfaces.rest.AssayApplication;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Every endpoint of the REST API under /api, as its JAX-RS resources declare it: {method, path}. */
final class RestEndpoints {
    private RestEndpoints() {
    }

    static List<String[]> all() {
        String root = "/" + AssayApplication.class.getAnnotation(ApplicationPath.class).value();
        List<String[]> endpoints = new ArrayList<>();
        for (Class<?> resource : new AssayApplication().getClasses()) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue; // a provider or a filter
            }
            for (Method m : resource.getMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        endpoints.add(new String[] {verb.value(), join(root, base.value(), sub == null ? "" : sub.value())});
                    }
                }
            }
        }
        return endpoints;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String p : parts) {
            String trimmed = p.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.toString();
    }
}
