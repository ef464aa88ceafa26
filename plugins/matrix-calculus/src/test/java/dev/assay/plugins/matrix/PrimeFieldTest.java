package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Montgomery arithmetic against BigInteger, on primes drawn as trials draw them. */
class PrimeFieldTest {

    @Property(tries = 300)
    void arithmeticAgreesWithBigIntegerModuloTheDrawnPrime(@ForAll long seed, @ForAll long x, @ForAll long y) {
        PrimeField f = PrimeField.draw(new SplittableRandom(seed));
        BigInteger p = BigInteger.valueOf(f.p);
        assertThat(p.isProbablePrime(80)).isTrue();
        assertThat(f.p).isBetween(1L << 61, (1L << 62) - 1);
        long a = f.of(x);
        long b = f.of(y);
        BigInteger bx = BigInteger.valueOf(x).mod(p);
        BigInteger by = BigInteger.valueOf(y).mod(p);
        assertThat(f.value(f.mul(a, b))).isEqualTo(bx.multiply(by).mod(p).longValueExact());
        assertThat(f.value(f.add(a, b))).isEqualTo(bx.add(by).mod(p).longValueExact());
        assertThat(f.value(f.sub(a, b))).isEqualTo(bx.subtract(by).mod(p).longValueExact());
        assertThat(f.value(f.neg(a))).isEqualTo(bx.negate().mod(p).longValueExact());
        if (bx.signum() != 0) {
            assertThat(f.mul(a, f.inv(a))).isEqualTo(f.one);
        }
    }

    @Property(tries = 2000)
    void millerRabinAgreesWithBigInteger(@ForAll @LongRange(min = 1L << 61, max = (1L << 62) - 1) long n) {
        long odd = n | 1;
        assertThat(PrimeField.isPrime(odd)).as(Long.toString(odd)).isEqualTo(BigInteger.valueOf(odd).isProbablePrime(80));
    }

    @Test
    void productsOfTwoLargePrimesAreComposite() {
        assertThat(PrimeField.isPrime((1L << 61) - 1)).as("2^61 - 1 is prime").isTrue();
        long semiprime = 2_147_483_647L * 1_073_741_827L; // (2^31 - 1)(2^30 + 3), no factor below 2^30
        assertThat(semiprime).isBetween(1L << 61, 1L << 62);
        assertThat(PrimeField.isPrime(semiprime)).isFalse();
    }

    @Property(tries = 500)
    void aSmallFractionIsReadBackFromItsResidue(@ForAll long seed, @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int num,
                                               @ForAll @IntRange(min = 1, max = 1_000_000) int den) {
        PrimeField f = PrimeField.draw(new SplittableRandom(seed));
        long residue = f.mul(f.of(num), f.inv(f.of(den)));
        long[] back = f.fraction(residue);
        BigInteger g = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den));
        assertThat(back).containsExactly(num / g.longValue(), den / g.longValue());
    }

    @Test
    void aRandomElementHasNoSmallFraction() {
        PrimeField f = PrimeField.draw(new SplittableRandom(7));
        int found = 0;
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            if (f.fraction(f.element(rnd)) != null) {
                found++;
            }
        }
        assertThat(found).as("2^41 of 2^62 residues are fractions below 2^20").isLessThan(2);
    }

    @Test
    void theModulusMustBeAnOddNumberOf62Bits() {
        assertThatThrownBy(() -> new PrimeField(1_000_003)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrimeField(1L << 61)).isInstanceOf(IllegalArgumentException.class);
        PrimeField f = PrimeField.draw(new SplittableRandom(1));
        assertThatThrownBy(() -> f.inv(f.zero)).isInstanceOf(ArithmeticException.class);
    }
}
