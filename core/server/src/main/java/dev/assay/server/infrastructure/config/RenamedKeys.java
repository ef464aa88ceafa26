package dev.assay.server.infrastructure.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configuration keys under their old names. Assay's keys are kebab-case ({@code assay.outbox.poll-millis}); a few were
 * camel-case. A key set under its old name, as a system property or an environment variable ({@code
 * assay.outbox.pollMillis}, {@code ASSAY_OUTBOX_POLLMILLIS}), is still read as the new key, with a warning that names
 * the new one. A key set under its new name anywhere wins: this source ranks above the application's own defaults
 * (100) and below environment variables (300) and system properties (400).
 *
 * <p>Each module lists its renamed keys in {@value #RESOURCE} ({@code new.key=old.key}): the LTI adapter lists its own.
 */
public class RenamedKeys implements ConfigSource {
    private static final Logger LOG = Logger.getLogger(RenamedKeys.class.getName());
    static final String RESOURCE = "META-INF/assay/renamed-config-keys.properties";
    static final int ORDINAL = 250;

    private final Map<String, String> oldByNew;
    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public RenamedKeys() {
        this(listed(RenamedKeys.class.getClassLoader()), System::getProperty, System.getenv());
    }

    RenamedKeys(Map<String, String> oldByNew, Function<String, String> systemProperties, Map<String, String> environment) {
        this.oldByNew = Map.copyOf(oldByNew);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Every module's list of renamed keys on the class path. */
    static Map<String, String> listed(ClassLoader loader) {
        Map<String, String> all = new LinkedHashMap<>();
        try {
            Enumeration<URL> lists = loader.getResources(RESOURCE);
            for (URL list : Collections.list(lists)) {
                Properties p = new Properties();
                try (InputStream in = list.openStream()) {
                    p.load(in);
                }
                p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return all;
    }

    @Override
    public String getName() {
        return "assay-renamed-keys";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public Set<String> getPropertyNames() {
        return oldByNew.keySet().stream().filter(k -> getValue(k) != null).collect(Collectors.toSet());
    }

    @Override
    public String getValue(String newKey) {
        String oldKey = oldByNew.get(newKey);
        if (oldKey == null) {
            return null;
        }
        String where;
        String value = systemProperties.apply(oldKey);
        if (value != null) {
            where = "-D" + oldKey;
        } else {
            Optional<String> variable = envName(oldKey);
            if (variable.isEmpty()) {
                return null;
            }
            where = "the environment variable " + variable.get();
            value = environment.get(variable.get());
        }
        if (warned.add(newKey)) {
            LOG.warning(() -> "Configuration: " + where + " uses the old name " + oldKey + "; it is read as " + newKey
                    + ". Rename it to " + newKey + " (environment variable " + environmentName(newKey) + ").");
        }
        return value;
    }

    /** The environment variable that holds a key, as MicroProfile Config looks for it: as is, with _ for others, upper case. */
    private Optional<String> envName(String key) {
        String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
        for (String name : new String[]{key, underscored, underscored.toUpperCase(Locale.ROOT)}) {
            if (environment.containsKey(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** How an administrator writes a key as an environment variable: ASSAY_OUTBOX_POLL_MILLIS. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
