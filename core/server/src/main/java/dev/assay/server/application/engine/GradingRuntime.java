package dev.assay.server.application.engine;

import dev.assay.api.Limits;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.EngineSettings;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The engine of this server: plugins loaded once, one bounded grading pool, limits from configuration. */
@ApplicationScoped
public class GradingRuntime {
    @Inject
    @ConfigProperty(name = "assay.plugins.dir", defaultValue = "")
    String pluginsDir;

    @Inject
    @ConfigProperty(name = "assay.grading.workers", defaultValue = "0")
    int workers;

    @Inject
    @ConfigProperty(name = "assay.grading.time-limit-seconds", defaultValue = "10")
    int timeLimitSeconds;

    @Inject
    @ConfigProperty(name = "assay.grading.max-text-bytes", defaultValue = "65536")
    int maxTextBytes;

    @Inject
    @ConfigProperty(name = "assay.grading.max-attachment-bytes", defaultValue = "16777216")
    long maxAttachmentBytes;

    /** The most workers one plugin may hold at once; 0: all but one. */
    @Inject
    @ConfigProperty(name = "assay.grading.plugin-share", defaultValue = "0")
    int pluginShare;

    /** Per plugin, overriding the share: {@code autoencoder-dl4j=1, matrix-calculus=2}. */
    @Inject
    @ConfigProperty(name = "assay.grading.plugin-shares")
    Optional<String> pluginShares;

    /** The most answers of one plugin that may wait for its share. */
    @Inject
    @ConfigProperty(name = "assay.grading.plugin-queue", defaultValue = "32")
    int pluginQueue;

    @Inject
    ValidatorFactory validation;

    private Engines engines;

    @PostConstruct
    void start() {
        EngineSettings settings = EngineSettings.defaults()
                .withLimits(new Limits(Duration.ofSeconds(timeLimitSeconds), maxTextBytes, maxAttachmentBytes));
        if (workers > 0) {
            settings = settings.withWorkers(workers);
        }
        settings = settings.withPluginShare(pluginShare).withPluginShares(EngineSettings.parseShares(pluginShares.orElse("")))
                .withPluginQueue(pluginQueue);
        engines = Engines.create(GradingRuntime.class.getClassLoader(), PluginRegistry.parseDirs(pluginsDir),
                settings, validation.getValidator());
    }

    @PreDestroy
    void stop() {
        engines.close();
    }

    public Engines engines() {
        return engines;
    }
}
