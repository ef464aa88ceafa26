package dev.assay.server.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for a URL Assay takes and for its origin (the LTI adapter's Origins and the workspace's framing use it). */
class WebOriginTest {
    @Test
    void anOriginIsSchemeHostAndAPortOtherThanTheDefault() {
        assertThat(WebOrigin.of("https://Moodle.Example.edu/mod/lti/auth.php?x=1")).contains("https://moodle.example.edu");
        assertThat(WebOrigin.of("http://127.0.0.1:8765/")).contains("http://127.0.0.1:8765");
        assertThat(WebOrigin.of("HTTPS://LMS.Example.EDU:443/x")).contains("https://lms.example.edu");
        assertThat(WebOrigin.of("http://lms.example.edu:80/x")).contains("http://lms.example.edu");
        assertThat(WebOrigin.of("http://[::1]:8080/a")).contains("http://[::1]:8080");
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoUserHaveOneSoNothingElseOfTheUrlGetsIntoAPolicy() {
        for (String bad : List.of("javascript:alert(1)", "data:text/html,x", "/relative", "https://lms example/", "", "*",
                "ftp://c.example", "https://x;script-src *@lms.example.edu/", "https://me:pw@lms.example.edu/", "https://a.example;b/")) {
            assertThat(WebOrigin.of(bad)).as(bad).isEmpty();
        }
        assertThat(WebOrigin.of(null)).isEmpty();
    }

    @Test
    void theProblemWithAUrlIsSaidAsAPhraseThatFollowsItsName() {
        assertThat(WebOrigin.problem("https://lms.example.edu/deep?x=1")).isEmpty();
        assertThat(WebOrigin.problem("javascript:alert(1)")).contains("'javascript:alert(1)' is not an http(s) address");
        assertThat(WebOrigin.problem("https:///path")).contains("'https:///path' names no host");
        assertThat(WebOrigin.problem("https://me:pw@lms.example.edu/")).hasValueSatisfying(p -> assertThat(p).endsWith("carries a user name"));
        assertThat(WebOrigin.problem("https://lms example/")).hasValueSatisfying(p -> assertThat(p).contains("is not a URL"));
        assertThat(WebOrigin.problem(null)).contains("is empty");
        assertThat(WebOrigin.problem("ftp://" + "a".repeat(100) + ".example/")).as("a long URL shown cut").hasValueSatisfying(p -> assertThat(p).contains("…").hasSizeLessThan(120));
    }
}
