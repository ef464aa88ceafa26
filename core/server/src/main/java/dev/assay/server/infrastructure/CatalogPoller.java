package dev.assay.server.infrastructure;

import dev.assay.server.application.catalog.CatalogRefresh;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Polls the packs' catalog versions (V15) every {@code assay.catalog.poll-millis} and reloads the packs another node
 * changed ({@link CatalogRefresh}): a configuration saved on one node grades on every node within about that long.
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CatalogPoller {
    private static final Logger LOG = Logger.getLogger(CatalogPoller.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CatalogRefresh refresh;

    @Inject
    StartupState startup;

    @Inject
    @ConfigProperty(name = "assay.catalog.poll-millis", defaultValue = "1000")
    long pollMillis;

    private ScheduledExecutorService clock;

    @PostConstruct
    void start() {
        clock = Executors.newSingleThreadScheduledExecutor(threads);
        clock.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }

    void poll() {
        if (!startup.done()) {
            return;
        }
        try {
            refresh.refreshChanged();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Catalog: this poll failed, the next one tries again: " + e.getMessage(), e);
        }
    }
}
