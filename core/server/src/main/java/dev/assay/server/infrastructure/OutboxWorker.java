package dev.assay.server.infrastructure;

import dev.assay.server.application.Outbox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import dev.assay.server.application.ports.ScoreDelivery;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the score outbox on a non-persistent EJB interval timer, started after the schema and packs
 * (Bootstrap). Rounds never overlap: a round still running when the timer fires again makes that tick a no-op.
 * Each entry's transactions are the Outbox's own; no transaction spans an HTTP call to an LMS.
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "assay.outbox.pollMillis", defaultValue = "500")
    long pollMillis;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(pollMillis, pollMillis, new TimerConfig("score-outbox", false));
        LOG.info(() -> "Score outbox: delivering every " + pollMillis + " ms");
    }

    /**
     * Delivers what is due. Each step goes through the Outbox's proxy (its own transaction); the HTTP call to
     * the LMS is outside any transaction.
     */
    int deliverDue() {
        int attempted = 0;
        for (long id : outbox.due(100)) {
            Optional<ScoreDelivery.Score> score = outbox.claim(id);
            if (score.isEmpty()) {
                continue;
            }
            attempted++;
            ScoreDelivery.Outcome outcome;
            Optional<ScoreDelivery> delivery = outbox.deliveryFor(score.get().target());
            if (delivery.isEmpty()) {
                outcome = new ScoreDelivery.Retry("no delivery installed for target " + score.get().target());
            } else {
                try {
                    outcome = delivery.get().deliver(score.get());
                } catch (RuntimeException ex) {
                    outcome = new ScoreDelivery.Retry(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                }
            }
            outbox.record(id, outcome);
        }
        return attempted;
    }

    @Timeout
    @AccessTimeout(0)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Score outbox: this round failed, the next one retries: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
