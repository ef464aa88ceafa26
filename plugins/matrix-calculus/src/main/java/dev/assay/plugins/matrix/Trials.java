package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The random trials of one grading call and the comparisons made on them. A comparison is exact
 * (modulo each trial's random prime, see {@link Bound}) whenever both sides are rational functions
 * of the entries and every symbol can be drawn exactly; otherwise it is made in floating point,
 * and refused ({@link Undecidable}) where floating point cannot tell a difference.
 */
final class Trials {
    private static final long TRIAL_STRIDE = 0x9E3779B97F4A7C15L;
    static final String TOO_LARGE = "Your expression is too large to compare exactly: its powers of powers give it a degree"
            + " beyond what a check can bound. Write it with smaller powers and submit again.";
    static final String ONLY_AT_THESE_SIZES = "Your expression agrees with the answer at the sizes tried, but not as a formula"
            + " in the dimensions: it depends on their values in a way the answer does not (or it uses a fact such as"
            + " $\\operatorname{tr}(I_k) = k$ through a matrix that is only numerically the identity). Write the dimensions"
            + " where they belong and submit again.";

    final Problem p;
    private final long[] seeds;
    /** [trial][point][0: dimensions as sizes, 1: as random values]. */
    private final ExactTrial[][][] exact;
    /** Each trial's prime, drawn once (shared with substituted trials). */
    private final PrimeField[] primes;
    private final List<Map<String, Object>> floating;
    /** Assignments (substitution mode) made on top of the drawn values, in order; empty for none. */
    private final Map<String, Expr> assigned;
    private final Trials base;
    private final boolean exactCapable;

    Trials(Problem p, long seed) {
        this.p = p;
        this.seeds = new long[p.config.trials()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = seed + TRIAL_STRIDE * (i + 1);
        }
        this.exact = new ExactTrial[seeds.length][2][2];
        this.primes = new PrimeField[seeds.length];
        this.floating = new ArrayList<>();
        this.assigned = Map.of();
        this.base = null;
        this.exactCapable = p.exact;
    }

    private Trials(Trials base, Map<String, Expr> assigned) {
        this.p = base.p;
        this.seeds = base.seeds;
        this.exact = new ExactTrial[seeds.length][2][2];
        this.primes = base.primes;
        this.floating = new ArrayList<>();
        this.assigned = new LinkedHashMap<>(assigned);
        this.base = base;
        this.exactCapable = base.exactCapable && assigned.values().stream().allMatch(ExactEvaluator::rational);
    }

    /** These trials with symbols replaced by expressions of the others (evaluated in order). */
    Trials substituted(Map<String, Expr> assignments) {
        return new Trials(this, assignments);
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

    /** Whether comparing these expressions needs the check with dimensions as random values. */
    private boolean usesDimensions(Expr... exprs) {
        if (p.definitionsUseDimensions || assigned.values().stream().anyMatch(p::mentionsDimension)) {
            return true;
        }
        for (Expr e : exprs) {
            if (p.mentionsDimension(e)) {
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
                if (b == null) {
                    return null;
                }
                Map<String, ModVal> replaced = new HashMap<>();
                try {
                    for (Map.Entry<String, Expr> a : assigned.entrySet()) {
                        ModVal v = b.evaluator(replaced).eval(a.getValue());
                        ModVal declared = b.values().get(a.getKey());
                        replaced.put(a.getKey(), declared.isMatrix() ? v.asMatrix(declared.rows) : v);
                    }
                } catch (ExactEvaluator.Singular | ExactEvaluator.NotRational undefined) {
                    return null;
                }
                exact[i][point][mode] = b.with(replaced);
            }
        }
        return exact[i][point][mode];
    }

    /** Trial i's values in floating point. */
    Map<String, Object> floating(int i) throws InterruptedException {
        while (floating.size() <= i) {
            int t = floating.size();
            if (base == null) {
                floating.add(p.trial(seeds[t], large(t)));
            } else {
                Map<String, Object> v = new HashMap<>(base.floating(t));
                for (Map.Entry<String, Expr> a : assigned.entrySet()) {
                    Evaluator.Val val = new Evaluator(v).eval(a.getValue());
                    v.put(a.getKey(), val.isScalar() ? (Object) val.scalar()
                            : val.asMatrix(((DMatrixRMaj) base.floating(t).get(a.getKey())).numRows));
                }
                floating.add(v);
            }
        }
        return floating.get(i);
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
        /** What was singular, when a value is undefined. */
        Expr singular;
        private List<DMatrixRMaj> floating;
        private double[] scales;

        private Values(Trials trials, Expr expr, String wrt) {
            this.trials = trials;
            this.expr = expr;
            this.wrt = wrt;
            this.exact = new ModVal[trials.size()][2][2];
            this.known = new boolean[trials.size()][2][2];
        }

        boolean exactCapable() {
            return trials.exactCapable && ExactEvaluator.rational(expr);
        }

        /** The exact value on trial i (point 0 or its twin 1), or null where it is undefined (a singular inverse). */
        ModVal exact(int i, int point) throws InterruptedException {
            return exact(i, point, false);
        }

        ModVal exact(int i, int point, boolean symbolic) throws InterruptedException {
            int mode = symbolic ? 1 : 0;
            if (!known[i][point][mode]) {
                known[i][point][mode] = true;
                ExactTrial t = trials.exact(i, point, symbolic);
                if (t != null) {
                    try {
                        exact[i][point][mode] = wrt == null ? t.evaluator().eval(expr) : t.evaluator().gradient(expr, wrt);
                    } catch (ExactEvaluator.Singular s) {
                        singular = s.what;
                    } catch (ExactEvaluator.NotRational e) {
                        throw new IllegalStateException("checked by exactCapable", e);
                    }
                }
            }
            return exact[i][point][mode];
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

        List<DMatrixRMaj> floating() throws InterruptedException {
            if (floating == null) {
                List<DMatrixRMaj> out = new ArrayList<>();
                double[] s = new double[trials.size()];
                for (int i = 0; i < trials.size(); i++) {
                    Map<String, Object> values = trials.floating(i);
                    if (wrt != null) {
                        out.add(Gradients.of(expr, wrt, values));
                        s[i] = Numeric.norm(out.get(i));
                    } else {
                        Evaluator ev = Evaluator.guarded(values);
                        // an identity standing alone has no size: compared as the scalar it scales
                        out.add(Numeric.matrix(ev.eval(expr), 1));
                        s[i] = ev.magnitude(expr);
                    }
                }
                floating = out;
                scales = s;
            }
            return floating;
        }

        double scale(int i) throws InterruptedException {
            floating();
            return scales[i];
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
     * the sizes is {@link Undecidable}, never credit.
     */
    static boolean same(Values a, Values b) throws InterruptedException {
        if (exactly(a, b)) {
            if (!sameExactly(a, b, false)) {
                return false;
            }
            if (a.trials.usesDimensions(a.expr, b.expr) && !sameExactly(a, b, true)) {
                throw new Undecidable(ONLY_AT_THESE_SIZES);
            }
            return true;
        }
        for (int i = 0; i < a.trials.size(); i++) {
            if (!Numeric.agree(a.floating().get(i), b.floating().get(i), a.scale(i), b.scale(i))) {
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

    /** Whether a is zero (the zero matrix, or 0) on every trial; as {@link #same} where dimensions are numbers. */
    static boolean zero(Values a) throws InterruptedException {
        if (a.exactCapable()) {
            if (!zeroExactly(a, false)) {
                return false;
            }
            if (a.trials.usesDimensions(a.expr) && !zeroExactly(a, true)) {
                throw new Undecidable(ONLY_AT_THESE_SIZES);
            }
            return true;
        }
        for (int i = 0; i < a.trials.size(); i++) {
            DMatrixRMaj x = a.floating().get(i);
            if (!Numeric.agree(x, new DMatrixRMaj(x.numRows, x.numCols), a.scale(i), 0)) {
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
     * back from its residue as a fraction with numerator and denominator below 2³⁰, and must be
     * the same fraction on every trial.
     */
    static double factor(Values a, Values b) throws InterruptedException {
        if (!exactly(a, b)) {
            List<DMatrixRMaj> x = a.floating();
            List<DMatrixRMaj> y = b.floating();
            double alpha = Numeric.multiple(x.get(0), y.get(0));
            for (int i = 1; i < x.size() && !Double.isNaN(alpha); i++) {
                double m = Numeric.multiple(x.get(i), y.get(i));
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
        ModVal[] xy = aligned(x, transposed ? t.evaluator().transpose(y) : y);
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
     * depend on the dimensions but not on the matrices (so it is the same at a trial's twin point).
     */
    static boolean sameCondition(Values s, Values r, boolean scalarMultiple, boolean transposed) throws InterruptedException {
        if (!exactly(s, r)) {
            for (int i = 0; i < s.trials.size(); i++) {
                DMatrixRMaj ref = transposed ? CommonOps_DDRM.transpose(r.floating().get(i), null) : r.floating().get(i);
                double alpha = Numeric.multiple(s.floating().get(i), ref);
                if (Double.isNaN(alpha) || Math.abs(alpha) < 1e-12 || (!scalarMultiple && Math.abs(alpha - 1) > 1e-6)) {
                    return false;
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
        if (s.trials.usesDimensions(s.expr, r.expr)) {
            for (int i = 0; i < s.trials.size(); i++) {
                if (conditionFactor(s, r, i, 0, true, scalarMultiple, transposed) == null) {
                    throw new Undecidable(ONLY_AT_THESE_SIZES);
                }
            }
        }
        return true;
    }
}
