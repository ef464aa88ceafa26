package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A question compiled from its configuration: symbols and their spellings, derived quantities, and
 * the random trials on which expressions are compared.
 */
public final class Problem {
    static final int MIN_DIM = 2;
    static final int MAX_DIM = 9;
    /**
     * A large trial's smallest size. Identities that hold for every matrix up to some size exist
     * (Cayley–Hamilton: for k×k matrices, a polynomial in traces of degree k), and for k ≤ 7 they
     * can be typed within the parser's bounds; from 10 on, they need more than its 2,000 tokens.
     */
    static final int LARGE_MIN_DIM = 10;
    /**
     * How far above {@link #LARGE_MIN_DIM} a large trial's sizes reach (at least; further for more
     * names than this): a polynomial that vanishes at every size the large trial can draw needs a
     * factor for each, so a wide range leaves such answers no cheap way through even where a
     * dimension is hidden in a trace (which {@link Trials} also checks as a dimension).
     */
    static final int LARGE_SPAN = 10;
    private static final long FLOAT_SALT = 0x632BE59BD9B4E019L;
    private static final long DIMS_SALT = 0x3C6EF372FE94F82BL;

    final MatrixConfig config;
    final Symbols symbols = new Symbols();
    final Map<String, Expr> definitions = new LinkedHashMap<>();
    private final List<String[]> lessThan = new ArrayList<>();

    /** The problems of the configuration, each with its path; empty when it compiles. */
    final List<dev.assay.api.ConfigProblem> problems = new ArrayList<>();

    Problem(MatrixConfig config) {
        this.config = config;
        for (String dim : config.dimensions().names()) {
            symbols.declare(dim, Symbols.Shape.SCALAR, List.of());
        }
        for (int i = 0; i < config.dimensions().constraints().size(); i++) {
            String c = config.dimensions().constraints().get(i);
            String[] parts = c.split("<");
            if (parts.length < 2) {
                problems.add(new dev.assay.api.ConfigProblem("dimensions.constraints[" + i + "]",
                        "write constraints as 'k < m' or 'k < m < n'"));
                continue;
            }
            for (int j = 0; j + 1 < parts.length; j++) {
                lessThan.add(new String[]{parts[j].trim(), parts[j + 1].trim()});
            }
        }
        try {
            randomOrder(new SplittableRandom(0));
            if (longestChain() > MAX_DIM - MIN_DIM + 1) {
                problems.add(new dev.assay.api.ConfigProblem("dimensions.constraints", "a chain of more than "
                        + (MAX_DIM - MIN_DIM + 1) + " dimensions cannot be drawn from the sizes " + MIN_DIM + " to " + MAX_DIM));
            }
        } catch (IllegalStateException cycle) {
            problems.add(new dev.assay.api.ConfigProblem("dimensions.constraints", "the constraints form a cycle (a < b < a)"));
        }
        for (int i = 0; i < config.symbols().size(); i++) {
            MatrixConfig.SymbolDecl s = config.symbols().get(i);
            try {
                symbols.declare(s.name(), Symbols.parseShape(s.shape()), s.aliases());
            } catch (IllegalArgumentException e) {
                problems.add(new dev.assay.api.ConfigProblem("symbols[" + i + "].shape", e.getMessage()));
            }
        }
        for (int i = 0; i < config.derived().size(); i++) {
            MatrixConfig.DerivedDecl d = config.derived().get(i);
            String at = "derived[" + i + "]";
            try {
                if (d.definition() != null) {
                    Expr def = Parser.expression(d.definition(), symbols);
                    ShapeChecker checker = new ShapeChecker(symbols);
                    ShapeChecker.MShape shape = checker.shape(def);
                    String[] rc = checker.describe(shape).split("×");
                    symbols.declare(d.name(), shape.scalar() ? Symbols.Shape.SCALAR : new Symbols.Shape(rc[0], rc[1]), d.aliases());
                    definitions.put(d.name(), def);
                } else if ("top-eigenvectors".equals(d.decomposition()) || "top-eigenvalues".equals(d.decomposition())) {
                    Symbols.Shape of = symbols.shape(d.of());
                    if (of == null || of.scalar() || d.count() == null) {
                        problems.add(new dev.assay.api.ConfigProblem(at + ".of", "needs a square matrix symbol declared before it, and a count"));
                        continue;
                    }
                    symbols.declare(d.name(), "top-eigenvectors".equals(d.decomposition())
                            ? new Symbols.Shape(of.rows(), d.count()) : new Symbols.Shape(d.count(), d.count()), d.aliases());
                } else {
                    problems.add(new dev.assay.api.ConfigProblem(at, "needs a definition, or decomposition: top-eigenvectors | top-eigenvalues"));
                }
            } catch (AnswerException e) {
                problems.add(new dev.assay.api.ConfigProblem(at + ".definition", e.getMessage()));
            }
        }
        boolean allExact = true; // definitions always are (a norm to an odd power is a variable of its own)
        for (MatrixConfig.DerivedDecl d : config.derived()) {
            if (!definitions.containsKey(d.name()) && d.decomposition() != null) {
                Spectral s = spectral(d.of());
                if (s == null) {
                    allExact = false;
                } else {
                    spectra.put(d.name(), s);
                }
            }
        }
        for (Spectral s : spectra.values()) { // one matrix cannot be drawn two ways
            allExact &= spectra.values().stream().noneMatch(o -> o.base().equals(s.base()) && o.gram() != s.gram());
        }
        exact = allExact;
        definitionsUseDimensions = definitions.values().stream().anyMatch(this::mentionsDimension)
                || spectra.values().stream().anyMatch(sp -> sp.scalars().stream().anyMatch(this::mentionsDimension));
    }

