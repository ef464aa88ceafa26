package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may frame the workspace: only origins rebuilt from parsed http(s) URLs reach the header. */
class WorkspaceFramingTest {
    @Test
    void theWorkspaceAndEachLmsOriginMayFrameIt() {
        assertThat(WorkspaceFraming.policy(List.of("https://moodle.example.edu/course/view.php?id=3", "http://127.0.0.1:8123/frame")))
                .isEqualTo("frame-ancestors 'self' https://moodle.example.edu http://127.0.0.1:8123");
    }

    @Test
    void withNoLmsOnlyTheWorkspaceItselfMayFrameIt() {
        assertThat(WorkspaceFraming.policy(List.of())).isEqualTo("frame-ancestors 'self'");
    }

    @Test
    void textThatIsNoHttpOriginNeverReachesTheHeader() {
        assertThat(WorkspaceFraming.policy(List.of("javascript:alert(1)", "https://a.example; script-src *", "*",
                "https://user@b.example", "ftp://c.example"))).isEqualTo("frame-ancestors 'self'");
    }
}
