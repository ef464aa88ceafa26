package dev.assay.lti;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.server.interfaces.web.FiniteNumbers;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/** After the core's Bootstrap (its schema, packs) and the adapter's tables: the tool keys, and the platforms given in configuration. */
@Singleton
@Startup
@DependsOn({"Bootstrap", "LtiSchema"})
public class LtiStartup {
    private static final Logger LOG = Logger.getLogger(LtiStartup.class.getName());

    @Inject
    ToolKeys keys;
    @Inject
    PlatformStore platforms;
    @Inject
    LtiSettings settings;

    @PostConstruct
    void start() {
        keys.start();
        platforms.reload();
        settings.platforms().ifPresent(this::load);
        LOG.info(() -> "LTI 1.3: " + platforms.all().size() + " platforms registered; tool key "
                + keys.signingKey().getKeyID() + "; JWKS at /.well-known/jwks.json");
    }

    private void load(String value) {
        try {
            String json = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
            List<PlatformStore.Registration> regs = FiniteNumbers.REST_MAPPER.readValue(json, new TypeReference<>() { });
            for (PlatformStore.Registration r : regs) {
                platforms.register(r);
            }
            LOG.info(() -> "LTI: " + regs.size() + " platform registrations loaded from assay.lti.platforms");
        } catch (Exception e) {
            throw new IllegalStateException("assay.lti.platforms does not read (give a JSON array of {issuer, clientId, authUrl, "
                    + "tokenUrl, jwksUrl, deploymentIds}, or @/path/to/file.json): " + e.getMessage(), e);
        }
    }
}
