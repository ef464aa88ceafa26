package dev.assay.server.interfaces.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.api.WorkspaceAccess;
import dev.assay.server.application.api.Workspaces;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a workspace token for assignment 7 (questions hw7/a and hw7/b) may go, path by path. */
class WorkspaceScopeTest {
    static final WorkspaceAccess ACCESS = new WorkspaceAccess("prof.ada", 7, Optional.of("c/l"), Instant.MAX);

    final AccessFilter filter = new AccessFilter();

    WorkspaceScopeTest() {
        filter.workspaces = new Workspaces() {
            @Override
            public boolean covers(WorkspaceAccess access, String questionId) {
                return access.assignment() == 7 && Set.of("hw7/a", "hw7/b").contains(questionId);
            }

            @Override
            public String describe(WorkspaceAccess access) {
                return "7 (hw7/hw7)";
            }
        };
    }

    boolean allowed(String method, String path) {
        return filter.outsideScope(ACCESS, method, path).isEmpty();
    }

    @Test
    void itsAssignmentItsQuestionsThePluginsAndMe() {
        assertThat(allowed("GET", "assignments/7")).isTrue();
        assertThat(allowed("GET", "/assignments/7/analytics")).isTrue();
        assertThat(allowed("POST", "assignments/7/regrades/preview")).isTrue();
        assertThat(allowed("GET", "questions/hw7/a")).isTrue();
        assertThat(allowed("PUT", "questions/hw7/b/config")).isTrue();
        assertThat(allowed("POST", "questions/hw7/a/preview")).isTrue();
        assertThat(allowed("GET", "plugins")).isTrue();
        assertThat(allowed("GET", "plugins/matrix-calculus/config-schema")).isTrue();
        assertThat(allowed("GET", "me")).isTrue();
        assertThat(allowed("POST", "render/markdown")).as("renders the caller's own text").isTrue();
    }

    @Test
    void notAnAnswerInAStudentsName() {
        assertThat(allowed("POST", "questions/hw7/a/submissions")).isFalse();
        assertThat(allowed("POST", "questions/hw7/a/preview")).isTrue();
    }

    @Test
    void nothingElse() {
        assertThat(allowed("GET", "assignments")).isFalse();
        assertThat(allowed("GET", "assignments/8")).isFalse();
        assertThat(allowed("GET", "assignments/70/analytics")).isFalse();
        assertThat(allowed("GET", "questions/hw7/c")).isFalse();
        assertThat(allowed("GET", "questions")).isFalse();
        assertThat(allowed("GET", "questions/hw7")).isFalse();
        assertThat(allowed("POST", "plugins")).isFalse();
        assertThat(allowed("POST", "packs")).isFalse();
        assertThat(allowed("GET", "outbox")).isFalse();
        assertThat(allowed("GET", "review")).isFalse();
        assertThat(allowed("GET", "submissions/5")).isFalse();
        assertThat(allowed("DELETE", "me")).isFalse();
        assertThat(filter.outsideScope(ACCESS, "GET", "outbox").orElseThrow())
                .contains("for assignment 7 (hw7/hw7)").contains("GET /api/outbox");
    }
}
