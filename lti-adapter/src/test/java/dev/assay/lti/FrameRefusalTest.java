package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which pages an LMS may frame: the LTI pages and the instructor workspace say who themselves; the rest is DENY. */
class FrameRefusalTest {
    @Test
    void theLtiPagesAndTheWorkspaceMayBeFramedTheApiAndTheStartPageNot() {
        assertThat(FrameRefusal.framedInLms("/lti/launch")).isTrue();
        assertThat(FrameRefusal.framedInLms("/workspace/question.html")).isTrue();
        assertThat(FrameRefusal.framedInLms("/workspace/")).isTrue();
        assertThat(FrameRefusal.framedInLms("/api/questions")).isFalse();
        assertThat(FrameRefusal.framedInLms("/")).isFalse();
        assertThat(FrameRefusal.framedInLms("/workspaces/x")).isFalse();
    }
}
