package dev.assay.server.infrastructure.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Connects once with the database settings the server is about to use, and ends with status 3 and one line naming
 * the setting to fix, the URL (without password) and the cause if that fails. {@code ./assay serve} runs it, on the
 * WAR's own classes and drivers, before starting Payara Micro: Payara connects while it prepares the application,
 * before any of Assay's code runs, and on failure it stays up answering "No Application deployed" with the cause
 * inside pages of stack traces.
 *
 * <p>Settings are read as MicroProfile Config reads them for the server: system property, then environment variable
 * ({@code assay.db.url} → {@code ASSAY_DB_URL}), then the WAR's {@code META-INF/microprofile-config.properties}.
 */
public final class DatabaseCheck {
    static final int CANNOT_START = Bootstrap.CANNOT_START;
    private static final int LOGIN_TIMEOUT_SECONDS = 15;

    private DatabaseCheck() {
    }

    public static void main(String[] args) {
        Properties defaults = new Properties();
        try (InputStream in = DatabaseCheck.class.getClassLoader().getResourceAsStream("META-INF/microprofile-config.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            // no defaults: the environment must say it all
        }
        DatabaseSettings db = new DatabaseSettings(setting("assay.db.class", defaults), setting("assay.db.url", defaults),
                setting("assay.db.user", defaults));
        String problem = problem(db, setting("assay.db.password", defaults));
        if (problem != null) {
            System.err.println("assay: cannot start: " + problem);
            System.exit(CANNOT_START);
        }
    }

    /** What is wrong with the settings, in one line, or null when the database answers. */
    static String problem(DatabaseSettings db, String password) {
        if (db.url() == null || db.url().isBlank()) {
            return "the setting assay.db.url (ASSAY_DB_URL) is empty; set it to the database's JDBC URL";
        }
        var mismatch = db.mismatch();
        if (mismatch.isPresent()) {
            return mismatch.get();
        }
        try {
            Class.forName(db.className());
        } catch (ClassNotFoundException | RuntimeException e) {
            return "the setting assay.db.class (ASSAY_DB_CLASS) is " + db.className()
                    + ", a class this server does not have; use org.h2.jdbcx.JdbcDataSource or org.postgresql.ds.PGSimpleDataSource";
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection c = DriverManager.getConnection(quiet(db.url()), db.user(), password)) {
            return c.isValid(LOGIN_TIMEOUT_SECONDS) ? null : db.explain(new SQLException("the connection is not valid"));
        } catch (SQLException | RuntimeException e) {
            return db.explain(e);
        }
    }

    /** H2 would print its own stack trace when it cannot write its trace file; the line says it all. */
    private static String quiet(String url) {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("TRACE_LEVEL_FILE")
                ? url + ";TRACE_LEVEL_FILE=0" : url;
    }

    /** System property, then environment variable (MicroProfile Config's mapping), then the WAR's default. */
    static String setting(String key, Properties defaults) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key);
        }
        String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
        if (value == null) {
            value = System.getenv(sanitized);
        }
        if (value == null) {
            value = System.getenv(sanitized.toUpperCase(Locale.ROOT));
        }
        return value != null ? value : defaults.getProperty(key);
    }
}
