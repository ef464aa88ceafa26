package dev.assay.plugins.matrix;

/**
 * What an exact comparison has to know about a value besides its residue: each entry is N/q, N
 * and q polynomials with integer coefficients in the trial's random numbers, and this bounds their
 * degrees and the sum of the absolute values of their coefficients (in bits).
 *
 * <p>Two values a = Nₐ/qₐ and b = N_b/q_b are equal iff Nₐq_b − N_bqₐ is the zero polynomial. When
 * it is not, its residue modulo a random prime p vanishes at a random point with probability at
 * most (its degree) / p (Schwartz–Zippel) plus (its bits) / 2⁶² (p divides every coefficient);
 * {@link #decidable} keeps both below 2⁻²⁹ per trial, 2⁻⁸⁷ over three.
 *
 * @param degNum  degree of the numerator
 * @param degDen  degree of the denominator
 * @param bitsNum log₂ of the sum of the numerator's absolute coefficients
 * @param bitsDen the same for the denominator
 */
record Bound(double degNum, double degDen, double bitsNum, double bitsDen) {
    static final double MAX_DEGREE = 0x1p32;
    static final double MAX_BITS = 0x1p24;

    /** A random entry: x, degree 1, coefficient 1. */
    static final Bound RANDOM = new Bound(1, 0, 0, 0);
    static final Bound ONE = new Bound(0, 0, 0, 0);

    /** The integer or fraction num/den (den > 0). */
    static Bound constant(double absNum, double den) {
        return new Bound(0, 0, log2(Math.max(1, absNum)), log2(den));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** log₂(2^a + 2^b) without overflow. */
    private static double log2Sum(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        return hi + log2(1 + Math.pow(2, lo - hi));
    }

    Bound plus(Bound o) {
        if (degDen == 0 && o.degDen == 0 && bitsDen == 0 && o.bitsDen == 0) { // polynomials: no denominators to cross
            return new Bound(Math.max(degNum, o.degNum), 0, log2Sum(bitsNum, o.bitsNum), 0);
        }
        return new Bound(Math.max(degNum + o.degDen, o.degNum + degDen), degDen + o.degDen,
                log2Sum(bitsNum + o.bitsDen, o.bitsNum + bitsDen), bitsDen + o.bitsDen);
    }

    /** A product whose entries sum {@code inner} products of entries (1 for scalar factors). */
    Bound times(Bound o, int inner) {
        return new Bound(degNum + o.degNum, degDen + o.degDen, bitsNum + o.bitsNum + log2(inner), bitsDen + o.bitsDen);
    }

    /** 1/x for a scalar. */
    Bound reciprocal() {
        return new Bound(degDen, degNum, bitsDen, bitsNum);
    }

    /** (N/q)⁻¹ = q·adj(N) / det(N) for an n×n matrix: minors of n−1 and n entries, (n−1)! and n! terms. */
    Bound inverse(int n) {
        if (n == 1) {
            return reciprocal();
        }
        double minor = log2Factorial(n - 1) + (n - 1) * bitsNum;
        double det = log2Factorial(n) + n * bitsNum;
        return new Bound(degDen + (n - 1) * degNum, n * degNum, bitsDen + minor, det);
    }

    /** A sum of n entries (a trace). */
    Bound sumOf(int n) {
        return new Bound(degNum, degDen, bitsNum + log2(n), bitsDen);
    }

    /** ‖x‖² = Σ N²/q² over the entries. */
    Bound squaredNorm(int entries) {
        return new Bound(2 * degNum, 2 * degDen, 2 * bitsNum + log2(entries), 2 * bitsDen);
    }

    /** ∂x/∂t for one random entry t: (N′q − Nq′)/q². */
    Bound derivative() {
        if (degDen == 0) {
            return new Bound(Math.max(0, degNum - 1), 0, bitsNum + log2(Math.max(1, degNum)), bitsDen);
        }
        return new Bound(degNum + degDen, 2 * degDen, bitsNum + bitsDen + log2(degNum + degDen), 2 * bitsDen);
    }

    /** The bound on Nₐq_b − N_bqₐ: what must be non-zero for a ≠ b to show. */
    Bound difference(Bound o) {
        return new Bound(Math.max(degNum + o.degDen, o.degNum + degDen), 0,
                log2Sum(bitsNum + o.bitsDen, o.bitsNum + bitsDen), 0);
    }

    /** The bound on the 2×2 minors Nₐ,ᵢN_b,ⱼ − Nₐ,ⱼN_b,ᵢ that vanish iff a is a multiple of b. */
    Bound crossProduct(Bound o) {
        return new Bound(degNum + o.degNum + degDen + o.degDen, 0, bitsNum + o.bitsNum + bitsDen + o.bitsDen + 1, 0);
    }

    /**
     * Whether a polynomial with this bound, if it is not zero, shows as non-zero at a random point
     * modulo a random prime with probability at least 1 − 2⁻²⁹: degree ≤ 2³² against p > 2⁶¹, and
     * ≤ 2²⁴ bits, which at most 2¹⁸ primes of 62 bits divide, out of about 2⁵⁶.
     */
    boolean decidable() {
        return degNum + degDen <= MAX_DEGREE && bitsNum + bitsDen <= MAX_BITS
                && Double.isFinite(degNum + degDen + bitsNum + bitsDen);
    }

    private static double log2Factorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += log2(i);
        }
        return s;
    }
}
