package dev.assay.engine.eval;

/** A choice the person running {@code eval} made that cannot work (a plugin that lacks what it needs): what to change. */
public final class EvalUsageException extends RuntimeException {
    public EvalUsageException(String message) {
        super(message);
    }
}
