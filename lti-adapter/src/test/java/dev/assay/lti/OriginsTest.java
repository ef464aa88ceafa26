package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.interfaces.web.WebOrigin;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginsTest {
    @Test
    void theAdapterTakesTheCoresOneRuleForAnOrigin() {
        // The rule itself is tested in the core (WebOriginTest); here: the adapter answers as it does.
        for (String url : List.of("https://Moodle.Example.edu/mod/lti/auth.php?x=1", "http://[::1]:8080/a", "javascript:alert(1)",
                "https://x;script-src *@lms.example.edu/", "")) {
            assertThat(Origins.of(url)).as(url).isEqualTo(WebOrigin.of(url));
            assertThat(Origins.problem(url)).as(url).isEqualTo(WebOrigin.problem(url));
        }
        assertThat(Origins.of("https://lms.example.edu:443/a")).contains("https://lms.example.edu");
    }

    @Test
    void oneRuleSaysWhatIsWrongWithAUrlWhereverOneIsTaken() {
        // The core's rule (WebOriginTest) says what is wrong with a URL; the three places in the adapter that take URLs
        // say the same: a platform's registration, a deep-linking return URL, an origin.
        PlatformStore.Registration r = new PlatformStore.Registration("https://lms.example.edu", "c", "javascript:alert(1)",
                "https://lms.example.edu/token", "https://lms.example.edu/jwks", null, List.of("d"), null);
        assertThat(r.problems()).containsExactly("authUrl: 'javascript:alert(1)' is not an http(s) address; give the http(s)"
                + " URL the LMS shows");
        assertThat(LaunchValidator.returnUrlProblem("data:text/html,x")).isEqualTo(Origins.problem("data:text/html,x"));
        assertThat(Origins.of("https://me:pw@lms.example.edu/")).as("no origin from a URL Assay refuses").isEmpty();
    }

    @Test
    void aSourceListNamesTheOriginsOnceOrNone() {
        assertThat(Origins.sources(Origins.of(List.of("https://a.example/x", "https://a.example/y", "http://b.example:81/"))))
                .isEqualTo("https://a.example http://b.example:81");
        assertThat(Origins.sources(List.of())).isEqualTo("'none'");
        assertThat(Origins.same("http://127.0.0.1:18091/lti/launch", "http://127.0.0.1:18091")).isTrue();
        assertThat(Origins.same("http://evil.example/lti/launch", "http://127.0.0.1:18091")).isFalse();
    }

    @Test
    void onlyLoopbackAddressesWrittenAsSuchAreLoopback() {
        assertThat(List.of("localhost", "127.0.0.1", "127.1.2.3", "[::1]")).allMatch(ToolRoot::isLoopback);
        assertThat(List.of("evil.example", "127.0.0.1.evil.example", "10.0.0.1", "0.0.0.0")).noneMatch(ToolRoot::isLoopback);
    }
}
