package dev.assay.server.infrastructure;

import dev.assay.server.application.ThisProcess;
import dev.assay.server.application.catalog.CatalogRefresh;
import dev.assay.server.application.grading.GradingService;
import dev.assay.server.application.regrade.RegradeItemRun;
import dev.assay.server.application.regrade.RegradeRecords;
import dev.assay.server.domain.repository.RegradeItemRepository.Item;
import dev.assay.server.infrastructure.persistence.StartupState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's regrade workers (issue 16). Every node sharing the database runs them; a regrade's answers are cut into
 * work items (V15) when one of them plans it, and each item is claimed by one worker of one node at a time for a lease.
 * <ul>
 *   <li>A poll (every {@code assay.regrade.poll-millis}) plans the regrades recorded since (whichever node's API took
 *   them) and hands claimed items to idle workers ({@code assay.regrade.workers} threads); a worker that finishes an
 *   item claims the next itself.</li>
 *   <li>A heartbeat of its own (every quarter of {@code assay.regrade.item-lease-millis}) renews the lease of every item
 *   this process holds, however long a chunk takes (a training plugin's may take minutes). A node that dies stops
 *   renewing; its items are claimed by another node once their lease lapses.</li>
 *   <li>A worker grades an item's answers that still need it and that the regrade has not graded yet, and stores them ten
 *   at a time, each store checking under the item's row lock that this process still holds it: a node that lost an item
 *   (a stall longer than the lease) stores nothing more of it, so no answer is graded twice by one regrade.</li>
 * </ul>
 * Plain container threads rather than Jakarta Batch: a job's executions, checkpoints and repository are one process's
 * (Payara Micro's lives in memory), while the items, their claims and the progress are all in the database here.
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RegradeWorkers {
    private static final Logger LOG = Logger.getLogger(RegradeWorkers.class.getName());
    /** Answers graded, then stored together (one transaction: the item's lock, one lock query, one flush of their grades). */
    static final int CHUNK = 20;
    /** Answers read a page at a time. */
    static final int PAGE = 100;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RegradeRecords records;

    @Inject
    GradingService grading;

    @Inject
    CatalogRefresh catalog;

    @Inject
    StartupState startup;

    @Inject
    @ConfigProperty(name = "assay.regrade.workers", defaultValue = "2")
    int workers;

    /** Answers per work item: a node that dies loses at most the ungraded part of the items it held. */
    @Inject
    @ConfigProperty(name = "assay.regrade.item-size", defaultValue = "500")
    int itemSize;

    /** How long a claim on an item holds without a heartbeat: how long a dead node's items wait to be taken over. */
    @Inject
    @ConfigProperty(name = "assay.regrade.item-lease-millis", defaultValue = "60000")
    long leaseMillis;

    @Inject
    @ConfigProperty(name = "assay.regrade.poll-millis", defaultValue = "500")
    long pollMillis;

    private final String process = ThisProcess.ID;
    private final AtomicInteger busy = new AtomicInteger();
    /** The regrades this process has worked on (each counts one run). */
    private final Set<Long> joined = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;
    private ScheduledExecutorService clock;

    @PostConstruct
    void start() {
        pool = Executors.newFixedThreadPool(Math.max(1, workers), threads);
        clock = Executors.newScheduledThreadPool(2, threads);
        long heartbeat = Math.max(10, leaseMillis / 4);
        clock.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        clock.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Regrades: " + workers + " workers on this node, items of " + itemSize + " answers, leases of "
                + leaseMillis + " ms renewed every " + heartbeat + " ms");
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
        pool.shutdownNow();
    }

    void heartbeat() {
        try {
            records.renew(process, System.currentTimeMillis() + leaseMillis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Regrades: the heartbeat could not renew this node's items (the next one tries again): "
                    + e.getMessage(), e);
        }
    }

    void poll() {
        if (!startup.done()) {
            return;
        }
        try {
            for (long id : records.unplanned()) {
                if (records.plan(id, Math.max(1, itemSize))) {
                    LOG.info(() -> "Regrade " + id + " planned");
                }
            }
            while (busy.get() < workers) {
                Optional<Item> item = claim();
                if (item.isEmpty()) {
                    break;
                }
                busy.incrementAndGet();
                try {
                    pool.execute(() -> work(item.get()));
                } catch (RuntimeException e) {
                    busy.decrementAndGet(); // shutting down: the claim lapses
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Regrades: this poll failed, the next one tries again: " + e.getMessage(), e);
        }
    }

    private Optional<Item> claim() {
        long now = System.currentTimeMillis();
        return records.claim(process, now, now + leaseMillis);
    }

    /** Runs the item, then the next ones it can claim. */
    private void work(Item first) {
        try {
            Optional<Item> item = Optional.of(first);
            while (item.isPresent() && !Thread.currentThread().isInterrupted()) {
                run(item.get());
                item = claim();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Regrades: a worker stopped (the next poll starts another): " + e.getMessage(), e);
        } finally {
            busy.decrementAndGet();
        }
    }

    void run(Item item) {
        long started = System.nanoTime();
        try {
            if (joined.add(item.regradeId())) {
                records.ranOn(item.regradeId(), process);
            }
            RegradeRecords.Scope scope = records.scope(item.regradeId());
            catalog.ensureCurrent(scope.currentConfigByQuestion());
            int graded = RegradeItemRun.run(item, new RegradeItemRun.Steps<GradingService.Regraded>() {
                @Override
                public List<Long> needing(long afterId, int limit) {
                    return records.needingRegrade(scope.currentConfigByQuestion(), scope.target(), afterId, limit);
                }

                @Override
                public Set<Long> gradedBy(List<Long> ids) {
                    return records.gradedBy(item.regradeId(), ids);
                }

                @Override
                public List<GradingService.Regraded> grade(List<Long> ids) {
                    return grading.regradeOnly(ids);
                }

                @Override
                public boolean store(List<GradingService.Regraded> grades) {
                    return records.store(item, process, grades);
                }

                @Override
                public boolean finish() {
                    return records.finish(item, process);
                }
            }, PAGE, CHUNK);
            LOG.fine(() -> "Regrade " + item.regradeId() + ", item " + item.seq() + ": " + graded + " answers in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (RegradeItemRun.Lost e) {
            LOG.info(() -> "Regrade " + item.regradeId() + ", item " + item.seq() + ": no longer this node's (taken over"
                    + " after its lease lapsed, or the regrade ended); left to its holder");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Regrade " + item.regradeId() + ", item " + item.seq() + " failed; it is tried again", e);
            try {
                records.fail(item, process, e.getClass().getSimpleName() + ": " + e.getMessage(),
                        System.currentTimeMillis() + Math.min(leaseMillis, 5_000));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Regrade " + item.regradeId() + ": the failure could not be recorded; the item's"
                        + " lease lapses instead", again);
            }
        }
    }
}
