package dev.assay.server.infrastructure;

import dev.assay.server.application.gradebook.Outbox;
import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.infrastructure.persistence.StartupState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the score outbox on a non-persistent EJB interval timer, started after the schema and packs
 * (Bootstrap). Each tick hands what is due to {@link OutboxLanes}: one worker per lane (per platform, for LTI) on a
 * bounded pool of container threads, so one hanging gradebook holds up only its own lane. Each entry's
 * transactions are the Outbox's own; no transaction spans an HTTP call to an LMS.
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

    /** Container threads: the Outbox's transactions and CDI work on them as on a request's. */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    Outbox outbox;

    @Inject
    StartupState startup;

    /**
     * How long after the web module starts the first score goes out: an LMS answering a score checks the tool's
     * signature against Assay's JWKS, which is served only once the web module's servlets are up (Jersey's take about
     * a second here).
     */
    @Inject
    @ConfigProperty(name = "assay.outbox.start-grace-millis", defaultValue = "3000")
    long startGraceMillis;

    @Inject
    @ConfigProperty(name = "assay.outbox.poll-millis", defaultValue = "500")
    long pollMillis;

    /** How many lanes (gradebooks) deliver at once; a hanging gradebook occupies one of them. */
    @Inject
    @ConfigProperty(name = "assay.outbox.lanes", defaultValue = "8")
    int lanes;

    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;
    private OutboxLanes dispatcher;

    @PostConstruct
    void start() {
        pool = Executors.newFixedThreadPool(Math.max(1, lanes), threads);
        dispatcher = new OutboxLanes(new OutboxLanes.Source() {
            @Override
            public List<String> dueTargets(int limit) {
                return outbox.dueTargets(limit);
            }

            @Override
            public List<Long> due(Collection<String> targets, int limit) {
                return outbox.due(targets, limit);
            }

            @Override
            public Optional<ScoreDelivery.Score> claim(long id) {
                return outbox.claim(id);
            }

            @Override
            public void record(long id, ScoreDelivery.Outcome outcome) {
                outbox.record(id, outcome);
            }

            @Override
            public Optional<ScoreDelivery> deliveryFor(String target) {
                return outbox.deliveryFor(target);
            }
        }, pool, 100);
        timers.createIntervalTimer(pollMillis, pollMillis, new TimerConfig("score-outbox", false));
        LOG.info(() -> "Score outbox: delivering every " + pollMillis + " ms, up to " + lanes + " gradebooks at once");
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Hands what is due to the lanes; quick, as the deliveries run on the lanes' workers. */
    @Timeout
    @AccessTimeout(0)
    void tick() {
        if (!startup.servingFor(Duration.ofMillis(startGraceMillis)) || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.dispatch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Score outbox: this round failed, the next one retries: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