    /** Whether the expression uses a dimension name as a number (n, 1/n) or names an identity's size (I_k). */
    boolean mentionsDimension(Expr e) {
        if (e instanceof Expr.Sym s && config.dimensions().names().contains(s.name())) {
            return true;
        }
        if (e instanceof Expr.Identity id && !id.dim().isEmpty()) {
            return true;
        }
        for (Expr c : e.children()) {
            if (mentionsDimension(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a scalar computed from the question's symbols can occur in the expression, and with
     * it a dimension in disguise (see {@link Trials}): only a trace, a norm or a scalar symbol make one.
     */
    boolean computesScalars(Expr e) {
        if (e instanceof Expr.Trace || e instanceof Expr.Norm) {
            return true;
        }
        if (e instanceof Expr.Sym s) {
            Symbols.Shape shape = symbols.shape(s.name());
            return shape != null && shape.scalar() && !config.dimensions().names().contains(s.name());
        }
        for (Expr c : e.children()) {
            if (computesScalars(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the expression mentions one of the question's symbols (a matrix, a scalar, a derived one), not only numbers and dimensions. */
    boolean mentionsSymbol(Expr e) {
        if (e instanceof Expr.Sym s) {
            return !config.dimensions().names().contains(s.name());
        }
        for (Expr c : e.children()) {
            if (mentionsSymbol(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the eigen-decomposition of {@code of} is drawn exactly, or null when it cannot be: a
     * square matrix symbol is drawn as QΛQᵀ; a definition α·YYᵀ or α·YᵀY (α scalar, Y a matrix
     * symbol) as YYᵀ's or YᵀY's with Y = Q·D·Z drawn (Q, Z orthogonal, D diagonal).
     */
    private Spectral spectral(String of) {
        Symbols.Shape shape = symbols.shape(of);
        if (shape == null || shape.scalar()) {
            return null;
        }
        if (!definitions.containsKey(of)) {
            return isDrawn(of) && shape.rows().equals(shape.cols()) ? new Spectral(of, false, false, List.of()) : null;
        }
        List<Expr> scalars = new ArrayList<>();
        List<Expr> matrices = new ArrayList<>();
        try {
            factors(definitions.get(of), scalars, matrices);
        } catch (AnswerException e) {
            return null;
        }
        if (matrices.size() != 2) {
            return null;
        }
        Expr a = matrices.get(0);
        Expr b = matrices.get(1);
        if (a instanceof Expr.Sym y && b instanceof Expr.Transpose t && t.x().equals(y) && isDrawn(y.name())) {
            return new Spectral(y.name(), true, false, scalars);
        }
        if (b instanceof Expr.Sym y && a instanceof Expr.Transpose t && t.x().equals(y) && isDrawn(y.name())
                && !config.centre().contains(y.name())) { // a centred Y's right singular vectors would need square roots
            return new Spectral(y.name(), true, true, scalars);
        }
        return null;
    }

    private boolean isDrawn(String name) {
        return config.symbols().stream().anyMatch(s -> s.name().equals(name));
    }

    /** The factors of a product (through minus signs and divisions by scalars), scalars apart. */
    private void factors(Expr e, List<Expr> scalars, List<Expr> matrices) throws AnswerException {
        if (e instanceof Expr.Product p) {
            for (Expr x : p.factors()) {
                factors(x, scalars, matrices);
            }
        } else if (e instanceof Expr.Neg n) {
            scalars.add(new Expr.Num(-1));
            factors(n.x(), scalars, matrices);
        } else if (e instanceof Expr.Div d) {
            factors(d.num(), scalars, matrices);
            scalars.add(new Expr.Inverse(d.den()));
        } else if (new ShapeChecker(symbols).shape(e).scalar()) {
            scalars.add(e);
        } else {
            matrices.add(e);
        }
    }

    /**
     * An eigen-decomposition drawn exactly.
     *
     * @param base            the matrix symbol drawn with a known decomposition
     * @param gram            the decomposition is of α·YYᵀ or α·YᵀY for Y = base; else of base itself
     * @param transposedFirst α·YᵀY rather than α·YYᵀ
     * @param scalars         the factors of α
     */
    record Spectral(String base, boolean gram, boolean transposedFirst, List<Expr> scalars) {
    }

    /** Decomposed symbols drawn exactly, by name. */
    final Map<String, Spectral> spectra = new LinkedHashMap<>();
    /** Whether every symbol can be drawn exactly (else every comparison is in floating point). */
    final boolean exact;
    /** Whether a derived symbol's definition uses a dimension as a number (C = XX^T/n). */
    final boolean definitionsUseDimensions;

    /** The trial's dimensions (from 10 up for a large trial): the same for its floating-point and its exact values. */
    Map<String, Integer> dims(long seed, boolean large) {
        int names = config.dimensions().names().size();
        SplittableRandom rnd = stream(seed, DIMS_SALT, 0);
        return large ? dims(rnd, LARGE_MIN_DIM, LARGE_MIN_DIM + Math.max(LARGE_SPAN, names)) : dims(rnd, MIN_DIM, MAX_DIM);
    }

    /**
     * Whether a matrix symbol is drawn symmetric: a square one that a decomposition is taken of
     * directly (its eigenvectors are only orthonormal, and its eigenvalues only real, when it is).
     * The exact and the floating-point draws agree on this.
     */
    boolean drawnSymmetric(String name) {
        Symbols.Shape shape = symbols.shape(name);
        return isDrawn(name) && shape != null && !shape.scalar() && shape.rows().equals(shape.cols())
                && config.derived().stream().anyMatch(d -> d.decomposition() != null && name.equals(d.of()));
    }

    /**
     * One random instance in floating point: dimensions that satisfy the constraints and values for
     * every symbol; point 1, … are twins with the same dimensions and other values.
     */
    Map<String, Object> trial(long seed, boolean large, int point) throws InterruptedException {
        Map<String, Integer> dims = dims(seed, large);
        SplittableRandom rnd = stream(seed, FLOAT_SALT, point);
        Map<String, Object> values = new HashMap<>();
        dims.forEach((k, v) -> values.put(k, v.doubleValue()));
        for (MatrixConfig.SymbolDecl s : config.symbols()) {
            Symbols.Shape shape = symbols.shape(s.name());
            if (shape.scalar()) {
                values.put(s.name(), 0.5 + rnd.nextDouble() * 2);
                continue;
            }
            DMatrixRMaj m = new DMatrixRMaj(dims.get(shape.rows()), dims.get(shape.cols()));
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = gaussian(rnd);
            }
            if (drawnSymmetric(s.name())) { // (G + Gᵀ)/√2: symmetric, with entries of the same spread
                DMatrixRMaj t = CommonOps_DDRM.transpose(m, null);
                CommonOps_DDRM.add(m, t, m);
                CommonOps_DDRM.scale(Math.sqrt(0.5), m);
            } else if (config.centre().contains(s.name())) {
                centreRows(m);
            }
            values.put(s.name(), m);
        }
        Evaluator evaluator = new Evaluator(values);
        for (MatrixConfig.DerivedDecl d : config.derived()) {
            if (definitions.containsKey(d.name())) {
                Evaluator.Val v = evaluator.eval(definitions.get(d.name()));
                values.put(d.name(), v.isScalar() ? (Object) v.scalar() : v.matrix());
            } else {
                values.put(d.name(), eigen((DMatrixRMaj) values.get(d.of()), dims.get(d.count()),
                        "top-eigenvectors".equals(d.decomposition())));
            }
        }
        return values;
    }

    /**
     * Sizes from min to max that satisfy the constraints: distinct sizes drawn at random and given,
     * in increasing order, to the names in a random order that respects the constraints (for a chain
     * k < m < n this is uniform over its admissible sizes). Rejection sampling found no sizes for a
     * chain of seven names in ten thousand tries.
     */
    private Map<String, Integer> dims(SplittableRandom rnd, int min, int max) {
        List<String> order = randomOrder(rnd);
        int count = order.size();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            List<Integer> chosen = new ArrayList<>();
            if (count <= max - min + 1) { // distinct sizes: the order alone satisfies every constraint
                List<Integer> sizes = new ArrayList<>();
                for (int v = min; v <= max; v++) {
                    sizes.add(v);
                }
                for (int i = 0; i < count; i++) { // the first count places of a random permutation
                    java.util.Collections.swap(sizes, i, i + rnd.nextInt(sizes.size() - i));
                }
                chosen.addAll(sizes.subList(0, count));
            } else { // more names than sizes: unrelated names share sizes
                for (int i = 0; i < count; i++) {
                    chosen.add(min + rnd.nextInt(max - min + 1));
                }
            }
            java.util.Collections.sort(chosen);
            Map<String, Integer> d = new HashMap<>();
            for (int i = 0; i < count; i++) {
                d.put(order.get(i), chosen.get(i));
            }
            if (lessThan.stream().allMatch(lt -> !d.containsKey(lt[0]) || !d.containsKey(lt[1]) || d.get(lt[0]) < d.get(lt[1]))) {
                return d;
            }
        }
        throw new IllegalStateException("no sizes from " + min + " to " + max + " satisfy " + config.dimensions().constraints());
    }

    /** The number of names in the longest chain a < b < … of the constraints (which have no cycle). */
    private int longestChain() {
        Map<String, Integer> depth = new HashMap<>();
        for (String n : randomOrder(new SplittableRandom(0))) {
            int d = 1;
            for (String[] lt : lessThan) {
                if (lt[1].equals(n) && depth.containsKey(lt[0])) {
                    d = Math.max(d, depth.get(lt[0]) + 1);
                }
            }
            depth.put(n, d);
        }
        return depth.values().stream().max(Integer::compare).orElse(0);
    }

    /** The dimension names in a random order in which each comes after every name it must exceed. */
    private List<String> randomOrder(SplittableRandom rnd) {
        List<String> remaining = new ArrayList<>(config.dimensions().names());
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<String> free = remaining.stream()
                    .filter(n -> lessThan.stream().noneMatch(lt -> lt[1].equals(n) && remaining.contains(lt[0]))).toList();
            if (free.isEmpty()) {
                throw new IllegalStateException("the dimension constraints form a cycle");
            }
            String next = free.get(rnd.nextInt(free.size()));
            order.add(next);
            remaining.remove(next);
        }
        return order;
    }

    /**
     * A random stream of its own for each seed, salt and index. Two SplittableRandom seeds that
     * differ by a multiple of its increment γ give one stream shifted, which realigns after a draw
     * it rejects (a twin point drawn with seed + γ was, most of the time, the same point), so seeds
     * are hashed, never derived by adding or xoring constants.
     */
    static SplittableRandom stream(long seed, long salt, long index) {
        return new SplittableRandom(mix(mix(seed ^ salt) + index));
    }

    /** MurmurHash3's finaliser: a bijection of 64-bit words in which every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = Math.max(rnd.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static void centreRows(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            double mean = 0;
            for (int c = 0; c < m.numCols; c++) {
                mean += m.get(r, c);
            }
            mean /= m.numCols;
            for (int c = 0; c < m.numCols; c++) {
                m.set(r, c, m.get(r, c) - mean);
            }
        }
    }

    /** Top-k eigenvectors (m×k) or eigenvalues (k×k diagonal) of a symmetric matrix, largest first. */
    static DMatrixRMaj eigen(DMatrixRMaj symmetric, int k, boolean vectors) {
        int n = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("eigen-decomposition failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        DMatrixRMaj out = vectors ? new DMatrixRMaj(n, k) : new DMatrixRMaj(k, k);
        for (int j = 0; j < k; j++) {
            if (vectors) {
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                double norm = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(v, v, null));
                for (int i = 0; i < n; i++) {
                    out.set(i, j, v.get(i) / Math.sqrt(norm));
                }
            } else {
                out.set(j, j, eig.getEigenvalue(order[j]).real);
            }
        }
        return out;
    }
}
