package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {
    final Sessions sessions = new Sessions("0123456789abcdef0123456789abcdef".getBytes(), Duration.ofHours(2), Clock.systemUTC());

    @Test
    void aSessionTokenStaysSmallWhateverTheLaunchCarried() {
        // The longest sub LTI allows, of characters JSON escapes, a deployment id of 255, a 4,000-character name.
        String userKey = Launch.userKey(1, "<&>".repeat(85), "<\"'>\u2028".repeat(51));
        String name = "Ada \uD83D\uDE00<script>".repeat(400);
        String token = sessions.issue(userKey, name, 12, true, Optional.of(LoginStates.random()));
        assertThat(token.length()).isLessThanOrEqualTo(Sessions.MAX_TOKEN_CHARS);
        Sessions.Session s = sessions.verify(token).orElseThrow();
        assertThat(s.userKey()).isEqualTo(userKey);
        assertThat(s.name()).startsWith("Ada \uD83D\uDE00<script>").endsWith("…")
                .hasSize(name.offsetByCodePoints(0, Sessions.MAX_NAME_CODE_POINTS - 1) + 1);
        assertThat(s.deepLinkRequest()).isPresent();
        assertThat(s.teaches()).isTrue();
    }

    @Test
    void shortNamesStayAsTheyAre() {
        assertThat(sessions.verify(sessions.issue("lti/1/d/u", "Ada Lovelace", 3, false)).orElseThrow().name())
                .isEqualTo("Ada Lovelace");
        assertThat(Sessions.shortened(null)).isNull();
    }
}
