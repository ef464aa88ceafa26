package dev.assay.plugins.matrix;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One trial drawn exactly: the trial's dimensions, a random prime, and for every symbol a value
 * modulo it, uniformly random (through an exact parametrisation where the question needs a
 * decomposition), with the {@link Bound} of the rational function each value is.
 *
 * <p>Decompositions need no floating point: an orthogonal matrix is Cayley's transform
 * (I − S)(I + S)⁻¹ of a random skew-symmetric S, so Y = Q·D·Z with Q, Z orthogonal and D diagonal
 * has YYᵀ = Q·D²·Qᵀ, whose eigenvectors (Q's columns) and eigenvalues are known exactly. Such Y
 * fill a dense set of matrices, so an identity that holds for them holds for all, and one that
 * does not fails at a random one. Which k eigenpairs are "top" has no meaning modulo p and needs
 * none: an identity true for the top k is true for any k (the eigenpairs play symmetric parts).
 *
 * <p>Dimensions are small integers, so a polynomial in them can vanish at every size drawn
 * ({@code (n-4)(n-5)…(n-9)}). A trial is therefore also drawn with each dimension name, where it
 * is used as a number ({@code \frac{1}{n}}, the trace of {@code I_n}), given a random value
 * instead of its size ({@link #symbolic}): there such a polynomial is a polynomial like any other.
 *
 * @param point      0 for the trial's point; 1, … for twins with the same dimensions and prime
 * @param symbolic   whether dimension names stand for random values rather than their sizes
 * @param opaqueSalt seeds the values of norms to odd powers (see {@link ExactEvaluator}): the same at
 *                   a trial's twins, so that a norm of the same value gets the same value there
 */
record ExactTrial(PrimeField field, Map<String, Integer> dims, Map<String, ModVal> dimensionScalars,
                  Map<String, ModVal> values, int point, boolean symbolic, long opaqueSalt) {
    private static final long PRIME_SALT = 0x2545F4914F6CDD1DL;
    private static final long POINT_SALT = 0x9E3779B97F4A7C15L;
    private static final long SYMBOLIC_SALT = 0x4F1BBCDCBFA53E0BL;
    private static final long OPAQUE_SALT = 0x1F83D9ABFB41BD6BL;
    private static final int ATTEMPTS = 8;

    /** The trial's prime: the same for its twins and for its draw with dimensions as random values. */
    static PrimeField prime(long seed) {
        return PrimeField.draw(RandomStreams.stream(seed, PRIME_SALT, 0));
    }

    static ExactTrial draw(Problem p, long seed, boolean large, int point, boolean symbolic) throws InterruptedException {
        return draw(p, seed, prime(seed), large, point, symbolic);
    }

    static ExactTrial draw(Problem p, long seed, PrimeField f, boolean large, int point, boolean symbolic)
            throws InterruptedException {
        Map<String, Integer> dims = p.sizes.draw(seed, large);
        SplittableRandom rnd = RandomStreams.stream(seed, POINT_SALT, point);
        SplittableRandom scalarRnd = RandomStreams.stream(seed, SYMBOLIC_SALT, 0);
        long opaqueSalt = RandomStreams.stream(seed, OPAQUE_SALT, symbolic ? 1 : 0).nextLong();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, ModVal> scalars = new HashMap<>();
            dims.forEach((name, size) -> scalars.put(name, symbolic ? ModVal.scalar(f.element(scalarRnd), Bound.RANDOM)
                    : ModVal.scalar(f.of(size), Bound.constant(size, 1))));
            try {
                return new ExactTrial(f, dims, scalars, new Drawing(p, f, dims, scalars, rnd, opaqueSalt).values(), point, symbolic,
                        opaqueSalt);
            } catch (Singular e) {
                // a definition singular at this point (probability ≤ degree / p): draw another point
            }
        }
        throw new IllegalStateException("the question's definitions are singular at every random point");
    }

    ExactEvaluator evaluator() {
        return evaluator(Map.of(), Map.of());
    }

    /**
     * An evaluator with some symbols' values replaced, and the given scalar subexpressions taken as
     * dimensions in disguise (see {@link ExactEvaluator}).
     */
    ExactEvaluator evaluator(Map<String, ModVal> replaced, Map<Expr, Long> disguised) {
        Map<String, ModVal> v = replaced.isEmpty() ? values : new HashMap<>(values);
        v.putAll(replaced);
        return new ExactEvaluator(field, v, dims, dimensionScalars, opaqueSalt, disguised);
    }

    ExactArithmetic arithmetic() {
        return new ExactArithmetic(field);
    }

    /** The same trial with some symbols' values replaced. */
    ExactTrial with(Map<String, ModVal> replaced) {
        Map<String, ModVal> v = new HashMap<>(values);
        v.putAll(replaced);
        return new ExactTrial(field, dims, dimensionScalars, v, point, symbolic, opaqueSalt);
    }

    /** Draws one point. */
    private static final class Drawing {
        private final Problem p;
        private final PrimeField f;
        private final Map<String, Integer> dims;
        private final SplittableRandom rnd;
        private final ExactArithmetic ops;
        /** Evaluates the question's definitions and the scalars of a decomposition on the values drawn so far. */
        private final ExactEvaluator evaluator;
        private final Map<String, ModVal> values = new LinkedHashMap<>();
        /** For each drawn Y = Q·D·Z: its parts. */
        private final Map<String, Factored> factored = new HashMap<>();

        /** Y = Q[:, :t]·D·Z: Q (r×r) and O (c×c) orthogonal, Z (t×c) the first t rows of O, or Helmert's vectors turned by O when Y is centred. */
        private record Factored(ModVal q, ModVal o, long[] d, long[] rowNorms, int t, ModVal y) {
        }

        Drawing(Problem p, PrimeField f, Map<String, Integer> dims, Map<String, ModVal> scalars, SplittableRandom rnd,
                long opaqueSalt) {
            this.p = p;
            this.f = f;
            this.dims = dims;
            this.rnd = rnd;
            this.ops = new ExactArithmetic(f);
            this.evaluator = new ExactEvaluator(f, values, dims, scalars, opaqueSalt, Map.of());
        }

        Map<String, ModVal> values() throws InterruptedException, Singular {
            for (MatrixConfig.SymbolDecl s : p.config.symbols()) {
                Symbols.Shape shape = p.symbols.shape(s.name());
                if (shape.scalar()) {
                    values.put(s.name(), ModVal.scalar(f.element(rnd), Bound.RANDOM));
                    continue;
                }
                int rows = dims.get(shape.rows());
                int cols = dims.get(shape.cols());
                boolean centred = p.config.centre().contains(s.name());
                Problem.Spectral spectral = p.spectra.values().stream().filter(sp -> sp.base().equals(s.name())).findFirst().orElse(null);
                if (spectral != null && spectral.gram()) {
                    Factored y = factored(rows, cols, centred);
                    factored.put(s.name(), y);
                    values.put(s.name(), y.y());
                } else if (p.drawnSymmetric(s.name())) {
                    Factored m = symmetric(rows);
                    factored.put(s.name(), m);
                    values.put(s.name(), m.y());
                } else {
                    ModVal m = random(rows, cols);
                    values.put(s.name(), centred ? centred(m) : m);
                }
            }
            for (MatrixConfig.DerivedDecl d : p.config.derived()) {
                if (p.definitions.containsKey(d.name())) {
                    ModVal v = evaluator.eval(p.definitions.get(d.name()));
                    values.put(d.name(), v);
                } else {
                    values.put(d.name(), decomposition(p.spectra.get(d.name()), dims.get(d.count()),
                            "top-eigenvectors".equals(d.decomposition())));
                }
            }
            return values;
        }

        private ModVal random(int rows, int cols) {
            long[] d = new long[rows * cols];
            for (int i = 0; i < d.length; i++) {
                d[i] = f.element(rnd);
            }
            return ModVal.matrix(rows, cols, d, Bound.RANDOM);
        }

        private ModVal diagonal(long[] d, Bound b) {
            int n = d.length;
            long[] m = new long[n * n];
            for (int i = 0; i < n; i++) {
                m[i * n + i] = d[i];
            }
            return ModVal.matrix(n, n, m, b);
        }

        /**
         * m·(I − 11ᵀ/n), each row less its mean: the same values and {@link Bound} as that product
         * ({@link #centring}), in rows × columns operations instead of rows × columns².
         */
        private ModVal centred(ModVal m) {
            int rows = m.rows;
            int n = m.cols;
            long inverseN = f.inv(f.of(n));
            long[] out = new long[rows * n];
            for (int i = 0; i < rows; i++) {
                long sum = f.zero;
                for (int j = 0; j < n; j++) {
                    sum = f.add(sum, m.data[i * n + j]);
                }
                long mean = f.mul(sum, inverseN);
                for (int j = 0; j < n; j++) {
                    out[i * n + j] = f.sub(m.data[i * n + j], mean);
                }
            }
            return ModVal.matrix(rows, n, out, m.bound.times(centringBound(n), n));
        }

        /** I − J/n: subtracts each row's mean. */
        private ModVal centring(int n) {
            long[] m = new long[n * n];
            long mean = f.inv(f.of(n));
            for (int i = 0; i < n * n; i++) {
                m[i] = f.neg(mean);
            }
            for (int i = 0; i < n; i++) {
                m[i * n + i] = f.sub(f.one, mean);
            }
            return ModVal.matrix(n, n, m, centringBound(n));
        }

        private static Bound centringBound(int n) {
            return Bound.constant(n - 1, n);
        }

        /** A random orthogonal n×n matrix (Cayley's transform); one that maps the all-ones vector to itself if asked. */
        private ModVal orthogonal(int n, boolean fixingOnes) throws Singular {
            ModVal identity = ModVal.eye(f.one, Bound.ONE, n);
            for (int attempt = 0; ; attempt++) {
                ModVal a = random(n, n);
                if (fixingOnes) {
                    ModVal c = centring(n);
                    a = ops.multiply(ops.multiply(c, a), c); // S·1 = 0, so (I ± S)·1 = 1
                }
                ModVal s = ops.add(a, ops.neg(ops.transpose(a)));
                try {
                    return ops.multiply(ops.add(identity, ops.neg(s)), ops.inverse(ops.add(identity, s), null));
                } catch (Singular e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        private Factored factored(int r, int c, boolean centred) throws Singular {
            ModVal q = orthogonal(r, false);
            ModVal o = orthogonal(c, centred);
            int t = Math.min(r, centred ? c - 1 : c);
            long[] d = new long[t];
            long[] norms = new long[t];
            long[] z = new long[t * c];
            for (int i = 0; i < t; i++) {
                d[i] = f.element(rnd);
                if (centred) { // Helmert's h_i = (1, …, 1, −i, 0, …) with i ones: orthogonal, sum 0, ‖h_i‖² = i(i+1)
                    for (int j = 0; j < c; j++) {
                        long h = 0;
                        for (int k = 0; k <= i + 1 && k < c; k++) {
                            long hk = k <= i ? f.one : f.neg(f.of(i + 1));
                            h = f.add(h, f.mul(hk, o.get(j, k))); // (h·Oᵀ)_j = Σ_k h_k O_jk
                        }
                        z[i * c + j] = h;
                    }
                    norms[i] = f.of((long) (i + 1) * (i + 2));
                } else {
                    System.arraycopy(o.data, i * c, z, i * c, c);
                    norms[i] = f.one;
                }
            }
            Bound zBound = centred ? o.bound.times(Bound.constant(c, 1), c) : o.bound;
            ModVal qt = columns(q, t);
            ModVal y = ops.multiply(ops.multiply(qt, diagonal(d, Bound.RANDOM)), ModVal.matrix(t, c, z, zBound));
            return new Factored(q, o, d, norms, t, y);
        }

        /** A symmetric matrix Q·Λ·Qᵀ with Λ random. */
        private Factored symmetric(int n) throws Singular {
            ModVal q = orthogonal(n, false);
            long[] lambda = new long[n];
            long[] ones = new long[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = f.element(rnd);
                ones[i] = f.one;
            }
            ModVal m = ops.multiply(ops.multiply(q, diagonal(lambda, Bound.RANDOM)), ops.transpose(q));
            return new Factored(q, null, lambda, ones, n, m);
        }

        private static ModVal columns(ModVal m, int k) {
            long[] d = new long[m.rows * k];
            for (int r = 0; r < m.rows; r++) {
                System.arraycopy(m.data, r * m.cols, d, r * k, k);
            }
            return ModVal.matrix(m.rows, k, d, m.bound);
        }

        private ModVal decomposition(Problem.Spectral s, int k, boolean vectors)
                throws InterruptedException, Singular {
            Factored y = factored.get(s.base());
            if (!s.gram()) {
                return vectors ? columns(y.q(), k) : diagonal(java.util.Arrays.copyOf(y.d(), k), Bound.RANDOM);
            }
            if (vectors) { // YYᵀ: Q's columns; YᵀY: O's rows
                return columns(s.transposedFirst() ? ops.transpose(y.o()) : y.q(), k);
            }
            ModVal alpha = ModVal.scalar(f.one, Bound.ONE);
            for (Expr x : s.scalars()) {
                alpha = ops.multiply(alpha, evaluator.eval(x));
            }
            long[] lambda = new long[k];
            for (int i = 0; i < Math.min(k, y.t()); i++) { // α·dᵢ²·‖zᵢ‖², then zeros
                lambda[i] = f.mul(alpha.coefficient(), f.mul(f.mul(y.d()[i], y.d()[i]), s.transposedFirst() ? f.one : y.rowNorms()[i]));
            }
            Bound b = alpha.bound.times(Bound.RANDOM.times(Bound.RANDOM, 1), 1).times(Bound.constant((double) y.t() * (y.t() + 1), 1), 1);
            return diagonal(lambda, b);
        }
    }
}
