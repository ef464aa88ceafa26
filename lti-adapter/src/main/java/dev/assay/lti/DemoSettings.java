package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether /demo is served: {@code assay.demo.enabled} (true or false) when set; when not, only with the embedded
 * database (H2, as {@code ./assay serve} has it), where one person is trying Assay out. A shared server on PostgreSQL
 * shows no demo unless its administrator asks for one.
 */
@ApplicationScoped
public class DemoSettings {
    private static final Logger LOG = Logger.getLogger(DemoSettings.class.getName());

    @Inject
    @ConfigProperty(name = "assay.demo.enabled")
    Optional<String> enabled;

    @Inject
    @ConfigProperty(name = "assay.db.url", defaultValue = "")
    String databaseUrl;

    public boolean enabled() {
        return enabled(enabled, databaseUrl);
    }

    /** H2 in the server's own process (a file or memory), not an H2 server reached over the network. */
    static boolean embedded(String databaseUrl) {
        String url = databaseUrl == null ? "" : databaseUrl.trim().toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    /**
     * The rule. A value other than true or false turns the demo off (a typo must not open a course to anyone), and the
     * log says what to write.
     */
    static boolean enabled(Optional<String> setting, String databaseUrl) {
        String s = setting.map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        switch (s) {
            case "true":
                return true;
            case "false":
                return false;
            case "":
                return embedded(databaseUrl);
            default:
                LOG.warning(() -> "assay.demo.enabled is '" + setting.get() + "': write true or false. The demo is off.");
                return false;
        }
    }
}
