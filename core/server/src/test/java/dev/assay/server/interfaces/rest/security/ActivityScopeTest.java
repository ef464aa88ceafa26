package dev.assay.server.interfaces.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.WorkspaceAccess;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whose answers a call sees: the activity's token is held to its activity; the admin may pick one or see all. */
class ActivityScopeTest {
    static final Caller OF_ACTIVITY_A = Caller.instructor(new WorkspaceAccess("prof.ada", 7, Optional.of("lti:A"), Instant.MAX));
    static final Caller WITHOUT_ACTIVITY = Caller.instructor(new WorkspaceAccess("prof.bo", 7, Optional.empty(), Instant.MAX));

    @Test
    void anActivitysTokenGetsItsActivityWithoutNamingIt() {
        assertThat(ActivityScope.target(OF_ACTIVITY_A, null)).contains("lti:A");
        assertThat(ActivityScope.target(OF_ACTIVITY_A, "  ")).contains("lti:A");
        assertThat(ActivityScope.target(OF_ACTIVITY_A, "lti:A")).contains("lti:A");
    }

    @Test
    void anActivitysTokenNamingAnotherIsForbiddenSayingWhy() {
        assertThatThrownBy(() -> ActivityScope.target(OF_ACTIVITY_A, "lti:B"))
                .isInstanceOfSatisfying(AssayException.class, e -> assertThat(e.kind()).isEqualTo(AssayException.Kind.FORBIDDEN))
                .hasMessageContaining("'lti:A'").hasMessageContaining("'lti:B'").hasMessageContaining("Leave out ?target=");
    }

    @Test
    void theAdminSeesAllOrTheActivityItNames() {
        assertThat(ActivityScope.target(Caller.admin(), null)).isEmpty();
        assertThat(ActivityScope.target(Caller.admin(), "")).isEmpty();
        assertThat(ActivityScope.target(Caller.admin(), " lti:B ")).contains("lti:B");
    }

    @Test
    void aTokenGrantedWithoutAnActivitySeesAllOrTheActivityItNames() {
        assertThat(ActivityScope.target(WITHOUT_ACTIVITY, null)).isEmpty();
        assertThat(ActivityScope.target(WITHOUT_ACTIVITY, "lti:B")).contains("lti:B");
    }
}
