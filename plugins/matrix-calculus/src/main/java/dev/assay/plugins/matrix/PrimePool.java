package dev.assay.plugins.matrix;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * The trials' primes, drawn once when the plugin starts rather than for every check: finding a
 * prime (Miller–Rabin on about twenty candidates) was about a quarter of a right answer's check.
 *
 * <p>Why this keeps {@link PrimeField}'s bound on a false EQUIVALENT exactly:
 * <ol>
 * <li>Each of the pool's {@link #SIZE} primes is drawn as {@link PrimeField#draw} draws one, from
 * a {@link SecureRandom} seeded from the system, independently of each other and of any answer:
 * the pool is SIZE independent uniform draws from the primes between 2⁶¹ and 2⁶².</li>
 * <li>A check's trials take distinct positions of the pool (a partial shuffle driven by the
 * check's seed, which does not depend on the pool). Distinct positions of independent uniform
 * draws are themselves independent uniform draws, so within one check the trials' primes have
 * exactly the distribution of fresh primes, and every bound {@link Bound} tracks per comparison
 * (a coefficient of b bits is a multiple of the prime with probability below b / 2⁶², and
 * Schwartz–Zippel over the random entries) holds unchanged for an answer fixed independently of the
 * pool.</li>
 * <li>Across checks the primes are reused, so an answer could depend on the pool only through
 * earlier grades. Up to the first comparison that errs (each errs with at most the bound above),
 * every grade is the true one, which does not depend on the pool; so up to then every answer is
 * independent of it and (2) applies. The chance that any of T comparisons errs is at most T times
 * the per-comparison bound: the same union bound as with fresh primes.</li>
 * </ol>
 * What differs: the pool is secret and per process, not public (a fixed list in the code would let
 * a coefficient be a multiple of every prime in it, as {@code 2^{61}} is of 2⁶¹−1), so the same
 * seed can meet other primes after a restart. A grade does not change with them unless a
 * comparison errs, the event bounded above.
 */
final class PrimePool {
    /** More than the most trials a check may have (10), so that the positions can be distinct. */
    static final int SIZE = 64;
    private static final long PICK_SALT = 0x6A09E667F3BCC909L;
    private static final PrimeField[] POOL = draw();

    private PrimePool() {
    }

    private static PrimeField[] draw() {
        SplittableRandom rnd = new SplittableRandom(new SecureRandom().nextLong());
        PrimeField[] pool = new PrimeField[SIZE];
        for (int i = 0; i < SIZE; i++) {
            pool[i] = PrimeField.draw(rnd);
        }
        return pool;
    }

    /** The primes of a check's trials, at distinct positions of the pool chosen from its first trial's seed. */
    static PrimeField[] forTrials(long seed, int trials) {
        if (trials > SIZE) {
            throw new IllegalArgumentException("at most " + SIZE + " trials, was " + trials);
        }
        int[] positions = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            positions[i] = i;
        }
        SplittableRandom rnd = RandomStreams.stream(seed, PICK_SALT, 0);
        PrimeField[] out = new PrimeField[trials];
        for (int i = 0; i < trials; i++) { // Fisher–Yates, stopped after the trials' positions
            int j = i + rnd.nextInt(SIZE - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
            out[i] = POOL[positions[i]];
        }
        return out;
    }
}
