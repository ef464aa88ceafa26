package dev.assay.server.application.regrade;

import dev.assay.server.domain.repository.RegradeItemRepository.Item;
import java.util.List;
import java.util.Set;

/**
 * The work on one claimed regrade item, the loop every node's regrade workers run (RegradeWorkers) and the claims test
 * drives (RegradeItemClaimsTest), over steps the server takes with its database and grading engine:
 * <ol>
 *   <li>the next page of answers that still need the regrade, after the last one seen, kept to the item's range;</li>
 *   <li>of those, the ones the regrade has not graded yet (a run after a takeover or a restart meets some it has);</li>
 *   <li>graded a chunk at a time and stored per chunk, each store checking under the item's row lock that this process
 *   still holds the item: when it does not, {@link Lost} ends the run and nothing more of the item is stored;</li>
 *   <li>the item marked done (again only if still held).</li>
 * </ol>
 * So no answer is graded twice by one regrade: a store filters out what the regrade graded meanwhile, under the lock that
 * a taking-over node's store also takes.
 */
public final class RegradeItemRun {
    private RegradeItemRun() {
    }

    /** What a run needs; {@code G} is a graded answer not yet stored. */
    public interface Steps<G> {
        /** The ids of up to {@code limit} answers after {@code afterId} that need the regrade, in id order. */
        List<Long> needing(long afterId, int limit);

        /** Of these answers, those the regrade has graded already. */
        Set<Long> gradedBy(List<Long> ids);

        /** These answers graded, in order (not stored). */
        List<G> grade(List<Long> ids);

        /** Stores the grades if this process still holds the item; false (nothing stored) when it does not. */
        boolean store(List<G> grades);

        /** Marks the item done if this process still holds it; false when it does not. */
        boolean finish();
    }

    /** This process no longer holds the item it works on (taken over after its lease lapsed, or the regrade ended). */
    public static final class Lost extends RuntimeException {
        public Lost() {
            super(null, null, false, false);
        }
    }

    /**
     * Grades and stores the item's answers that need it, {@code chunk} at a time, reading them {@code page} at a time,
     * then marks it done.
     *
     * @return how many answers this run graded and stored
     * @throws Lost when the item was no longer this process's at a store or at the end
     */
    public static <G> int run(Item item, Steps<G> steps, int page, int chunk) {
        long scanned = item.afterId();
        int graded = 0;
        boolean more = true;
        while (more) {
            List<Long> ids = steps.needing(scanned, page);
            List<Long> mine = ids.stream().filter(item::covers).toList();
            more = ids.size() == page && mine.size() == ids.size();
            if (mine.isEmpty()) {
                break;
            }
            scanned = mine.get(mine.size() - 1);
            Set<Long> done = steps.gradedBy(mine);
            List<Long> todo = mine.stream().filter(id -> !done.contains(id)).toList();
            for (int from = 0; from < todo.size(); from += chunk) {
                List<Long> part = todo.subList(from, Math.min(todo.size(), from + chunk));
                if (!steps.store(steps.grade(part))) {
                    throw new Lost();
                }
                graded += part.size();
            }
        }
        if (!steps.finish()) {
            throw new Lost();
        }
        return graded;
    }
}
