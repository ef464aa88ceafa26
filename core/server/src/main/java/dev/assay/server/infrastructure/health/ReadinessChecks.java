package dev.assay.server.infrastructure.health;

import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginHealth;
import dev.assay.engine.plugin.LoadedPlugin;
import dev.assay.server.application.catalog.PackConflicts;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.engine.GradingRuntime;
import dev.assay.server.domain.repository.PackRepository;
import dev.assay.server.infrastructure.persistence.StartupState;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * /health/ready: the database answers, plugins loaded (each with its health), packs loaded (with any conflict between
 * the packs folder and changes made in Assay).
 */
@ApplicationScoped
public class ReadinessChecks {
    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    GradingRuntime runtime;

    @Inject
    QuestionCatalog catalog;

    @Inject
    PackConflicts conflicts;

    @Inject
    PackRepository packs;

    @Inject
    StartupState startup;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("database");
            try (Connection c = dataSource.getConnection()) {
                return b.status(c.isValid(2)).withData("product", c.getMetaData().getDatabaseProductName()).build();
            } catch (Exception e) {
                return b.down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    /**
     * Up once plugin loading has finished: what loaded, what failed to load (and why, in the log),
     * and any plugin taken out of service after repeated hangs, by name. None of these make the
     * server unready: the other plugins still serve, and questions of a missing plugin say so.
     */
    @Produces
    @Readiness
    HealthCheck plugins() {
        return () -> {
            Engines e = runtime.engines();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("grader-plugins").up()
                    .withData("loaded", e.registry().plugins().size());
            StringBuilder unhealthy = new StringBuilder();
            for (LoadedPlugin p : e.registry().plugins()) {
                PluginHealth h = e.engine().health(p.id());
                b.withData(p.id(), p.version() + (h.healthy() ? "" : " OUT OF SERVICE after " + h.abandoned() + " hangs"));
                b.withData(p.id() + ".workers", "share " + h.share() + ", running " + h.running() + ", waiting " + h.waiting());
                e.engine().status(p).forEach((key, value) -> b.withData(p.id() + "." + key, value));
                if (!h.healthy()) {
                    unhealthy.append(unhealthy.length() == 0 ? "" : ",").append(p.id());
                }
            }
            b.withData("unhealthy", unhealthy.toString());
            b.withData("failedToLoad", e.registry().failures().size());
            b.withData("abandonedGraderThreads", e.engine().abandonedThreads());
            b.withData("questions", catalog.questions().size());
            return b.build();
        };
    }

    /**
     * Down until the start-up has run (the schema migrated, the packs folder imported): a server whose packs are not
     * loaded yet is not ready. Then up whatever the packs say (a conflict does not stop anyone grading), with each open
     * conflict: a field of a question that the packs folder changed while it was also changed in Assay, whose Assay
     * version stays in force.
     */
    @Produces
    @Readiness
    HealthCheck coursePacks() {
        return () -> {
            if (!startup.done()) {
                return HealthCheckResponse.named("course-packs").down()
                        .withData("starting", "migrating the database and importing the packs folder").build();
            }
            HealthCheckResponseBuilder b = HealthCheckResponse.named("course-packs").up();
            try {
                List<PackConflicts.Conflict> open = conflicts.open(null);
                b.withData("packs", packs.ids().size()).withData("conflicts", open.size());
                for (PackConflicts.Conflict c : open) {
                    b.withData("conflict " + c.question() + " " + c.field(), c.describe());
                }
            } catch (RuntimeException e) {
                b.withData("error", String.valueOf(e.getMessage()));
            }
            return b.build();
        };
    }
}
