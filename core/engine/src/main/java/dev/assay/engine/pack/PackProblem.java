package dev.assay.engine.pack;

/**
 * One thing wrong with a pack: the file, the path of the field in it, and what to fix.
 *
 * @param field a path such as {@code config.symbols[1].shape}, or empty for the whole file
 */
public record PackProblem(String file, String field, String message) {
    @Override
    public String toString() {
        return file + (field == null || field.isEmpty() ? "" : ": " + field) + ": " + message;
    }
}
