package dev.assay.lti;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The adapter's tables, migrated by the adapter with Flyway from its own location ({@value #LOCATION}) into its own
 * history table ({@value #HISTORY}), after the core has migrated its own. Its version numbers are its own: they no
 * longer share a sequence with the core's.
 * <p>
 * Before issue 12 the core ran the adapter's first migrations from the same location as its own, so a database written
 * then records them in the core's history ({@link #RECORDED_BY_THE_CORE}). On such a database the adapter's history
 * starts as a baseline at the latest of them the core recorded: nothing runs twice, and what came later runs. The core
 * ignores those rows of its history (migrations it no longer has).
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
@TransactionManagement(TransactionManagementType.BEAN)
public class LtiSchema {
    private static final Logger LOG = Logger.getLogger(LtiSchema.class.getName());
    static final String LOCATION = "classpath:db/lti";
    static final String HISTORY = "lti_schema_history";
    /** The core's history table (Flyway's default name), read only here. */
    static final String CORE_HISTORY = "flyway_schema_history";
    /** The adapter's migrations the core ran into its own history before the adapter had one: version to script. */
    static final Map<String, String> RECORDED_BY_THE_CORE = Map.of("3", "V3__lti.sql", "4", "V4__lti_names.sql",
            "7", "V7__lti_hardening.sql");
    /** A database whose core recorded none of them: every migration of the adapter runs. */
    static final String FROM_THE_START = "0";

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    /** At start, after the core's schema (Bootstrap) and before anything of the adapter uses its tables. */
    @PostConstruct
    void start() {
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            String line = "Assay cannot start: the LTI adapter's tables (" + HISTORY + ") could not be migrated: " + e.getMessage();
            LOG.severe(line);
            throw new IllegalStateException(line, e);
        }
    }

    /** Brings the adapter's tables up to date. Runs outside any JTA transaction (bean-managed): Flyway commits itself. */
    static MigrateResult migrate(DataSource dataSource) {
        String baseline = recordedByTheCore(dataSource).orElse(FROM_THE_START);
        var configuration = Flyway.configure(LtiSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY)
                .baselineVersion(baseline)
                // No quote in it: Flyway 10 writes the baseline row with the description in the SQL, and a quote there
                // loses the row without a word.
                .baselineDescription(baseline.equals(FROM_THE_START) ? "before the LTI tables"
                        : "LTI migrations up to V" + baseline + " as recorded in " + CORE_HISTORY);
        // The adapter's history starts with a baseline, said here rather than left to baselineOnMigrate: the schema
        // already holds the core's tables, and how Flyway treats that differs between its versions. A Flyway of its own
        // for each step: one that has looked at the history before the baseline does not see it after.
        if (configuration.load().info().applied().length == 0) {
            configuration.load().baseline();
        }
        MigrateResult result = configuration.load().migrate();
        LOG.info(() -> result.migrationsExecuted == 0 ? "LTI adapter's tables up to date"
                : "LTI adapter's tables at schema version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations run now)");
        return result;
    }

    /**
     * The latest of the adapter's migrations that the core's history records as done; empty when it records none. All
     * before it must be recorded too, or the baseline would skip one: then the database is refused with what is missing.
     */
    static Optional<String> recordedByTheCore(DataSource dataSource) {
        MigrationInfo[] applied = Flyway.configure(LtiSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(CORE_HISTORY)
                .load()
                .info()
                .applied();
        TreeMap<Integer, String> recorded = new TreeMap<>();
        for (MigrationInfo m : applied) {
            String version = m.getVersion() == null ? null : m.getVersion().getVersion();
            if (version != null && m.getScript().equals(RECORDED_BY_THE_CORE.get(version)) && !m.getState().isFailed()) {
                recorded.put(Integer.parseInt(version), m.getScript());
            }
        }
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        int latest = recorded.lastKey();
        for (Map.Entry<String, String> legacy : RECORDED_BY_THE_CORE.entrySet()) {
            if (Integer.parseInt(legacy.getKey()) < latest && !recorded.containsKey(Integer.parseInt(legacy.getKey()))) {
                throw new IllegalStateException("The database's schema history (" + CORE_HISTORY + ") records the LTI "
                        + "migration V" + latest + " but not " + legacy.getValue() + ": it was not written by Assay's "
                        + "migrations in order. Restore it from a backup, or repair its history by hand.");
            }
        }
        return Optional.of(String.valueOf(latest));
    }
}
