package dev.assay.server.infrastructure;

import dev.assay.server.application.Outbox;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Polls the score outbox on the server's managed scheduler; started by {@code Bootstrap}. */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "assay.outbox.pollMillis", defaultValue = "500")
    long pollMillis;

    private ScheduledFuture<?> task;

    public synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::tick, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
            LOG.info(() -> "Score outbox: delivering every " + pollMillis + " ms");
        }
    }

    private void tick() {
        try {
            outbox.deliverDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Score outbox: this round failed, the next one retries: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
