package dev.assay.server.infrastructure.persistence;

import dev.assay.server.application.catalog.PacksFolder;
import dev.assay.server.application.engine.GradingMetrics;
import dev.assay.server.application.gradebook.Gradebook;
import dev.assay.server.application.ThisProcess;
import dev.assay.server.application.regrade.RegradeRecords;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the application: the database (chosen at run time by configuration: H2 embedded by default, PostgreSQL by
 * environment variables), its schema, the course packs, the metrics, the gradebook scores a schema change listed to
 * send again, and the regrade items a previous process left unfinished (RegradeWorkers runs them). If any of it fails, the reason is one line in the log; with {@code assay.startup.exit-on-failure} (which
 * {@code ./assay serve} sets) the process then ends with status 3, rather than staying up with nothing deployed.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
        name = "java:app/jdbc/assay",
        className = "${MPCONFIG=assay.db.class}",
        url = "${MPCONFIG=assay.db.url}",
        user = "${MPCONFIG=assay.db.user}",
        password = "${MPCONFIG=assay.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());
    /** The exit status of a server that could not start. */
    static final int CANNOT_START = 3;

    @Resource(lookup = "java:app/jdbc/assay")
    DataSource dataSource;

    @Inject
    PacksFolder packs;

    @Inject
    GradingMetrics metrics;

    @Inject
    RegradeRecords regrades;

    @Inject
    Gradebook gradebook;

    @Inject
    StartupState state;

    @Inject
    @ConfigProperty(name = "assay.db.class", defaultValue = "")
    String dbClass;

    @Inject
    @ConfigProperty(name = "assay.db.url", defaultValue = "")
    String dbUrl;

    @Inject
    @ConfigProperty(name = "assay.db.user", defaultValue = "")
    String dbUser;

    @Inject
    @ConfigProperty(name = "assay.startup.exit-on-failure", defaultValue = "false")
    boolean exitOnFailure;

    @PostConstruct
    void start() {
        // A database that does not answer fails earlier, while Payara prepares the application (before this runs):
        // ./assay serve checks it first with DatabaseCheck. What fails here is the schema, the packs or the regrades.
        DatabaseSettings db = new DatabaseSettings(dbClass, dbUrl, dbUser);
        try {
            DatabaseMigration.migrate(dataSource);
            WorkspaceSecret.ensure(dataSource);
        } catch (RuntimeException e) {
            cannotStart(db.explain(e), e);
        }
        try {
            packs.importAndLoad();
            metrics.registerAtStart();
            int resent = gradebook.resendListed();
            if (resent > 0) {
                LOG.info(() -> resent + " scores sent to gradebooks again: reviews a batch regrade had pushed aside are"
                        + " in force again (schema V6), and the gradebooks still held the regrade's score");
            }
            if (db.oneProcess()) {
                // An embedded H2 database is opened by one process at a time: the regrade items another process held
                // are a stopped or killed server's, and are taken at once (on PostgreSQL, after their lease).
                int released = regrades.releaseOthers(ThisProcess.ID);
                if (released > 0) {
                    LOG.info(() -> released + " regrade items a previous server process left unfinished are resumed");
                }
            }
            state.finished();
        } catch (RuntimeException e) {
            cannotStart(e.getClass().getSimpleName() + ": " + DatabaseSettings.redact(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * Says why in one line; then ends the process if told to (Payara Micro would otherwise keep running and answer
     * "No Application deployed"), or fails the deployment.
     */
    private void cannotStart(String why, RuntimeException cause) {
        String line = "Assay cannot start: " + why;
        LOG.severe(line);
        if (exitOnFailure) {
            System.err.println("assay: " + line);
            System.err.flush();
            // System.exit runs Payara's shutdown hook, which may wait for this deployment to end: exit from another
            // thread, and halt if that has not ended the process within a few seconds.
            Thread exit = new Thread(() -> System.exit(CANNOT_START), "assay-exit");
            exit.setDaemon(true);
            exit.start();
            try {
                exit.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(CANNOT_START);
        }
        throw new IllegalStateException(line, cause);
    }
}
