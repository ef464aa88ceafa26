package dev.assay.plugins.matrix;

/**
 * Arithmetic on exact values ({@link ModVal}) modulo a trial's prime, each result with the
 * {@link Bound} of the rational function it is: what {@link ExactEvaluator} computes each node with,
 * and what {@link ExactTrial} draws decompositions with. Operands are shape-checked already; an
 * identity c·I takes whatever size its partner has.
 */
final class ExactArithmetic {
    private final PrimeField f;

    ExactArithmetic(PrimeField f) {
        this.f = f;
    }

    ModVal neg(ModVal a) {
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.neg(a.data[i]);
        }
        return like(a, d, a.bound);
    }

    private static ModVal like(ModVal a, long[] d, Bound b) {
        return switch (a.kind) {
            case SCALAR -> ModVal.scalar(d[0], b);
            case EYE -> ModVal.eye(d[0], b, a, a);
            case MATRIX -> ModVal.matrix(a.rows, a.cols, d, b);
        };
    }

    ModVal transpose(ModVal a) {
        if (!a.isMatrix()) {
            return a;
        }
        long[] d = new long[a.data.length];
        for (int r = 0; r < a.rows; r++) {
            for (int c = 0; c < a.cols; c++) {
                d[c * a.rows + r] = a.data[r * a.cols + c];
            }
        }
        return ModVal.matrix(a.cols, a.rows, d, a.bound);
    }

    ModVal scale(ModVal a, long c, Bound cBound) {
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.mul(a.data[i], c);
        }
        return like(a, d, a.bound.times(cBound, 1));
    }

    ModVal add(ModVal a, ModVal b) {
        Bound bound = a.bound.plus(b.bound);
        if (a.kind == ModVal.Kind.SCALAR && b.kind == ModVal.Kind.SCALAR) {
            return ModVal.scalar(f.add(a.coefficient(), b.coefficient()), bound);
        }
        // a scalar added to a matrix passed the shape check only as a literal 0
        if (a.kind == ModVal.Kind.SCALAR) {
            return b;
        }
        if (b.kind == ModVal.Kind.SCALAR) {
            return a;
        }
        if (a.kind == ModVal.Kind.EYE && b.kind == ModVal.Kind.EYE) {
            return ModVal.eye(f.add(a.coefficient(), b.coefficient()), bound, a, b);
        }
        if (a.kind == ModVal.Kind.EYE || b.kind == ModVal.Kind.EYE) {
            ModVal m = a.isMatrix() ? a : b;
            long c = a.isMatrix() ? b.coefficient() : a.coefficient();
            long[] d = m.data.clone();
            for (int i = 0; i < Math.min(m.rows, m.cols); i++) {
                d[i * m.cols + i] = f.add(d[i * m.cols + i], c);
            }
            return ModVal.matrix(m.rows, m.cols, d, bound);
        }
        long[] d = new long[a.data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.add(a.data[i], b.data[i]);
        }
        return ModVal.matrix(a.rows, a.cols, d, bound);
    }

    ModVal multiply(ModVal a, ModVal b) {
        if (!a.isMatrix() && !b.isMatrix()) {
            long c = f.mul(a.coefficient(), b.coefficient());
            Bound bound = a.bound.times(b.bound, 1);
            return a.kind == ModVal.Kind.EYE || b.kind == ModVal.Kind.EYE
                    ? ModVal.eye(c, bound, a, b) : ModVal.scalar(c, bound);
        }
        if (!a.isMatrix()) {
            return scale(b, a.coefficient(), a.bound);
        }
        if (!b.isMatrix()) {
            return scale(a, b.coefficient(), b.bound);
        }
        int n = a.rows;
        int s = a.cols;
        int m = b.cols;
        // Each entry is Σ a_ik·b_kj, summed as 128-bit products and reduced once (Montgomery's reduction of the sum is the
        // sum of the reduced products): the high half stays below p, as a product's (below 2⁶⁰) is less than p.
        long p = f.p;
        long[] lo = new long[n * m];
        long[] hi = new long[n * m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < s; k++) {
                long aik = a.data[i * s + k];
                if (aik == 0) {
                    continue;
                }
                int row = k * m;
                int o = i * m;
                for (int j = 0; j < m; j++) {
                    long x = b.data[row + j];
                    long productLo = aik * x;
                    long sumLo = lo[o + j] + productLo;
                    long sumHi = hi[o + j] + Math.multiplyHigh(aik, x) + (Long.compareUnsigned(sumLo, productLo) < 0 ? 1 : 0);
                    lo[o + j] = sumLo;
                    hi[o + j] = sumHi >= p ? sumHi - p : sumHi;
                }
            }
        }
        long[] out = lo;
        for (int e = 0; e < out.length; e++) {
            out[e] = f.reduce(hi[e], lo[e]);
        }
        return ModVal.matrix(n, m, out, a.bound.times(b.bound, s));
    }

    ModVal power(ModVal a, int exponent) {
        ModVal acc = a;
        for (int i = 1; i < exponent; i++) {
            acc = multiply(acc, a);
        }
        return acc;
    }

    ModVal inverse(ModVal a, Expr what) throws Singular {
        if (!a.isMatrix()) {
            if (a.coefficient() == 0) {
                throw new Singular(what);
            }
            return like(a, new long[]{f.inv(a.coefficient())}, a.bound.inverse(1));
        }
        int n = a.rows;
        long[] m = a.data.clone();
        long[] inv = new long[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = f.one;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && m[pivot * n + col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new Singular(what);
            }
            if (pivot != col) {
                swapRows(m, n, pivot, col);
                swapRows(inv, n, pivot, col);
            }
            long scale = f.inv(m[col * n + col]);
            for (int j = 0; j < n; j++) {
                m[col * n + j] = f.mul(m[col * n + j], scale);
                inv[col * n + j] = f.mul(inv[col * n + j], scale);
            }
            for (int r = 0; r < n; r++) {
                long factor = m[r * n + col];
                if (r == col || factor == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    m[r * n + j] = f.sub(m[r * n + j], f.mul(factor, m[col * n + j]));
                    inv[r * n + j] = f.sub(inv[r * n + j], f.mul(factor, inv[col * n + j]));
                }
            }
        }
        return ModVal.matrix(n, n, inv, a.bound.inverse(n));
    }

    private static void swapRows(long[] m, int n, int a, int b) {
        for (int j = 0; j < n; j++) {
            long t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }

    ModVal trace(ModVal a) {
        return switch (a.kind) {
            case SCALAR -> a;
            case EYE -> {
                if (a.eyeSize < 0) {
                    throw new Undecidable("The trace of $I$ depends on its size: write $I_k$ with the size you mean.");
                }
                ModVal count = count(a);
                yield ModVal.scalar(f.mul(a.coefficient(), count.coefficient()), a.bound.times(count.bound, 1));
            }
            case MATRIX -> {
                long s = 0;
                for (int i = 0; i < Math.min(a.rows, a.cols); i++) {
                    s = f.add(s, a.data[i * a.cols + i]);
                }
                yield ModVal.scalar(s, a.bound.sumOf(a.rows));
            }
        };
    }

    ModVal squaredNorm(ModVal a) {
        return switch (a.kind) {
            case SCALAR -> ModVal.scalar(f.mul(a.coefficient(), a.coefficient()), a.bound.squaredNorm(1));
            case EYE -> {
                if (a.eyeSize < 0) {
                    throw new Undecidable("The norm of $I$ depends on its size: write $I_k$ with the size you mean.");
                }
                ModVal count = count(a);
                yield ModVal.scalar(f.mul(f.mul(a.coefficient(), a.coefficient()), count.coefficient()),
                        a.bound.squaredNorm(1).times(count.bound, 1));
            }
            case MATRIX -> {
                long s = 0;
                for (long x : a.data) {
                    s = f.add(s, f.mul(x, x));
                }
                yield ModVal.scalar(s, a.bound.squaredNorm(a.data.length));
            }
        };
    }

    /** How many ones a trace of the identity c·I adds up: its dimension as a scalar, or its size. */
    private ModVal count(ModVal eye) {
        return eye.eyeCount != null ? eye.eyeCount : ModVal.scalar(f.of(eye.eyeSize), Bound.constant(eye.eyeSize, 1));
    }

    /** The Frobenius inner product ⟨a, b⟩, an identity of unknown size counting as a scalar. */
    long inner(ModVal a, ModVal b) {
        if (a.isMatrix() && b.isMatrix()) {
            long s = 0;
            for (int i = 0; i < a.data.length; i++) {
                s = f.add(s, f.mul(a.data[i], b.data[i]));
            }
            return s;
        }
        if (a.isMatrix() || b.isMatrix()) {
            ModVal m = a.isMatrix() ? a : b;
            ModVal c = a.isMatrix() ? b : a;
            return f.mul(trace(m).coefficient(), c.coefficient());
        }
        long product = f.mul(a.coefficient(), b.coefficient());
        if (a.kind == ModVal.Kind.EYE && b.kind == ModVal.Kind.EYE && (a.eyeSize >= 0 || b.eyeSize >= 0)) {
            return f.mul(product, count(a.eyeSize >= 0 ? a : b).coefficient());
        }
        return product;
    }
}
