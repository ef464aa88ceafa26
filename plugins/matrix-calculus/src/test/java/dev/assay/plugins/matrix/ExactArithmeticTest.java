package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The matrix product, summed as 128-bit products and reduced once, against the product reduced term by term. */
class ExactArithmeticTest {

    @Property(tries = 300)
    void theProductReducedOnceIsTheProductReducedTermByTerm(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n,
                                                            @ForAll @IntRange(min = 1, max = 40) int s,
                                                            @ForAll @IntRange(min = 1, max = 40) int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PrimeField f = PrimeField.draw(rnd);
        long[] a = entries(rnd, f, n * s);
        long[] b = entries(rnd, f, s * m);
        ModVal product = new ExactArithmetic(f).multiply(ModVal.matrix(n, s, a, Bound.RANDOM), ModVal.matrix(s, m, b, Bound.RANDOM));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                long sum = 0;
                for (int k = 0; k < s; k++) {
                    sum = f.add(sum, f.mul(a[i * s + k], b[k * m + j]));
                }
                assertThat(product.data[i * m + j]).as("(%d, %d)", i, j).isEqualTo(sum);
            }
        }
    }

    /** Random residues, a third of them the largest (p − 1), where the sums' high halves grow fastest. */
    private static long[] entries(SplittableRandom rnd, PrimeField f, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            int kind = rnd.nextInt(3);
            out[i] = kind == 0 ? f.p - 1 : kind == 1 ? rnd.nextLong(f.p) : rnd.nextInt(3);
        }
        return out;
    }
}
