package dev.assay.plugins.matrix;

/**
 * An answer that cannot be compared soundly: too large to compare exactly, or, in floating point,
 * values out of the range where a difference would show. Never credit: the student is told what
 * to simplify.
 */
final class Undecidable extends RuntimeException {
    Undecidable(String message) {
        super(message, null, false, false);
    }
}
