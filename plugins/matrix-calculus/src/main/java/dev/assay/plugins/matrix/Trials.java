package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The random trials of one grading call and the comparisons made on them. A comparison is exact
 * (modulo each trial's random prime, see {@link Bound}) whenever every symbol can be drawn exactly,
 * norms to odd powers included (each is a variable of its own, see {@link ExactEvaluator});
 * otherwise it is made in floating point, and refused ({@link Undecidable}) where floating point
 * cannot tell a difference.
 */
final class Trials {
    private static final long TRIAL_STRIDE = 0x9E3779B97F4A7C15L;
    static final String TOO_LARGE = "Your expression is too large to compare exactly: its powers of powers give it a degree"
            + " beyond what a check can bound. Write it with smaller powers and submit again.";
    static final String ONLY_AT_THESE_SIZES = "Your expression agrees with the answer at the sizes tried, but not as a formula"
            + " in the dimensions: it depends on their values in a way the answer does not, or it uses a number computed from"
            + " the matrices that does not depend on them (such as $\\operatorname{tr}(U_k^\\top U_k) = k$, a trace of a matrix"
            + " that is only numerically the identity, or $\\frac{\\|X\\|_F}{\\|X\\|_F} = 1$). Write the dimensions and numbers"
            + " themselves where they belong and submit again.";
    static final String NORMS_NOT_EXACT = "Your expression agrees with the answer on random numbers, but Assay cannot confirm it"
            + " exactly: a norm to an odd power such as $\\|A\\|_F$ is checked exactly only by what holds for any value of the"
            + " norm, so identities such as $\\|A\\|_F\\|A\\|_F = \\|A\\|_F^2$ or $\\|2A\\|_F = 2\\|A\\|_F$ are not seen. Write"
            + " each norm the same way, squared where you can ($\\|A\\|_F^2$), and submit again.";

    final Problem p;
    private final long[] seeds;
    /** [trial][point][0: dimensions as sizes, 1: as random values]. */
    private final ExactTrial[][][] exact;
    /** Each trial's prime, drawn once (shared with substituted trials). */
    private final PrimeField[] primes;
    /** [trial][point]: the values in floating point. */
    private final Map<String, Object>[][] floating;
    /** Assignments (substitution mode) made on top of the drawn values, in order; empty for none. */
    private final Map<String, Expr> assigned;
    /** [trial]: for each assignment, its dimensions in disguise (see {@link #disguised}). */
    private final List<Map<Expr, Long>>[] assignedDisguises;
    private final Trials base;
    private final boolean exactCapable;

    Trials(Problem p, long seed) {
        this(p, seeds(seed, p.config.trials()), null, Map.of());
    }

    @SuppressWarnings("unchecked")
    private Trials(Problem p, long[] seeds, Trials base, Map<String, Expr> assigned) {
        this.p = p;
        this.seeds = seeds;
        this.exact = new ExactTrial[seeds.length][2][2];
        this.primes = base == null ? new PrimeField[seeds.length] : base.primes;
        this.floating = new Map[seeds.length][2];
        this.assigned = new LinkedHashMap<>(assigned);
        this.assignedDisguises = new List[seeds.length];
        this.base = base;
        this.exactCapable = p.exact;
    }

    private static long[] seeds(long seed, int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = seed + TRIAL_STRIDE * (i + 1);
        }
        return seeds;
    }

    /** These trials with symbols replaced by expressions of the others (evaluated in order). */
    Trials substituted(Map<String, Expr> assignments) {
        return new Trials(p, seeds, this, assignments);
    }

    int size() {
        return seeds.length;
    }

    /**
     * The last trial (the only one, with {@code trials: 1}) draws sizes from 10 up (see
     * {@link Problem#LARGE_MIN_DIM}); identities that hold up to some size hold at all smaller ones,
     * so the large trial is the one that must never be left out.
     */
    private boolean large(int i) {
        return i == seeds.length - 1;
    }

    /**
     * Whether comparing these values needs the check with dimensions as random values: a
     * definition, an assignment or one of the expressions uses a dimension as a number, or hides
     * one (a dimension in disguise, see {@link #disguised}).
     */
    private boolean countsDimensions(Values... compared) throws InterruptedException {
        if (p.definitionsUseDimensions || assigned.values().stream().anyMatch(p::mentionsDimension)) {
            return true;
        }
        for (Values v : compared) {
            if (p.mentionsDimension(v.expr)) {
                return true;
            }
        }
        for (int i = 0; i < size(); i++) {
            if (assignedDisguises(i).stream().anyMatch(d -> !d.isEmpty())) {
                return true;
            }
            for (Values v : compared) {
                if (!v.disguised(i).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a norm to an odd power enters these values (where exact equality is incomplete). */
    private boolean hasNormVariable(Values... compared) {
        if (assigned.values().stream().anyMatch(ExactEvaluator::hasNormVariable)
                || p.definitions.values().stream().anyMatch(ExactEvaluator::hasNormVariable)) {
            return true;
        }
        for (Values v : compared) {
            if (ExactEvaluator.hasNormVariable(v.expr)) {
                return true;
            }
        }
        return false;
    }

    ExactTrial exact(int i, int point) throws InterruptedException {
        return exact(i, point, false);
    }

    /**
     * The exact trial i at point 0 (its own) or 1 (its twin), with dimensions as sizes or as random
     * values; null when an assignment is undefined there.
     */
    ExactTrial exact(int i, int point, boolean symbolic) throws InterruptedException {
        int mode = symbolic ? 1 : 0;
        if (exact[i][point][mode] == null) {
            if (base == null) {
                if (primes[i] == null) {
                    primes[i] = ExactTrial.prime(seeds[i]);
                }
                exact[i][point][mode] = ExactTrial.draw(p, seeds[i], primes[i], large(i), point, symbolic);
            } else {
                ExactTrial b = base.exact(i, point, symbolic);
                Map<String, ModVal> replaced = b == null ? null : substitute(b, symbolic ? assignedDisguises(i) : null, null);
                if (replaced == null) {
                    return null;
                }
                exact[i][point][mode] = b.with(replaced);
            }
        }
        return exact[i][point][mode];
    }

    /**
     * The assigned symbols' values on a trial of the base, each assignment evaluated in order with
     * the ones before it in place (with its dimensions in disguise, if given; recording its nodes'
     * values, if asked); null when one is undefined there.
     */
    private Map<String, ModVal> substitute(ExactTrial b, List<Map<Expr, Long>> disguises, List<Map<Expr, ModVal>> record)
            throws InterruptedException {
        Map<String, ModVal> replaced = new HashMap<>();
        int j = 0;
        try {
            for (Map.Entry<String, Expr> a : assigned.entrySet()) {
                ExactEvaluator ev = b.evaluator(replaced, disguises == null ? Map.of() : disguises.get(j));
                ModVal v = record == null ? ev.eval(a.getValue()) : ev.evalRecording(a.getValue(), record.get(j));
                ModVal declared = b.values().get(a.getKey());
                replaced.put(a.getKey(), declared.isMatrix() ? v.asMatrix(declared.rows) : v);
                j++;
            }
        } catch (Singular undefined) {
            return null;
        }
        return replaced;
    }

    /** For each assignment, its dimensions in disguise on trial i (none for trials without assignments). */
    private List<Map<Expr, Long>> assignedDisguises(int i) throws InterruptedException {
        if (assignedDisguises[i] == null && assigned.values().stream().noneMatch(p::computesScalars)) {
            assignedDisguises[i] = Collections.nCopies(assigned.size(), Map.of());
        }
        if (assignedDisguises[i] == null) {
            List<Map<Expr, ModVal>>[] nodes = new List[3];
            ExactTrial[] at = {base == null ? null : base.exact(i, 0, false), base == null ? null : base.exact(i, 1, false),
                base == null ? null : base.exact(i, 0, true)};
            boolean defined = base != null;
            for (int k = 0; k < 3 && defined; k++) {
                nodes[k] = new ArrayList<>();
                for (int j = 0; j < assigned.size(); j++) {
                    nodes[k].add(new IdentityHashMap<>());
                }
                defined = at[k] != null && substitute(at[k], null, nodes[k]) != null;
            }
            List<Map<Expr, Long>> out = new ArrayList<>();
            for (int j = 0; j < assigned.size(); j++) {
                out.add(defined ? disguised(nodes[0].get(j), nodes[1].get(j), nodes[2].get(j)) : Map.of());
            }
            assignedDisguises[i] = out;
        }
        return assignedDisguises[i];
    }

    /**
     * Dimensions in disguise, from the values of an expression's nodes at a trial's point, its twin
     * (other matrices, same sizes), and the point again with dimensions as random values: a scalar
     * subexpression that mentions the question's symbols yet has the same value at the twin depends
     * on the sizes only (tr(A·A⁻¹) is n, tr(U_kᵀU_k) is k), and if it keeps that value when the
     * dimensions become random values, it hides them from the check that uses random values (a
     * polynomial in it that vanishes at the sizes drawn would pass). With dimensions as random
     * values each is given a random value of its own (see {@link ExactEvaluator}), so such a
     * polynomial is a polynomial like any other. A scalar that follows the dimensions' random values
     * (a definition 1/n) is not one.
     *
     * @return each such node with its value at the point
     */
    private Map<Expr, Long> disguised(Map<Expr, ModVal> atPoint, Map<Expr, ModVal> atTwin, Map<Expr, ModVal> withRandomDimensions) {
        Map<Expr, Long> out = new IdentityHashMap<>();
        atPoint.forEach((node, x) -> {
            ModVal twin = atTwin.get(node);
            ModVal random = withRandomDimensions.get(node);
            if (x.kind == ModVal.Kind.SCALAR && twin != null && twin.kind == ModVal.Kind.SCALAR && random != null
                    && random.kind == ModVal.Kind.SCALAR && twin.coefficient() == x.coefficient()
                    && random.coefficient() == x.coefficient() && p.mentionsSymbol(node)) {
                out.put(node, x.coefficient());
            }
        });
        return out;
    }

    /** Trial i's values in floating point, at its point (0) or its twin (1). */
    Map<String, Object> floating(int i, int point) throws InterruptedException {
        if (floating[i][point] == null) {
            if (base == null) {
                floating[i][point] = p.trial(seeds[i], large(i), point);
            } else {
                Map<String, Object> drawn = base.floating(i, point);
                Map<String, Object> v = new HashMap<>(drawn);
                for (Map.Entry<String, Expr> a : assigned.entrySet()) {
                    Evaluator.Val val = new Evaluator(v).eval(a.getValue());
                    v.put(a.getKey(), val.isScalar() ? (Object) val.scalar() : val.asMatrix(((DMatrixRMaj) drawn.get(a.getKey())).numRows));
                }
                floating[i][point] = v;
            }
        }
        return floating[i][point];
    }

    // ------------------------------------------------------------------ values

    Values of(Expr e) {
        return new Values(this, e, null);
    }

    /** The gradient of a scalar function with respect to a symbol. */
    Values gradient(Expr function, String wrt) {
        return new Values(this, function, wrt);
    }

    /** An expression (or a gradient) on each trial, computed exactly or in floating point when first asked. */
    static final class Values {
        final Trials trials;
        final Expr expr;
        /** Non-null: these are the values of expr's gradient with respect to this symbol. */
        private final String wrt;
        /** [trial][point][0: dimensions as sizes, 1: as random values]. */
        private final ModVal[][][] exact;
        private final boolean[][][] known;
        /** [trial]: the expression's dimensions in disguise. */
        private final Map<Expr, Long>[] disguised;
        /** What was singular, when a value is undefined. */
        Expr singular;
        /** [trial][point]. */
        private final Numeric.Floating[][] floating;

        @SuppressWarnings("unchecked")
        private Values(Trials trials, Expr expr, String wrt) {
            this.trials = trials;
            this.expr = expr;
            this.wrt = wrt;
            this.exact = new ModVal[trials.size()][2][2];
            this.known = new boolean[trials.size()][2][2];
            this.disguised = new Map[trials.size()];
            this.floating = new Numeric.Floating[trials.size()][2];
        }

        boolean exactCapable() {
            return trials.exactCapable;
        }

        /** The exact value on trial i (point 0 or its twin 1), or null where it is undefined (a singular inverse). */
        ModVal exact(int i, int point) throws InterruptedException {
            return exact(i, point, false);
        }

        ModVal exact(int i, int point, boolean symbolic) throws InterruptedException {
            int mode = symbolic ? 1 : 0;
            if (!known[i][point][mode]) {
                Map<Expr, Long> hidden = symbolic ? disguised(i) : Map.of();
                known[i][point][mode] = true;
                ExactTrial t = trials.exact(i, point, symbolic);
                if (t != null) {
                    try {
                        exact[i][point][mode] = wrt == null ? t.evaluator(Map.of(), hidden).eval(expr) : new ExactGradient(t.evaluator()).of(expr, wrt);
                    } catch (Singular s) {
                        singular = s.what;
                    }
                }
            }
            return exact[i][point][mode];
        }

        /** The expression's dimensions in disguise on trial i (see {@link Trials#disguised}); none for a gradient. */
        Map<Expr, Long> disguised(int i) throws InterruptedException {
            if (disguised[i] == null) {
                disguised[i] = wrt == null ? disguisedNodes(i) : Map.of();
            }
            return disguised[i];
        }

        private Map<Expr, Long> disguisedNodes(int i) throws InterruptedException {
            if (!trials.p.computesScalars(expr)) {
                return Map.of();
            }
            List<Map<Expr, ModVal>> nodes = new ArrayList<>();
            ExactTrial[] at = {trials.exact(i, 0, false), trials.exact(i, 1, false), trials.exact(i, 0, true)};
            for (ExactTrial t : at) {
                Map<Expr, ModVal> recorded = new IdentityHashMap<>();
                try {
                    if (t == null) {
                        return Map.of();
                    }
                    t.evaluator().evalRecording(expr, recorded);
                } catch (Singular undefined) {
                    return Map.of();
                }
                if (nodes.isEmpty() && recorded.entrySet().stream()
                        .noneMatch(n -> n.getValue().kind == ModVal.Kind.SCALAR && trials.p.mentionsSymbol(n.getKey()))) {
                    return Map.of(); // no scalar computed from the symbols: nothing to hide a dimension in
                }
                nodes.add(recorded);
            }
            return trials.disguised(nodes.get(0), nodes.get(1), nodes.get(2));
        }

        /** Whether the value is undefined on every trial. */
        boolean undefined() throws InterruptedException {
            for (int i = 0; i < trials.size(); i++) {
                if (exact(i, 0) != null) {
                    return false;
                }
            }
            return true;
        }

        /** The value on trial i in floating point, at its point (0) or its twin (1). */
        Numeric.Floating floating(int i, int point) throws InterruptedException {
            if (floating[i][point] == null) {
                Map<String, Object> values = trials.floating(i, point);
                if (wrt != null) {
                    DMatrixRMaj g = Gradients.of(expr, wrt, values);
                    floating[i][point] = new Numeric.Floating(g, Numeric.norm(g), false);
                } else {
                    Evaluator ev = Evaluator.guarded(values);
                    Evaluator.Computed c = ev.computed(expr);
                    // an identity standing alone has no size: compared as the scalar it scales
                    floating[i][point] = new Numeric.Floating(Numeric.matrix(c.val(), 1), c.scale(), ev.invertedMatrix());
                }
            }
            return floating[i][point];
        }

        DMatrixRMaj floating(int i) throws InterruptedException {
            return floating(i, 0).value();
        }
    }

    // ------------------------------------------------------------------ comparisons

    private static boolean exactly(Values a, Values b) {
        return a.exactCapable() && b.exactCapable();
    }

    /**
     * Residues that differ prove the values differ (a residue is the value's image modulo p); only
     * residues that agree need the bound, to know that agreement cannot be chance.
     */
    private static void decidable(Bound b) {
        if (!b.decidable()) {
            throw new Undecidable(TOO_LARGE);
        }
    }

    /** An identity multiple c·I next to a matrix is compared as that matrix's size of it; standing alone, as c. */
    private static ModVal[] aligned(ModVal x, ModVal y) {
        if (x.kind == ModVal.Kind.EYE && y.isMatrix() && y.rows == y.cols) {
            return new ModVal[]{x.asMatrix(y.rows), y};
        }
        if (y.kind == ModVal.Kind.EYE && x.isMatrix() && x.rows == x.cols) {
            return new ModVal[]{x, y.asMatrix(x.rows)};
        }
        return new ModVal[]{x, y};
    }

    /**
     * Whether a and b are equal on every trial. Where dimensions are used as numbers, they must be
     * equal both with the dimensions' sizes and with random values in their place; equal only with
     * the sizes is {@link Undecidable}, never credit. Where a norm to an odd power makes the exact
     * check incomplete, values that differ exactly but agree in floating point are {@link Undecidable}.
     */
    static boolean same(Values a, Values b) throws InterruptedException {
        if (!exactly(a, b)) {
            return sameFloating(a, b);
        }
        if (!sameExactly(a, b, false)) {
            if (a.trials.hasNormVariable(a, b) && sameFloating(a, b)) {
                throw new Undecidable(NORMS_NOT_EXACT);
            }
            return false;
        }
        if (a.trials.countsDimensions(a, b) && !sameExactly(a, b, true)) {
            throw new Undecidable(ONLY_AT_THESE_SIZES);
        }
        return true;
    }

    private static boolean sameFloating(Values a, Values b) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            if (!Numeric.agree(a.floating(i, 0), b.floating(i, 0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameExactly(Values a, Values b, boolean symbolic) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0, symbolic);
            ModVal y = b.exact(i, 0, symbolic);
            if (x == null || y == null) {
                return false;
            }
            ModVal[] xy = aligned(x, y);
            if (!xy[0].sameEntries(xy[1])) {
                return false;
            }
            decidable(x.bound.difference(y.bound));
        }
        return true;
    }

    /** Whether a is zero (the zero matrix, or 0) on every trial; as {@link #same} where dimensions are numbers or norms are variables. */
    static boolean zero(Values a) throws InterruptedException {
        if (!a.exactCapable()) {
            return zeroFloating(a);
        }
        if (!zeroExactly(a, false)) {
            if (a.trials.hasNormVariable(a) && zeroFloating(a)) {
                throw new Undecidable(NORMS_NOT_EXACT);
            }
            return false;
        }
        if (a.trials.countsDimensions(a) && !zeroExactly(a, true)) {
            throw new Undecidable(ONLY_AT_THESE_SIZES);
        }
        return true;
    }

    private static boolean zeroFloating(Values a) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            Numeric.Floating x = a.floating(i, 0);
            DMatrixRMaj zero = new DMatrixRMaj(x.value().numRows, x.value().numCols);
            if (!Numeric.agree(x, new Numeric.Floating(zero, 0, false))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeroExactly(Values a, boolean symbolic) throws InterruptedException {
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0, symbolic);
            if (x == null || !x.isZero()) {
                return false;
            }
            decidable(x.bound);
        }
        return true;
    }

    /**
     * The one number α with a = α·b on every trial, or NaN when there is none. Exactly, α is read
     * back from its residue as a fraction with numerator and denominator below
     * {@link PrimeField#FRACTION_LIMIT} (2²⁰), and must be the same fraction on every trial.
     */
    static double factor(Values a, Values b) throws InterruptedException {
        if (!exactly(a, b)) {
            double alpha = Numeric.multiple(a.floating(0), b.floating(0));
            for (int i = 1; i < a.trials.size() && !Double.isNaN(alpha); i++) {
                double m = Numeric.multiple(a.floating(i), b.floating(i));
                if (Double.isNaN(m) || Math.abs(m - alpha) > 1e-6 * Math.max(1, Math.abs(alpha))) {
                    alpha = Double.NaN;
                }
            }
            return alpha;
        }
        long[] fraction = null;
        for (int i = 0; i < a.trials.size(); i++) {
            ModVal x = a.exact(i, 0);
            ModVal y = b.exact(i, 0);
            if (x == null || y == null) {
                return Double.NaN;
            }
            PrimeField f = a.trials.exact(i, 0).field();
            ModVal[] xy = aligned(x, y);
            Long alpha = multiple(f, xy[0], xy[1]);
            long[] here = alpha == null ? null : f.fraction(alpha);
            if (here == null || fraction != null && (here[0] != fraction[0] || here[1] != fraction[1])) {
                return Double.NaN;
            }
            decidable(x.bound.crossProduct(y.bound));
            fraction = here;
        }
        return (double) fraction[0] / fraction[1];
    }

    /** The non-zero factor c with s = c·r (or c·rᵀ) at one point of trial i (1 when no multiple is allowed), or null. */
    private static Long conditionFactor(Values s, Values r, int i, int point, boolean symbolic, boolean scalarMultiple,
                                        boolean transposed) throws InterruptedException {
        ModVal x = s.exact(i, point, symbolic);
        ModVal y = r.exact(i, point, symbolic);
        if (x == null || y == null) {
            return null;
        }
        ExactTrial t = s.trials.exact(i, point, symbolic);
        ModVal[] xy = aligned(x, transposed ? t.arithmetic().transpose(y) : y);
        Long alpha = multiple(t.field(), xy[0], xy[1]);
        if (alpha == null || alpha == 0 || (!scalarMultiple && alpha != t.field().one)) {
            return null;
        }
        decidable(x.bound.crossProduct(y.bound));
        return alpha;
    }

    /** The residue α with x = α·y, or null when x is no multiple of y (or y is zero). */
    private static Long multiple(PrimeField f, ModVal x, ModVal y) {
        if (x.compareRows() != y.compareRows() || x.compareCols() != y.compareCols()) {
            return null;
        }
        int pivot = 0;
        while (pivot < y.data.length && y.data[pivot] == 0) {
            pivot++;
        }
        if (pivot == y.data.length) {
            return null;
        }
        long alpha = f.mul(x.data[pivot], f.inv(y.data[pivot]));
        for (int j = 0; j < y.data.length; j++) {
            if (x.data[j] != f.mul(alpha, y.data[j])) {
                return null;
            }
        }
        return alpha;
    }

    /**
     * Whether s states the condition r: s = c·r (or c·rᵀ) with c a non-zero number, which may
     * depend on the dimensions but not on the matrices: so it must be the same at a trial's twin
     * point, exactly and in floating point alike (tr(W_1W_2)·G = 0 also holds where tr(W_1W_2) = 0).
     */
    static boolean sameCondition(Values s, Values r, boolean scalarMultiple, boolean transposed) throws InterruptedException {
        if (!exactly(s, r)) {
            for (int i = 0; i < s.trials.size(); i++) {
                double[] alphas = new double[scalarMultiple ? 2 : 1];
                for (int point = 0; point < alphas.length; point++) {
                    DMatrixRMaj ref = r.floating(i, point).value();
                    alphas[point] = Numeric.multiple(s.floating(i, point).value(), transposed ? CommonOps_DDRM.transpose(ref, null) : ref);
                    double alpha = alphas[point];
                    if (Double.isNaN(alpha) || Math.abs(alpha) < 1e-12 || (!scalarMultiple && Math.abs(alpha - 1) > 1e-6)) {
                        return false;
                    }
                }
                if (scalarMultiple && Math.abs(alphas[0] - alphas[1]) > Numeric.TOLERANCE * Math.abs(alphas[0])) {
                    return false; // the factor depends on the matrices: not the same condition
                }
            }
            return true;
        }
        for (int i = 0; i < s.trials.size(); i++) {
            Long[] alphas = new Long[scalarMultiple ? 2 : 1];
            for (int point = 0; point < alphas.length; point++) {
                alphas[point] = conditionFactor(s, r, i, point, false, scalarMultiple, transposed);
                if (alphas[point] == null) {
                    return false;
                }
            }
            if (scalarMultiple && !alphas[0].equals(alphas[1])) {
                return false; // the factor depends on the matrices: not the same condition
            }
        }
        if (s.trials.countsDimensions(s, r)) {
            for (int i = 0; i < s.trials.size(); i++) {
                if (conditionFactor(s, r, i, 0, true, scalarMultiple, transposed) == null) {
                    throw new Undecidable(ONLY_AT_THESE_SIZES);
                }
            }
        }
        return true;
    }
}
