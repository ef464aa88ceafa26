package dev.assay.engine.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.ConfigProblem;
import dev.assay.api.GraderPlugin;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.grading.PluginCalls;
import dev.assay.engine.grading.PluginResult;
import dev.assay.engine.json.Json;
import dev.assay.engine.plugin.LoadedPlugin;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Binds a question's configuration (a JSON tree from YAML or JSON) to its plugin's record type, then
 * checks it: unknown or mistyped fields, numbers that are not finite (NaN, infinities) in any double or float
 * field, Bean Validation constraints, then the plugin's own checks.
 * Every problem comes with the path of the field.
 */
public final class ConfigBinder {
    private final Validator validator;
    private final PluginCalls calls;

    /** A binder whose plugin checks go through the engine's door, under the engine's time limit. */
    public ConfigBinder(Validator validator, PluginCalls calls) {
        this.validator = validator;
        this.calls = calls;
    }

    /** A binder on its own (a test, a tool that grades nothing): plugin checks run under the default limits. */
    public ConfigBinder(Validator validator) {
        this(validator, new PluginCalls(EngineSettings.defaults()));
    }

    public record Result(Record config, List<ConfigProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result bind(LoadedPlugin loaded, JsonNode config) {
        GraderPlugin<Record> plugin = loaded.typed();
        Record value;
        Thread me = Thread.currentThread();
        ClassLoader previous = me.getContextClassLoader();
        // Only the binding runs under the plugin's loader (libraries in the plugin may look there);
        // validation runs under the caller's, where the validator and its proxies live.
        me.setContextClassLoader(loaded.loader());
        try {
            value = Json.json().treeToValue(config, plugin.configType());
        } catch (JsonMappingException e) {
            return new Result(null, List.of(new ConfigProblem(JsonPaths.path(e), JsonPaths.message(e))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Result(null, List.of(new ConfigProblem("", rootMessage(e))));
        } finally {
            me.setContextClassLoader(previous);
        }
        if (value == null) {
            return new Result(null, List.of(new ConfigProblem("", "the configuration is empty")));
        }
        List<ConfigProblem> problems = new ArrayList<>(NonFiniteNumbers.in(value));
        java.util.Set<String> nonFinite = new java.util.HashSet<>();
        problems.forEach(p -> nonFinite.add(p.path()));
        for (ConstraintViolation<Record> v : validator.validate(value)) {
            String path = v.getPropertyPath().toString();
            if (!nonFinite.contains(path)) { // a constraint's verdict on NaN says nothing more
                problems.add(new ConfigProblem(path, v.getMessage()));
            }
        }
        problems.sort(Comparator.comparing(ConfigProblem::path));
        if (problems.isEmpty()) {
            Record checked = value;
            PluginResult<List<ConfigProblem>> check = calls.call(loaded, "check the configuration",
                    calls.settings().limits().timeLimit(), () -> plugin.checkConfig(checked));
            if (check.ok()) {
                check.value().stream().filter(java.util.Objects::nonNull).forEach(problems::add);
            } else {
                problems.add(new ConfigProblem("", check.message()));
            }
        }
        return new Result(problems.isEmpty() ? value : null, List.copyOf(problems));
    }

    /** A record's constructor that rejects a value surfaces wrapped: say what it said. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
