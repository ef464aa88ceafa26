package dev.assay.server.infrastructure.health;

import dev.assay.server.infrastructure.cluster.ClusterNodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * /health/ready's {@code cluster}: single node, or the cluster's members with each one's grading state (workers per
 * plugin, the autoencoder's training jobs on its device). Always up: a node serves whatever its peers do.
 */
@ApplicationScoped
public class ClusterHealth {
    @Inject
    ClusterNodes nodes;

    @Produces
    @Readiness
    HealthCheck cluster() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("cluster").up();
            try {
                nodes.health().forEach((k, v) -> {
                    if (v instanceof Number n) {
                        b.withData(k, n.longValue());
                    } else {
                        b.withData(k, String.valueOf(v));
                    }
                });
            } catch (RuntimeException e) {
                b.withData("error", String.valueOf(e.getMessage()));
            }
            return b.build();
        };
    }
}
