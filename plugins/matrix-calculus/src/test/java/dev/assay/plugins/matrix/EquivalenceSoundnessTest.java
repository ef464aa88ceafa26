package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Soundness of the equivalence check over random well-shaped expression trees (square n×n matrices,
 * n ≥ 3, so no polynomial identity of this degree holds). Value-preserving rewrites must always be
 * EQUIVALENT; single mutations must be EQUIVALENT exactly when the mutant really is equal, judged
 * by an independent oracle: the normal form of a non-commutative polynomial with transpose.
 */
class EquivalenceSoundnessTest {
    static final List<String> LETTERS = List.of("A", "B", "C");
    static final Problem PROBLEM = new Problem(new MatrixConfig(MatrixConfig.Mode.expression,
            new MatrixConfig.Dimensions(List.of("p", "n"), List.of("p < n")),
            LETTERS.stream().map(l -> new MatrixConfig.SymbolDecl(l, "n x n", null, null)).toList(),
            null, null, null, null, "A", null, null, null, null, null, null, List.of(), null));

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Expr> expressions() {
        return tree(3);
    }

    /** Random well-shaped trees of depth up to {@code depth} over A, B, C (also {@link VectorProbeSoundnessTest}'s). */
    static Arbitrary<Expr> tree(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.of(LETTERS).map(Expr.Sym::new);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> tree(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(3, sub.list().ofMinSize(2).ofMaxSize(3).map(Expr.Product::new)),
                net.jqwik.api.Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Expr.Sum::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Expr.Transpose::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Expr.Neg::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(2, 5), sub)
                        .as((c, e) -> new Expr.Product(List.of(new Expr.Num(c), e)))));
    }

    // ------------------------------------------------------------------ the oracle

    /** Normal form: monomial (letters, primed when transposed) → coefficient. */
    static Map<List<String>, Double> normal(Expr e) {
        Map<List<String>, Double> out = new HashMap<>();
        if (e instanceof Expr.Sym s) {
            out.put(List.of(s.name()), 1.0);
        } else if (e instanceof Expr.Num n) {
            out.put(List.of(), n.value());
        } else if (e instanceof Expr.Neg n) {
            normal(n.x()).forEach((k, v) -> out.put(k, -v));
        } else if (e instanceof Expr.Sum s) {
            for (Expr t : s.terms()) {
                normal(t).forEach((k, v) -> out.merge(k, v, Double::sum));
            }
        } else if (e instanceof Expr.Product p) {
            Map<List<String>, Double> acc = Map.of(List.of(), 1.0);
            for (Expr f : p.factors()) {
                Map<List<String>, Double> next = new HashMap<>();
                for (var a : acc.entrySet()) {
                    for (var b : normal(f).entrySet()) {
                        List<String> word = new ArrayList<>(a.getKey());
                        word.addAll(b.getKey());
                        next.merge(word, a.getValue() * b.getValue(), Double::sum);
                    }
                }
                acc = next;
            }
            out.putAll(acc);
        } else if (e instanceof Expr.Transpose t) {
            normal(t.x()).forEach((k, v) -> {
                List<String> word = new ArrayList<>();
                for (int i = k.size() - 1; i >= 0; i--) {
                    String l = k.get(i);
                    word.add(l.endsWith("'") ? l.substring(0, l.length() - 1) : l + "'");
                }
                out.merge(word, v, Double::sum);
            });
        } else {
            throw new IllegalArgumentException(String.valueOf(e));
        }
        out.values().removeIf(v -> Math.abs(v) < 1e-9);
        return out;
    }

    static boolean reallyEqual(Expr a, Expr b) {
        Map<List<String>, Double> na = normal(a);
        Map<List<String>, Double> nb = normal(b);
        if (!na.keySet().equals(nb.keySet())) {
            return false;
        }
        return na.entrySet().stream().allMatch(en -> Math.abs(en.getValue() - nb.get(en.getKey())) < 1e-9);
    }

    static boolean pluginSaysEquivalent(Expr a, Expr b, long seed) throws InterruptedException {
        Grading g = new Grading(PROBLEM, seed);
        return g.equivalent(g.values(a), g.values(b));
    }

    /**
     * The same question on the floating-point path: a decomposition of AAᵀ + I_n, which cannot be
     * drawn exactly, makes every comparison floating point.
     */
    static final Problem FLOATING = floating();

    private static Problem floating() {
        try {
            return ExactEvaluationTest.problem("""
                    mode: expression
                    dimensions: {names: [p, n], constraints: ["p < n"]}
                    symbols: [{name: A, shape: n x n}, {name: B, shape: n x n}, {name: C, shape: n x n}]
                    derived:
                      - {name: D, definition: 'A A^\\top + I_n'}
                      - {name: V, decomposition: top-eigenvectors, of: D, count: p}
                    reference: A
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    enum Verdict { EQUIVALENT, NOT_EQUIVALENT, CANNOT_DECIDE }

    static Verdict verdict(Problem problem, Expr a, Expr b, long seed) throws InterruptedException {
        Grading g = new Grading(problem, seed);
        try {
            return g.equivalent(g.values(a), g.values(b)) ? Verdict.EQUIVALENT : Verdict.NOT_EQUIVALENT;
        } catch (Undecidable refused) {
            return Verdict.CANNOT_DECIDE;
        }
    }

    /** e·‖x‖_F: a norm to an odd power, a variable of its own on the exact path, a square root in floating point. */
    static Expr timesANorm(Expr e, Expr x) {
        return new Expr.Product(List.of(e, new Expr.Norm(x)));
    }

    // ------------------------------------------------------------------ rewrites

    enum Rewrite { DISTRIBUTE, FACTOR, TRANSPOSE_OF_PRODUCT, DOUBLE_TRANSPOSE, MOVE_SCALAR, ADD_ZERO }

    static Expr rewrite(Expr e, Rewrite r, Expr x, Expr y) {
        return switch (r) {
            // e(x + y) → ex + ey
            case DISTRIBUTE -> new Expr.Sum(List.of(new Expr.Product(List.of(e, x)), new Expr.Product(List.of(e, y))));
            // xe + ye → (x + y)e
            case FACTOR -> new Expr.Product(List.of(new Expr.Sum(List.of(x, y)), e));
            // (e x)^T → x^T e^T
            case TRANSPOSE_OF_PRODUCT -> new Expr.Product(List.of(new Expr.Transpose(x), new Expr.Transpose(e)));
            case DOUBLE_TRANSPOSE -> new Expr.Transpose(new Expr.Transpose(e));
            // 3(e x) → e(3x)
            case MOVE_SCALAR -> new Expr.Product(List.of(e, new Expr.Num(3), x));
            case ADD_ZERO -> new Expr.Sum(List.of(e, x, new Expr.Neg(x), new Expr.Num(0)));
        };
    }

    static Expr original(Expr e, Rewrite r, Expr x, Expr y) {
        return switch (r) {
            case DISTRIBUTE -> new Expr.Product(List.of(e, new Expr.Sum(List.of(x, y))));
            case FACTOR -> new Expr.Sum(List.of(new Expr.Product(List.of(x, e)), new Expr.Product(List.of(y, e))));
            case TRANSPOSE_OF_PRODUCT -> new Expr.Transpose(new Expr.Product(List.of(e, x)));
            case DOUBLE_TRANSPOSE -> e;
            case MOVE_SCALAR -> new Expr.Product(List.of(new Expr.Num(3), e, x));
            case ADD_ZERO -> e;
        };
    }

    @Property(tries = 10_000)
    void valuePreservingRewritesAreAlwaysEquivalent(@ForAll("expressions") Expr e, @ForAll("expressions") Expr x,
                                                    @ForAll("expressions") Expr y, @ForAll Rewrite r,
                                                    @ForAll long seed) throws InterruptedException {
        Expr before = original(e, r, x, y);
        Expr after = rewrite(e, r, x, y);
        assertThat(reallyEqual(before, after)).as("oracle agrees the rewrite preserves value").isTrue();
        boolean equivalent = pluginSaysEquivalent(before, after, seed);
        Statistics.label("rewrites").collect(equivalent ? "EQUIVALENT" : "not equivalent");
        assertThat(equivalent).as(Latex.of(before) + "  vs  " + Latex.of(after)).isTrue();
    }

    // ------------------------------------------------------------------ mutations

    enum Mutation { TOGGLE_TRANSPOSE, SWAP_FACTORS, CHANGE_SCALAR, DROP_TERM }

    static Expr mutate(Expr e, Mutation m, int pick) {
        List<Expr> nodes = Expr.nodes(e);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Expr n = nodes.get(i);
            boolean fits = switch (m) {
                case TOGGLE_TRANSPOSE -> !(n instanceof Expr.Num);
                case SWAP_FACTORS -> n instanceof Expr.Product;
                case CHANGE_SCALAR -> n instanceof Expr.Num;
                case DROP_TERM -> n instanceof Expr.Sum;
            };
            if (fits) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            // Nothing of that kind here: toggle the root's transpose instead.
            return new Expr.Transpose(e);
        }
        int at = candidates.get(Math.floorMod(pick, candidates.size()));
        return Expr.replace(e, at, n -> switch (m) {
            case TOGGLE_TRANSPOSE -> n instanceof Expr.Transpose t ? t.x() : new Expr.Transpose(n);
            case SWAP_FACTORS -> {
                List<Expr> f = new ArrayList<>(((Expr.Product) n).factors());
                int i = Math.floorMod(pick, f.size() - 1);
                Expr tmp = f.get(i);
                f.set(i, f.get(i + 1));
                f.set(i + 1, tmp);
                yield new Expr.Product(f);
            }
            case CHANGE_SCALAR -> new Expr.Num(((Expr.Num) n).value() + 1);
            case DROP_TERM -> {
                List<Expr> t = new ArrayList<>(((Expr.Sum) n).terms());
                t.remove(Math.floorMod(pick, t.size()));
                yield t.size() == 1 ? t.get(0) : new Expr.Sum(t);
            }
        });
    }

    @Property(tries = 10_000)
    void singleMutationsAreEquivalentOnlyWhenReallyEqual(@ForAll("expressions") Expr e, @ForAll Mutation m,
                                                         @ForAll int pick, @ForAll long seed) throws InterruptedException {
        Expr mutant = mutate(e, m, pick);
        boolean equal = reallyEqual(e, mutant);
        boolean equivalent = pluginSaysEquivalent(e, mutant, seed);
        Statistics.label("mutants").collect(equal ? "really equal" : "really different",
                equivalent ? "EQUIVALENT" : "not equivalent");
        assertThat(equivalent).as(m + ": " + Latex.of(e) + "  vs  " + Latex.of(mutant)).isEqualTo(equal);
    }

    @Property(tries = 3_000)
    void singleMutationsTimesANormAreEquivalentOnlyWhenReallyEqual(@ForAll("expressions") Expr e, @ForAll("expressions") Expr x,
                                                                   @ForAll Mutation m, @ForAll int pick, @ForAll long seed)
            throws InterruptedException {
        Expr mutant = mutate(e, m, pick);
        String pair = m + ": " + Latex.of(timesANorm(e, x)) + "  vs  " + Latex.of(timesANorm(mutant, x));
        Verdict v = verdict(PROBLEM, timesANorm(e, x), timesANorm(mutant, x), seed);
        if (normal(x).isEmpty()) { // ‖0‖ = 0: both sides are 0, and a scalar that is 0 whatever the matrices is refused
            Statistics.label("mutants times a norm").collect("really equal (times ‖0‖)", v);
            assertThat(v).as(pair).isNotEqualTo(Verdict.NOT_EQUIVALENT);
            return;
        }
        boolean equal = reallyEqual(e, mutant);
        Statistics.label("mutants times a norm").collect(equal ? "really equal" : "really different", v);
        assertThat(v).as(pair).isEqualTo(equal ? Verdict.EQUIVALENT : Verdict.NOT_EQUIVALENT);
    }

    @Property(tries = 1_000)
    void inFloatingPointSingleMutationsAreNeverEquivalentWhenReallyDifferent(@ForAll("expressions") Expr e, @ForAll("expressions") Expr x,
                                                                             @ForAll Mutation m, @ForAll int pick,
                                                                             @ForAll boolean withNorm, @ForAll long seed)
            throws InterruptedException {
        Expr mutant = mutate(e, m, pick);
        boolean equal = reallyEqual(e, mutant) || withNorm && normal(x).isEmpty(); // times ‖0‖, both sides are 0
        Verdict v = withNorm ? verdict(FLOATING, timesANorm(e, x), timesANorm(mutant, x), seed) : verdict(FLOATING, e, mutant, seed);
        Statistics.label("mutants in floating point").collect(equal ? "really equal" : "really different", v);
        if (!equal) {
            assertThat(v).as(m + ": " + Latex.of(e) + "  vs  " + Latex.of(mutant)).isNotEqualTo(Verdict.EQUIVALENT);
        }
    }
}
