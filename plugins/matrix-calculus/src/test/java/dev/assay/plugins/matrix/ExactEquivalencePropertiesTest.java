package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Identities where floating point fails: products as long as the parser allows, terms whose sizes
 * differ by up to 24 orders of magnitude, products that cancel. Every false identity must be
 * NOT_EQUIVALENT and every true one EQUIVALENT; answers are typed text, so the parser's own
 * bounds (4,000 characters, 2,000 tokens) apply. Matrices are n×n with 3 ≤ n ≤ 9.
 */
class ExactEquivalencePropertiesTest {
    static final Problem PROBLEM = EquivalenceSoundnessTest.PROBLEM;
    static final List<String> FACTORS = List.of("A", "B", "C", "A^T", "B^T", "C^T");

    static boolean equivalent(String a, String b, long seed) throws Exception {
        Grading g = new Grading(PROBLEM, seed);
        return g.equivalent(g.values(Parser.expression(a, PROBLEM.symbols)), g.values(Parser.expression(b, PROBLEM.symbols)));
    }

    static String text(List<String> word) {
        return String.join(" ", word);
    }

    /** The same product written as the transpose of the reversed product of transposes. */
    static String transposedBack(List<String> word) {
        List<String> out = new ArrayList<>();
        for (int i = word.size() - 1; i >= 0; i--) {
            String f = word.get(i);
            out.add(f.endsWith("^T") ? f.substring(0, 1) : f + "^T");
        }
        return "(" + text(out) + ")^T";
    }

    /** The same product with runs of one factor written as powers (at most 8). */
    static String withPowers(List<String> word) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.size(); ) {
            int j = i;
            while (j < word.size() && word.get(j).equals(word.get(i)) && j - i < 8) {
                j++;
            }
            b.append(j - i == 1 ? word.get(i) : "(" + word.get(i) + ")^" + (j - i)).append(' ');
            i = j;
        }
        return b.toString().trim();
    }

    /** 10^e as a decimal literal the parser reads exactly (at most 15 characters). */
    static String power10(int e) {
        return BigDecimal.ONE.scaleByPowerOfTen(e).toPlainString();
    }

    @Provide
    Arbitrary<List<String>> longWords() {
        return Arbitraries.of(FACTORS).list().ofMinSize(2).ofMaxSize(900).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.of(FACTORS).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void aLongProductIsNotEquivalentToItselfWithOneFactorChanged(@ForAll("longWords") List<String> word,
                                                                 @ForAll @IntRange(min = 0, max = 899) int at,
                                                                 @ForAll @IntRange(min = 1, max = 5) int shift,
                                                                 @ForAll long seed) throws Exception {
        List<String> mutant = new ArrayList<>(word);
        int i = at % word.size();
        mutant.set(i, FACTORS.get((FACTORS.indexOf(word.get(i)) + shift) % FACTORS.size()));
        assertThat(EquivalenceSoundnessTest.reallyEqual(Parser.expression(text(word), PROBLEM.symbols),
                Parser.expression(text(mutant), PROBLEM.symbols))).isFalse();
        boolean same = equivalent(text(word), text(mutant), seed);
        Statistics.label("length").collect(word.size() < 100 ? "< 100" : word.size() < 500 ? "100–499" : "500–900");
        assertThat(same).as(word.size() + " factors, factor " + i + " changed").isFalse();
    }

    @Property(tries = 300)
    void aLongProductIsEquivalentToItsRewrites(@ForAll("longWords") List<String> word, @ForAll long seed) throws Exception {
        assertThat(equivalent(text(word), transposedBack(word), seed)).as("(wᵀ reversed)ᵀ").isTrue();
        assertThat(equivalent(text(word), withPowers(word), seed)).as("runs as powers").isTrue();
    }

    @Property(tries = 500)
    void termsOfVeryDifferentSizesAreAllSeen(@ForAll("words") List<String> base, @ForAll("words") List<String> term,
                                              @ForAll @IntRange(min = -12, max = 12) int exponent,
                                              @ForAll long seed) throws Exception {
        String e = text(base);
        String small = power10(exponent) + " " + text(term);
        Statistics.label("scale").collect(exponent < -6 ? "≤ 1e-7" : exponent <= 6 ? "1e-6…1e6" : "≥ 1e7");
        assertThat(equivalent(e + " + " + small, e, seed)).as("e + 10^%d·G vs e", exponent).isFalse();
        assertThat(equivalent(e + " + " + small + " - " + small, e, seed)).as("e + 10^%d·G − 10^%d·G", exponent, exponent).isTrue();
        assertThat(equivalent(small + " + " + e, e + " + " + small, seed)).isTrue();
        String huge = power10(Math.abs(exponent)) + " " + text(term);
        String tiny = power10(-Math.abs(exponent)) + " " + e;
        assertThat(equivalent(huge + " + " + tiny, huge, seed)).as("10^%d·G + 10^-%d·e vs 10^%d·G", exponent, exponent, exponent)
                .isFalse();
    }

    @Property(tries = 300)
    void productsThatCancelAreZeroAndOnlyThey(@ForAll("words") List<String> left, @ForAll("words") List<String> middle,
                                              @ForAll("words") List<String> right, @ForAll("words") List<String> rest,
                                              @ForAll @IntRange(min = 0, max = 59) int at, @ForAll long seed) throws Exception {
        String l = text(left);
        String m = text(middle);
        String r = text(right);
        String e = text(rest);
        List<String> changed = new ArrayList<>(middle);
        int i = at % middle.size();
        changed.set(i, FACTORS.get((FACTORS.indexOf(middle.get(i)) + 1) % FACTORS.size()));
        assertThat(equivalent(l + " (" + m + " - " + m + ") " + r + " + " + e, e, seed)).isTrue();
        assertThat(equivalent(l + " (" + m + " - " + text(changed) + ") " + r + " + " + e, e, seed)).isFalse();
        assertThat(equivalent(l + " (" + m + " - " + text(changed) + ") " + r, "A - A", seed)).isFalse();
    }
}
