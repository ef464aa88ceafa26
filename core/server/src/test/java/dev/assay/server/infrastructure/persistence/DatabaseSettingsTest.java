package dev.assay.server.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A wrong database setting is one line that names the setting, the URL without its password, and the cause. */
class DatabaseSettingsTest {
    static final String H2 = "org.h2.jdbcx.JdbcDataSource";
    static final String PG = "org.postgresql.ds.PGSimpleDataSource";

    @Test
    void passwordsAreCutOutOfUrls() {
        assertThat(DatabaseSettings.redact("jdbc:postgresql://db:5432/assay?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/assay?user=a&password=***&ssl=true");
        assertThat(DatabaseSettings.redact("jdbc:h2:file:./data/db;PASSWORD=s3cret;MODE=LEGACY"))
                .isEqualTo("jdbc:h2:file:./data/db;PASSWORD=***;MODE=LEGACY");
        assertThat(DatabaseSettings.redact("jdbc:postgresql://assay:s3cret@db:5432/assay"))
                .isEqualTo("jdbc:postgresql://assay:***@db:5432/assay");
        assertThat(DatabaseSettings.redact("jdbc:postgresql://db:5432/assay")).isEqualTo("jdbc:postgresql://db:5432/assay");
    }

    @Test
    void theH2ClassWithAPostgresqlUrlIsNamedWithTheClassToSet() {
        String line = new DatabaseSettings(H2, "jdbc:postgresql://db/assay?password=s3cret", "assay").mismatch().orElseThrow();
        assertThat(line).contains("assay.db.class", "ASSAY_DB_CLASS", "jdbc:postgresql://db/assay?password=***",
                "set ASSAY_DB_CLASS=" + PG).doesNotContain("s3cret").doesNotContain("\n");
        assertThat(new DatabaseSettings(PG, "jdbc:h2:mem:x", "sa").mismatch().orElseThrow()).contains("ASSAY_DB_CLASS=" + H2);
        assertThat(new DatabaseSettings(PG, "jdbc:postgresql://db/assay", "assay").mismatch()).isEmpty();
        assertThat(new DatabaseSettings(H2, "jdbc:h2:file:./data/db", "sa").mismatch()).isEmpty();
    }

    @Test
    void aRefusedConnectionNamesTheUrlAndTheDriversOwnWords() {
        SQLException e = new SQLException("Connection to db:5432 refused. Check that the hostname and port are correct.",
                "08001", new ConnectException("Connection refused"));
        String line = new DatabaseSettings(PG, "jdbc:postgresql://db:5432/assay?password=s3cret", "assay")
                .explain(new IllegalStateException("wrapped", e));
        assertThat(line).startsWith("check assay.db.url (ASSAY_DB_URL)").contains("Connection to db:5432 refused")
                .contains("password=***").doesNotContain("s3cret");
    }

    @Test
    void aRefusedLoginNamesUserAndPassword() {
        String line = new DatabaseSettings(PG, "jdbc:postgresql://db/assay", "assay")
                .explain(new SQLException("FATAL: password authentication failed for user \"assay\"", "28P01"));
        assertThat(line).startsWith("check assay.db.user / assay.db.password");
    }

    @Test
    void theCheckTriesTheDatabaseAndSaysWhatIsWrong(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=LEGACY";
        assertThat(DatabaseCheck.problem(new DatabaseSettings(H2, url, "sa"), "pw")).isNull();
        assertThat(DatabaseCheck.problem(new DatabaseSettings(H2, url, "sa"), "other"))
                .startsWith("check assay.db.user / assay.db.password");
        assertThat(DatabaseCheck.problem(new DatabaseSettings("org.nope.DataSource", url, "sa"), "pw"))
                .contains("assay.db.class (ASSAY_DB_CLASS) is org.nope.DataSource");
        assertThat(DatabaseCheck.problem(new DatabaseSettings(H2, "jdbc:postgresql://127.0.0.1:1/x", "sa"), "pw"))
                .contains("set ASSAY_DB_CLASS=" + PG);
        assertThat(DatabaseCheck.problem(new DatabaseSettings(H2, "", "sa"), "pw")).contains("assay.db.url (ASSAY_DB_URL) is empty");
    }

    @Test
    void onlyPostgresqlSkipsLockedRows() {
        assertThat(DatabaseSettings.skipsLockedRows("jdbc:postgresql://db:5432/assay")).isTrue();
        assertThat(DatabaseSettings.skipsLockedRows("jdbc:PostgreSQL://db/assay")).isTrue();
        assertThat(DatabaseSettings.skipsLockedRows("jdbc:h2:file:./data/assay")).isFalse();
        assertThat(DatabaseSettings.skipsLockedRows("")).isFalse();
        assertThat(DatabaseSettings.skipsLockedRows(null)).isFalse();
    }
}
