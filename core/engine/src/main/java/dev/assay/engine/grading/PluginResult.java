package dev.assay.engine.grading;

import java.util.Objects;

/**
 * What a call into a plugin gave: a value, or a clear error in its place (the plugin threw, overran its time limit,
 * gave nothing, or is out of service). The plugin's own exception never reaches the caller.
 *
 * @param note    why there is no value: {@link GradingEngine#NOTE_TIMEOUT}, {@link GradingEngine#NOTE_PLUGIN_FAILED},
 *                {@link GradingEngine#NOTE_PLUGIN_UNHEALTHY} or {@link GradingEngine#NOTE_BUSY}; null with a value
 * @param message the error for people, naming the plugin and what it was asked to do; null with a value
 */
public record PluginResult<T>(T value, String note, String message) {
    public PluginResult {
        if ((value == null) == (note == null)) {
            throw new IllegalArgumentException("a plugin result has a value or a note, not both or neither");
        }
        if (note != null) {
            Objects.requireNonNull(message, "message");
        }
    }

    public static <T> PluginResult<T> of(T value) {
        return new PluginResult<>(Objects.requireNonNull(value, "value"), null, null);
    }

    public static <T> PluginResult<T> failed(String note, String message) {
        return new PluginResult<>(null, Objects.requireNonNull(note, "note"), message);
    }

    public boolean ok() {
        return note == null;
    }

    /** The value, or {@code fallback} when the call failed. */
    public T orElse(T fallback) {
        return ok() ? value : fallback;
    }

    /** The same error for a result of another type. */
    public <U> PluginResult<U> asFailure() {
        if (ok()) {
            throw new IllegalStateException("not a failure");
        }
        return failed(note, message);
    }
}
