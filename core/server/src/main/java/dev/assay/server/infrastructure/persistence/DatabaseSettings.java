package dev.assay.server.infrastructure.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The database settings the server was started with ({@code assay.db.class}, {@code assay.db.url},
 * {@code assay.db.user}), for checking them before use and for saying, in one line, which one is wrong. The password
 * is never part of it, and is cut out of URLs (and of messages that quote them).
 */
public record DatabaseSettings(String className, String url, String user) {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");

    /** The URL without any password it carries ({@code ?password=…}, {@code ;PASSWORD=…}, {@code //user:…@}). */
    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        return USER_INFO.matcher(PASSWORD_PARAMETER.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }

    /**
     * Whether only this process can have the database open: an embedded H2 database (not a server's, not one shared by
     * AUTO_SERVER). Then whatever another process left claimed is a stopped or killed server's.
     */
    public boolean oneProcess() {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:")
                && !u.contains("auto_server=true");
    }

    /**
     * Whether the database at this URL skips rows other transactions hold locked ({@code FOR UPDATE SKIP LOCKED}) and
     * limits after skipping: PostgreSQL. H2 2.2 parses SKIP LOCKED but limits first, so claims there are made otherwise.
     */
    public static boolean skipsLockedRows(String url) {
        return "postgresql".equals(new DatabaseSettings(null, url, null).vendorOfUrl());
    }

    /**
     * A class meant for another database than the URL's (the H2 class, the default, with a PostgreSQL URL):
     * the line that says so and what to set, before anything tries to connect.
     */
    public Optional<String> mismatch() {
        String urlVendor = vendorOfUrl();
        String classVendor = vendorOfClass();
        if (urlVendor == null || classVendor == null || urlVendor.equals(classVendor)) {
            return Optional.empty();
        }
        String suggested = switch (urlVendor) {
            case "postgresql" -> "org.postgresql.ds.PGSimpleDataSource";
            case "h2" -> "org.h2.jdbcx.JdbcDataSource";
            default -> null;
        };
        return Optional.of("the setting assay.db.class (ASSAY_DB_CLASS) is " + className + ", a " + classVendor
                + " data source, but assay.db.url (ASSAY_DB_URL) is a " + urlVendor + " URL: " + redact(url)
                + (suggested == null ? "" : "; set ASSAY_DB_CLASS=" + suggested));
    }

    /** One line: which setting to look at, the URL (without password), and the cause, for a failure to start. */
    public String explain(Throwable failure) {
        Throwable root = failure;
        SQLException sql = null;
        while (true) {
            if (root instanceof SQLException s) {
                sql = s;
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        // The innermost SQLException says it best ("Connection to host:5432 refused. Check that …"); below it is
        // often a bare "Connection refused" or a file name.
        Throwable telling = sql != null && sql.getMessage() != null ? sql : root;
        String cause = firstLine(telling.getMessage() == null ? telling.getClass().getSimpleName() : telling.getMessage());
        String setting;
        if (root instanceof ClassNotFoundException || cause.contains("ClassNotFound")
                || cause.toLowerCase(Locale.ROOT).contains("class name is wrong")) {
            setting = "assay.db.class (ASSAY_DB_CLASS) = " + className;
        } else if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
            setting = "assay.db.user / assay.db.password (ASSAY_DB_USER, ASSAY_DB_PASSWORD; user " + user + ")";
        } else if (sql != null || root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException) {
            setting = "assay.db.url (ASSAY_DB_URL)";
        } else {
            setting = "the database (assay.db.url, ASSAY_DB_URL)";
        }
        return "check " + setting + "; database " + redact(url) + " (user " + user + "): " + redact(cause);
    }

    private String vendorOfUrl() {
        if (url == null || !url.startsWith("jdbc:")) {
            return null;
        }
        int colon = url.indexOf(':', 5);
        return colon < 0 ? null : url.substring(5, colon).toLowerCase(Locale.ROOT);
    }

    private String vendorOfClass() {
        if (className == null) {
            return null;
        }
        if (className.startsWith("org.h2.")) {
            return "h2";
        }
        if (className.startsWith("org.postgresql.")) {
            return "postgresql";
        }
        return null;
    }

    private static String firstLine(String s) {
        String line = s.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl).strip();
        return line.length() <= 400 ? line : line.substring(0, 400) + "…";
    }
}
