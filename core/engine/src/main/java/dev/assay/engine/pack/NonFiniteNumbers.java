package dev.assay.engine.pack;

import dev.assay.api.ConfigProblem;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds NaN and the infinities in a bound configuration: every double and float field, however deep in records,
 * lists, maps and arrays, with its path. JSON and YAML let them in as {@code "NaN"}, {@code Infinity} or
 * {@code 1e999}, and no plugin's arithmetic or Bean Validation constraint is written for them.
 */
final class NonFiniteNumbers {
    /** Configurations are trees a few levels deep; a cycle or a pathological nesting stops here. */
    private static final int MAX_DEPTH = 64;

    private NonFiniteNumbers() {
    }

    static List<ConfigProblem> in(Record config) {
        List<ConfigProblem> problems = new ArrayList<>();
        walk(config, "", 0, problems);
        return problems;
    }

    private static void walk(Object value, String path, int depth, List<ConfigProblem> problems) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Double d) {
            check(d, path, problems);
        } else if (value instanceof Float f) {
            check(f.doubleValue(), path, problems);
        } else if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                component(r, c).ifPresent(v -> walk(v, field(path, c.getName()), depth + 1, problems));
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", depth + 1, problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, field(path, String.valueOf(k)), depth + 1, problems));
        } else if (value instanceof Optional<?> o) {
            walk(o.orElse(null), path, depth + 1, problems);
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                walk(Array.get(value, i), path + "[" + i + "]", depth + 1, problems);
            }
        }
    }

    private static void check(double d, String path, List<ConfigProblem> problems) {
        if (!Double.isFinite(d)) {
            problems.add(new ConfigProblem(path, "must be a finite number, not " + d));
        }
    }

    private static Optional<Object> component(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // a plugin's records may be nested in non-public classes
            return Optional.ofNullable(accessor.invoke(r));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // what cannot be read cannot be checked; binding read it, so this is rare
        }
    }

    private static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
