package dev.assay.server.infrastructure;

import dev.assay.server.application.ports.ScoreDelivery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the outbox's due scores to lanes ({@link ScoreDelivery#lane}: the LTI adapter gives each platform one).
 * Each lane is delivered in id order by one worker at a time; lanes run side by side on a bounded pool, so a
 * gradebook that hangs holds up its own lane and one worker, never another platform's scores. A lane still
 * busy when the next round comes is left to its worker.
 */
public final class OutboxLanes {
    private static final Logger LOG = Logger.getLogger(OutboxLanes.class.getName());

    /** What the lanes need from the outbox: the Outbox bean in the server, an in-memory one in tests. */
    public interface Source {
        /** Targets with entries due now, those waiting longest first. */
        List<String> dueTargets(int limit);

        /** These targets' entries due now, in id order. */
        List<Long> due(Collection<String> targets, int limit);

        /** The entry as a score to send now, or empty when it is no longer due or a newer one supersedes it. */
        Optional<ScoreDelivery.Score> claim(long id);

        void record(long id, ScoreDelivery.Outcome outcome);

        Optional<ScoreDelivery> deliveryFor(String target);
    }

    /** The lane of entries no installed delivery handles: they wait (and retry) together, apart from the others. */
    static final String NO_DELIVERY = "(no delivery installed)";

    private final Source source;
    private final Executor workers;
    private final int batch;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /**
     * @param workers a bounded pool: at most as many lanes deliver at once as it has threads
     * @param batch   entries a lane delivers before it lets the next round re-queue it behind the other lanes
     */
    public OutboxLanes(Source source, Executor workers, int batch) {
        this.source = source;
        this.workers = workers;
        this.batch = batch;
    }

    /** One round: each lane with something due and no worker yet gets one. Returns the lanes started. */
    public int dispatch() {
        Map<String, List<String>> targetsByLane = new LinkedHashMap<>();
        for (String target : source.dueTargets(1000)) {
            targetsByLane.computeIfAbsent(laneOf(target), l -> new ArrayList<>()).add(target);
        }
        int started = 0;
        for (Map.Entry<String, List<String>> lane : targetsByLane.entrySet()) {
            if (!busy.add(lane.getKey())) {
                continue; // its worker is still at it (perhaps waiting on a slow gradebook)
            }
            try {
                workers.execute(() -> {
                    try {
                        deliver(lane.getValue());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Score outbox: lane " + lane.getKey() + " stopped; the next round retries: "
                                + e.getMessage(), e);
                    } finally {
                        busy.remove(lane.getKey());
                    }
                });
                started++;
            } catch (RejectedExecutionException e) {
                busy.remove(lane.getKey()); // shutting down
            }
        }
        return started;
    }

    /** Whether a lane has a worker now (delivering, or queued for a free one). */
    boolean isBusy(String lane) {
        return busy.contains(lane);
    }

    private String laneOf(String target) {
        return source.deliveryFor(target).map(d -> d.lane(target)).orElse(NO_DELIVERY);
    }

    /** Delivers the lane's due entries one at a time, in id order. */
    private void deliver(List<String> targets) {
        for (long id : source.due(targets, batch)) {
            Optional<ScoreDelivery.Score> score = source.claim(id);
            if (score.isEmpty()) {
                continue;
            }
            source.record(id, attempt(score.get()));
        }
    }

    private ScoreDelivery.Outcome attempt(ScoreDelivery.Score score) {
        Optional<ScoreDelivery> delivery = source.deliveryFor(score.target());
        if (delivery.isEmpty()) {
            return new ScoreDelivery.Retry("no delivery installed for target " + score.target());
        }
        try {
            return delivery.get().deliver(score);
        } catch (RuntimeException ex) {
            return new ScoreDelivery.Retry(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }
}
