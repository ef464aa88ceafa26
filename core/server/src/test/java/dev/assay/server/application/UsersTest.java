package dev.assay.server.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class UsersTest {
    @Test
    void aUniqueViolationIsRecognisedThroughTheWrappersOfJpaAndJta() {
        SQLException h2 = new SQLIntegrityConstraintViolationException("Unique index or primary key violation", "23505");
        RuntimeException jpa = new jakarta.persistence.PersistenceException("flush failed", new IllegalStateException("wrapped", h2));
        assertThat(Users.isUniqueViolation(jpa)).isTrue();
        assertThat(Users.isUniqueViolation(new jakarta.persistence.PersistenceException("fk",
                new SQLException("foreign key", "23503")))).as("another integrity error is not the race").isFalse();
        assertThat(Users.isUniqueViolation(new IllegalStateException("no cause"))).isFalse();
    }
}
