package dev.assay.plugins.matrix;

import java.util.SplittableRandom;

/** The random streams of a grading call: each from a hashed seed, so that no two of them line up. */
final class RandomStreams {
    private RandomStreams() {
    }

    /**
     * A random stream of its own for each seed, salt and index. Two SplittableRandom seeds that
     * differ by a multiple of its increment γ give one stream shifted, which realigns after a draw
     * it rejects (a twin point drawn with seed + γ was, most of the time, the same point), so seeds
     * are hashed, never derived by adding or xoring constants.
     */
    static SplittableRandom stream(long seed, long salt, long index) {
        return new SplittableRandom(mix(mix(seed ^ salt) + index));
    }

    /** MurmurHash3's finaliser: a bijection of 64-bit words in which every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
