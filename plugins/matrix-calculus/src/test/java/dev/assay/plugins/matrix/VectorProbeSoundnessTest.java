package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link VectorProbe}, which confirms right answers with matrix–vector products, judged against the
 * same independent oracle as {@link EquivalenceSoundnessTest}: it must never confirm a mutant that
 * really differs, and must confirm every value-preserving rewrite and every mutant that is really equal.
 */
class VectorProbeSoundnessTest {
    private static final Problem PROBLEM = EquivalenceSoundnessTest.PROBLEM;

    @Provide
    Arbitrary<Expr> expressions() {
        return EquivalenceSoundnessTest.tree(3);
    }

    private static boolean probeConfirms(Expr a, Expr b, long seed) throws InterruptedException {
        assertThat(VectorProbe.applies(PROBLEM, a) && VectorProbe.applies(PROBLEM, b)).isTrue();
        return VectorProbe.confirms(new Trials(PROBLEM, seed), a, b, "n");
    }

    @Property(tries = 10_000)
    void confirmsOnlyWhatIsReallyEqual(@ForAll("expressions") Expr e, @ForAll EquivalenceSoundnessTest.Mutation m,
                                       @ForAll int pick, @ForAll long seed) throws InterruptedException {
        Expr mutant = EquivalenceSoundnessTest.mutate(e, m, pick);
        boolean equal = EquivalenceSoundnessTest.reallyEqual(e, mutant);
        boolean confirmed = probeConfirms(e, mutant, seed);
        Statistics.label("probed mutants").collect(equal ? "really equal" : "really different",
                confirmed ? "confirmed" : "not confirmed");
        assertThat(confirmed).as(m + ": " + Latex.of(e) + "  vs  " + Latex.of(mutant)).isEqualTo(equal);
    }

    @Property(tries = 10_000)
    void confirmsEveryValuePreservingRewrite(@ForAll("expressions") Expr e, @ForAll("expressions") Expr x,
                                             @ForAll("expressions") Expr y, @ForAll EquivalenceSoundnessTest.Rewrite r,
                                             @ForAll long seed) throws InterruptedException {
        Expr before = EquivalenceSoundnessTest.original(e, r, x, y);
        Expr after = EquivalenceSoundnessTest.rewrite(e, r, x, y);
        assertThat(probeConfirms(before, after, seed)).as(Latex.of(before) + "  vs  " + Latex.of(after)).isTrue();
    }
}
