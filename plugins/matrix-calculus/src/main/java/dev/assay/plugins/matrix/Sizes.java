package dev.assay.plugins.matrix;

import dev.assay.api.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sizes of a trial's dimensions: distinct small integers drawn at random within the question's
 * constraints ({@code k < m < n}), the same for a trial's exact and floating-point values.
 */
final class Sizes {
    static final int MIN_DIM = 2;
    static final int MAX_DIM = 9;
    /**
     * A large trial's smallest size. Identities that hold for every matrix up to some size exist
     * (Cayley–Hamilton: for k×k matrices, a polynomial in traces of degree k), and for k ≤ 7 they
     * can be typed within the parser's bounds; from 10 on, they need more than its 2,000 tokens.
     */
    static final int LARGE_MIN_DIM = 10;
    /**
     * How far above {@link #LARGE_MIN_DIM} a large trial's sizes reach (at least; further for more
     * names than this): a polynomial that vanishes at every size the large trial can draw needs a
     * factor for each, so a wide range leaves such answers no cheap way through even where a
     * dimension is hidden in a trace (which {@link Trials} also checks as a dimension).
     */
    static final int LARGE_SPAN = 10;
    private static final long DIMS_SALT = 0x3C6EF372FE94F82BL;

    private final List<String> names;
    private final List<String> constraints;
    private final List<String[]> lessThan = new ArrayList<>();

    /** Reads the constraints, adding to {@code problems} what keeps them from being drawn. */
    Sizes(MatrixConfig.Dimensions dimensions, List<ConfigProblem> problems) {
        this.names = dimensions.names();
        this.constraints = dimensions.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            String c = constraints.get(i);
            String[] parts = c.split("<");
            if (parts.length < 2) {
                problems.add(new ConfigProblem("dimensions.constraints[" + i + "]", "write constraints as 'k < m' or 'k < m < n'"));
                continue;
            }
            for (int j = 0; j + 1 < parts.length; j++) {
                lessThan.add(new String[]{parts[j].trim(), parts[j + 1].trim()});
            }
        }
        try {
            randomOrder(new SplittableRandom(0));
            if (longestChain() > MAX_DIM - MIN_DIM + 1) {
                problems.add(new ConfigProblem("dimensions.constraints", "a chain of more than "
                        + (MAX_DIM - MIN_DIM + 1) + " dimensions cannot be drawn from the sizes " + MIN_DIM + " to " + MAX_DIM));
            }
        } catch (IllegalStateException cycle) {
            problems.add(new ConfigProblem("dimensions.constraints", "the constraints form a cycle (a < b < a)"));
        }
    }

    /** The trial's dimensions (from 10 up for a large trial): the same for its floating-point and its exact values. */
    Map<String, Integer> draw(long seed, boolean large) {
        int count = names.size();
        SplittableRandom rnd = RandomStreams.stream(seed, DIMS_SALT, 0);
        return large ? dims(rnd, LARGE_MIN_DIM, LARGE_MIN_DIM + Math.max(LARGE_SPAN, count)) : dims(rnd, MIN_DIM, MAX_DIM);
    }

    /**
     * Sizes from min to max that satisfy the constraints: distinct sizes drawn at random and given,
     * in increasing order, to the names in a random order that respects the constraints (for a chain
     * k < m < n this is uniform over its admissible sizes). Rejection sampling found no sizes for a
     * chain of seven names in ten thousand tries.
     */
    private Map<String, Integer> dims(SplittableRandom rnd, int min, int max) {
        List<String> order = randomOrder(rnd);
        int count = order.size();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            List<Integer> chosen = new ArrayList<>();
            if (count <= max - min + 1) { // distinct sizes: the order alone satisfies every constraint
                List<Integer> sizes = new ArrayList<>();
                for (int v = min; v <= max; v++) {
                    sizes.add(v);
                }
                for (int i = 0; i < count; i++) { // the first count places of a random permutation
                    Collections.swap(sizes, i, i + rnd.nextInt(sizes.size() - i));
                }
                chosen.addAll(sizes.subList(0, count));
            } else { // more names than sizes: unrelated names share sizes
                for (int i = 0; i < count; i++) {
                    chosen.add(min + rnd.nextInt(max - min + 1));
                }
            }
            Collections.sort(chosen);
            Map<String, Integer> d = new HashMap<>();
            for (int i = 0; i < count; i++) {
                d.put(order.get(i), chosen.get(i));
            }
            if (lessThan.stream().allMatch(lt -> !d.containsKey(lt[0]) || !d.containsKey(lt[1]) || d.get(lt[0]) < d.get(lt[1]))) {
                return d;
            }
        }
        throw new IllegalStateException("no sizes from " + min + " to " + max + " satisfy " + constraints);
    }

    /** The number of names in the longest chain a < b < … of the constraints (which have no cycle). */
    private int longestChain() {
        Map<String, Integer> depth = new HashMap<>();
        for (String n : randomOrder(new SplittableRandom(0))) {
            int d = 1;
            for (String[] lt : lessThan) {
                if (lt[1].equals(n) && depth.containsKey(lt[0])) {
                    d = Math.max(d, depth.get(lt[0]) + 1);
                }
            }
            depth.put(n, d);
        }
        return depth.values().stream().max(Integer::compare).orElse(0);
    }

    /** The dimension names in a random order in which each comes after every name it must exceed. */
    private List<String> randomOrder(SplittableRandom rnd) {
        List<String> remaining = new ArrayList<>(names);
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<String> free = remaining.stream()
                    .filter(n -> lessThan.stream().noneMatch(lt -> lt[1].equals(n) && remaining.contains(lt[0]))).toList();
            if (free.isEmpty()) {
                throw new IllegalStateException("the dimension constraints form a cycle");
            }
            String next = free.get(rnd.nextInt(free.size()));
            order.add(next);
            remaining.remove(next);
        }
        return order;
    }
}
