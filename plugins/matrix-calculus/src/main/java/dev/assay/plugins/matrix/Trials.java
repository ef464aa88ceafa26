package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The random trials of one grading call: each trial's values, exact and in floating point, drawn
 * once when first asked, with the student's assignments on top (substitution mode), and what a
 * comparison must know about them (whether dimensions are used as numbers or hidden in a scalar,
 * whether a norm variable enters). An expression's values on them are {@link TrialValues}; the
 * comparisons made on those are {@link Comparison}'s.
 */
final class Trials {
    private static final long TRIAL_STRIDE = 0x9E3779B97F4A7C15L;

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

    /** Whether every symbol can be drawn exactly, so that comparisons are exact. */
    boolean exactCapable() {
        return exactCapable;
    }

    /**
     * The last trial (the only one, with {@code trials: 1}) draws sizes from 10 up (see
     * {@link Sizes#LARGE_MIN_DIM}); identities that hold up to some size hold at all smaller ones,
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
    boolean countsDimensions(TrialValues... compared) throws InterruptedException {
        if (p.definitionsUseDimensions || assigned.values().stream().anyMatch(p::mentionsDimension)) {
            return true;
        }
        for (TrialValues v : compared) {
            if (p.mentionsDimension(v.expr)) {
                return true;
            }
        }
        for (int i = 0; i < size(); i++) {
            if (assignedDisguises(i).stream().anyMatch(d -> !d.isEmpty())) {
                return true;
            }
            for (TrialValues v : compared) {
                if (!v.disguised(i).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a norm to an odd power enters these values (where exact equality is incomplete). */
    boolean hasNormVariable(TrialValues... compared) {
        if (assigned.values().stream().anyMatch(ExactEvaluator::hasNormVariable)
                || p.definitions.values().stream().anyMatch(ExactEvaluator::hasNormVariable)) {
            return true;
        }
        for (TrialValues v : compared) {
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
                    System.arraycopy(PrimePool.forTrials(seeds[0], seeds.length), 0, primes, 0, seeds.length); // PrimePool: why this is as sound
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
    Map<Expr, Long> disguised(Map<Expr, ModVal> atPoint, Map<Expr, ModVal> atTwin, Map<Expr, ModVal> withRandomDimensions) {
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
                floating[i][point] = FloatingTrial.draw(p, seeds[i], large(i), point);
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

    private static final long PROBE_SALT = 0x3C6EF372FE94F82BL;

    /** Trial i's random vector for {@link VectorProbe}: its own stream, drawn after the answer is fixed like everything else. */
    ModVal probeVector(int i, PrimeField f, int length) {
        java.util.SplittableRandom rnd = RandomStreams.stream(seeds[i], PROBE_SALT, 0);
        long[] v = new long[length];
        for (int j = 0; j < length; j++) {
            v[j] = f.element(rnd);
        }
        return ModVal.matrix(length, 1, v, Bound.RANDOM);
    }

    TrialValues of(Expr e) {
        return new TrialValues(this, e, null);
    }

    /** The gradient of a scalar function with respect to a symbol. */
    TrialValues gradient(Expr function, String wrt) {
        return new TrialValues(this, function, wrt);
    }
}
