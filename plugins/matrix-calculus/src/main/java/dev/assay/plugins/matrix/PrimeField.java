package dev.assay.plugins.matrix;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Arithmetic modulo a prime p between 2⁶¹ and 2⁶², drawn at random for each trial; elements are
 * kept in Montgomery form (x·2⁶⁴ mod p), so a product costs three 64-bit multiplications.
 *
 * <p>Why a random prime and not a fixed one: an answer is a polynomial with integer coefficients
 * that the student controls (numbers, and multiplicities such as {@code ((A+A)^8)^8 = 2⁶⁴A⁶⁴}).
 * Against a fixed prime they can write a non-zero coefficient that is a multiple of it (with
 * 2⁶¹−1, {@code 2^{61}} is 1); against a prime drawn from about 2⁵⁶ candidates after the answer is
 * fixed, a coefficient of b bits is a multiple of it with probability below b / 2⁶². {@link Bound}
 * keeps b and the degree small enough for both that and Schwartz–Zippel to leave nothing to luck.
 */
final class PrimeField {
    /** The probability that a random element is a root of a non-zero polynomial of degree d is at most d / p ≤ d / 2⁶¹. */
    static final double LOG2_MIN_PRIME = 61;

    private static final int[] SMALL_PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73,
        79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199};
    /** Miller–Rabin with these bases is exact for every n below 2⁶⁴ (Jim Sinclair's set). */
    private static final long[] WITNESSES = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

    final long p;
    /** −p⁻¹ mod 2⁶⁴. */
    private final long negInv;
    /** 2¹²⁸ mod p: turns x into its Montgomery form. */
    private final long r2;
    final long zero = 0;
    final long one;

    PrimeField(long p) {
        if (p < (1L << 61) || p >= (1L << 62) || (p & 1) == 0) {
            throw new IllegalArgumentException("the modulus must be odd and between 2^61 and 2^62, was " + p);
        }
        this.p = p;
        long inv = p; // Newton's iteration: each step doubles the correct low bits (3 → 6 → … → 96)
        for (int i = 0; i < 5; i++) {
            inv *= 2 - p * inv;
        }
        this.negInv = -inv;
        long r = Long.remainderUnsigned(-p, p); // 2⁶⁴ mod p
        for (int i = 0; i < 64; i++) {
            r = add(r, r);
        }
        this.r2 = r;
        this.one = mul(r2, 1);
    }

    /** A prime between 2⁶¹ and 2⁶² drawn uniformly from the odd numbers there (about 2⁵⁶ primes). */
    static PrimeField draw(SplittableRandom rnd) {
        while (true) {
            long candidate = (rnd.nextLong() >>> 2) | (1L << 61) | 1L;
            if (isPrime(candidate)) {
                return new PrimeField(candidate);
            }
        }
    }

    static boolean isPrime(long n) {
        for (int q : SMALL_PRIMES) {
            if (n % q == 0) {
                return n == q;
            }
        }
        if (n < (1L << 61)) {
            return BigInteger.valueOf(n).isProbablePrime(64);
        }
        PrimeField f = new PrimeField(n); // Montgomery arithmetic needs only an odd modulus
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>= s;
        long minusOne = f.sub(f.zero, f.one);
        for (long w : WITNESSES) {
            long a = f.of(w);
            if (a == f.zero) {
                continue;
            }
            long x = f.pow(a, d);
            if (x == f.one || x == minusOne) {
                continue;
            }
            boolean composite = true;
            for (int i = 1; i < s && composite; i++) {
                x = f.mul(x, x);
                composite = x != minusOne;
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    /** Montgomery product: a·b·2⁻⁶⁴ mod p, for a, b in [0, p). */
    long mul(long a, long b) {
        return reduce(Math.multiplyHigh(a, b), a * b); // a, b < 2⁶² so the signed high half is the unsigned one
    }

    /**
     * Montgomery's reduction of hi·2⁶⁴ + lo (hi < p): that number times 2⁻⁶⁴ modulo p. A sum of
     * products can be reduced once ({@link ExactArithmetic#multiply}) instead of term by term.
     */
    long reduce(long hi, long lo) {
        long m = lo * negInv;
        long mpHi = Math.multiplyHigh(m, p) + ((m >> 63) & p); // unsigned high half of m·p
        long t = hi + mpHi + (lo != 0 ? 1 : 0);
        return t >= p ? t - p : t;
    }

    long add(long a, long b) {
        long s = a + b;
        return s >= p ? s - p : s;
    }

    long sub(long a, long b) {
        long d = a - b;
        return d < 0 ? d + p : d;
    }

    long neg(long a) {
        return a == 0 ? 0 : p - a;
    }

    long pow(long a, long e) {
        long result = one;
        long base = a;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>= 1;
        }
        return result;
    }

    /** The inverse of a non-zero element (Fermat). */
    long inv(long a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse");
        }
        return pow(a, p - 2);
    }

    /** The element for an ordinary integer. */
    long of(long x) {
        return mul(Math.floorMod(x, p), r2);
    }

    /** An ordinary integer in [0, p) back from Montgomery form. */
    long value(long a) {
        return mul(a, 1);
    }

    /** A uniformly random element. */
    long element(SplittableRandom rnd) {
        return rnd.nextLong(p); // x ↦ x·R mod p is a bijection: a uniform residue is the form of a uniform element, no conversion needed
    }

    /** Fractions read back from residues have numerator and denominator below this: 1/2, 3/4, 1/n², … */
    static final long FRACTION_LIMIT = 1L << 20;

    /**
     * The fraction a/b with |a|, b below {@link #FRACTION_LIMIT} that this element equals, or null
     * if there is none (Wang's rational reconstruction; unique, as 2·limit² < p). Only about 2⁻²¹ of
     * the residues have one, so a residue that is not such a fraction rarely looks like one.
     */
    long[] fraction(long a) {
        BigInteger m = BigInteger.valueOf(p);
        BigInteger bound = BigInteger.valueOf(FRACTION_LIMIT);
        BigInteger r0 = m;
        BigInteger r1 = BigInteger.valueOf(value(a));
        BigInteger t0 = BigInteger.ZERO;
        BigInteger t1 = BigInteger.ONE;
        while (r1.compareTo(bound) >= 0) {
            BigInteger[] qr = r0.divideAndRemainder(r1);
            r0 = r1;
            r1 = qr[1];
            BigInteger t = t0.subtract(qr[0].multiply(t1));
            t0 = t1;
            t1 = t;
        }
        if (t1.signum() == 0 || t1.abs().compareTo(bound) >= 0 || !r1.gcd(t1).equals(BigInteger.ONE)) {
            return null;
        }
        if (t1.signum() < 0) {
            r1 = r1.negate();
            t1 = t1.negate();
        }
        return new long[]{r1.longValueExact(), t1.longValueExact()};
    }
}
