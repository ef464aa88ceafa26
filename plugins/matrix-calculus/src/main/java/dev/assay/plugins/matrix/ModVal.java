package dev.assay.plugins.matrix;

import java.util.Arrays;

/**
 * A value modulo a trial's prime: a scalar, a matrix, or c·I of whatever size the context needs
 * (or of a known size, for {@code I_k}); entries in the field's Montgomery form; with the
 * {@link Bound} of the rational function it is a value of.
 */
final class ModVal {
    enum Kind { SCALAR, EYE, MATRIX }

    final Kind kind;
    final int rows;
    final int cols;
    /** Row-major entries; one entry (the coefficient) for SCALAR and EYE. */
    final long[] data;
    final Bound bound;
    /** An identity's size when it is known ({@code I_k}), else −1. */
    final int eyeSize;
    /**
     * What a trace of this identity counts, as the scalar its dimension stands for in expressions
     * (k, or the random value k is given when dimensions are checked as symbols); null: the size.
     */
    final ModVal eyeCount;

    private ModVal(Kind kind, int rows, int cols, long[] data, Bound bound, int eyeSize, ModVal eyeCount) {
        this.kind = kind;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.bound = bound;
        this.eyeSize = eyeSize;
        this.eyeCount = eyeCount;
    }

    static ModVal scalar(long v, Bound b) {
        return new ModVal(Kind.SCALAR, 1, 1, new long[]{v}, b, -1, null);
    }

    static ModVal eye(long c, Bound b, int size) {
        return new ModVal(Kind.EYE, size, size, new long[]{c}, b, size, null);
    }

    /** c·I of a size a dimension names, counted (by traces and norms) as {@code count}. */
    static ModVal eye(long c, Bound b, int size, ModVal count) {
        return new ModVal(Kind.EYE, size, size, new long[]{c}, b, size, count);
    }

    /** c·I with the size and count of whichever of a and b knows them. */
    static ModVal eye(long c, Bound b, ModVal a, ModVal o) {
        ModVal known = a.kind == Kind.EYE && a.eyeSize >= 0 ? a : o;
        return new ModVal(Kind.EYE, known.eyeSize, known.eyeSize, new long[]{c}, b, known.eyeSize,
                known.kind == Kind.EYE ? known.eyeCount : null);
    }

    static ModVal matrix(int rows, int cols, long[] data, Bound b) {
        return new ModVal(Kind.MATRIX, rows, cols, data, b, -1, null);
    }

    boolean isMatrix() {
        return kind == Kind.MATRIX;
    }

    long coefficient() {
        return data[0];
    }

    long get(int r, int c) {
        return data[r * cols + c];
    }

    /** As a matrix of size n×n where an identity must become one. */
    ModVal asMatrix(int n) {
        if (kind == Kind.MATRIX) {
            return this;
        }
        long[] d = new long[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = data[0];
        }
        return matrix(n, n, d, bound);
    }

    int compareRows() {
        return kind == Kind.MATRIX ? rows : 1;
    }

    int compareCols() {
        return kind == Kind.MATRIX ? cols : 1;
    }

    boolean sameEntries(ModVal o) {
        return compareRows() == o.compareRows() && compareCols() == o.compareCols() && Arrays.equals(data, o.data);
    }

    boolean isZero() {
        for (long x : data) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
