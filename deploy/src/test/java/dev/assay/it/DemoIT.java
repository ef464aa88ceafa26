package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo course, as a newcomer meets it: the start page's link to /demo, HW7 opened as a student in Chromium (the
 * student page a launch opens), 8.a.i answered and graded; the same browser as an instructor sees that student in the
 * standings. The demo touches nothing outside itself: the real hw7 question gets no submission, the demo session is
 * refused anywhere but the demo's own copy, no LMS can log in as the demo platform. With PostgreSQL (the system tests'
 * second run) the demo is off unless configured: /demo is a 404 page saying so.
 */
class DemoIT extends AgainstTheWar {
    private static final String REAL_QUESTION = "/api/questions/hw7/8a-i-layers";
    private static final String DEMO_QUESTION = "/api/questions/demo-hw7/8a-i-layers";

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    /** The server's database, as the system tests give it (the default, H2, when not set). */
    private static boolean embeddedDatabase() {
        String url = System.getenv("ASSAY_DB_URL");
        return url == null || url.isBlank() || url.startsWith("jdbc:h2:");
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return ServerIT.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String bearer, Object body) throws Exception {
        return ServerIT.HTTP.send(HttpRequest.newBuilder(URI.create(root() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(dev.assay.engine.json.Json.json().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long submissions(String question) throws Exception {
        ServerIT.Reply r = server.get(question + "/analytics");
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.json().path("submissions").asLong();
    }

    @Test
    void withPostgresTheDemoIsOffUnlessConfigured() throws Exception {
        assumeTrue(!embeddedDatabase(), "the server runs on the embedded database: the demo is on");
        for (String path : List.of("/demo", "/demo/student", "/demo/instructor")) {
            HttpResponse<String> off = get(root() + path, null);
            assertThat(off.statusCode()).as(path).isEqualTo(404);
            assertThat(off.body()).contains("The demo is off").contains("assay.demo.enabled");
        }
    }

    @Test
    void aNewcomerAnswersHw7AsAStudentAndSeesTheirAnswerAsTheInstructorAndNothingOutsideTheDemoIsTouched() throws Exception {
        assumeTrue(embeddedDatabase(), "the server runs on PostgreSQL: the demo is off (the other test)");
        String realBefore = String.valueOf(submissions(REAL_QUESTION));

        ChromeDriver browser = BrowserIT.chromium();
        String visitor;
        String studentToken;
        String instructorToken;
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(root() + "/");
            browser.findElement(By.linkText("Try the demo course")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("Open HW7 as a student")));
            assertThat(browser.getCurrentUrl()).endsWith("/demo");
            browser.findElement(By.linkText("Open HW7 as a student")).click();

            // The student page a launch opens, for the demo copy of hw7 (the copy is made on the first opening).
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.q")));
            assertThat(browser.findElement(By.cssSelector("header .notice")).getText()).startsWith("Demo: your score stays in Assay");
            assertThat(browser.findElements(By.cssSelector("section.instructor"))).as("no instructor panel for a student").isEmpty();
            Cookie cookie = browser.manage().getCookieNamed("assay-demo");
            assertThat(cookie).isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Lax");
            assertThat(cookie.getPath()).endsWith("/demo");
            visitor = cookie.getValue();
            studentToken = session(browser);

            WebElement result = BrowserIT.answerOnThePage(browser, wait, "demo-hw7/8a-i-layers", "2");
            assertThat(result.findElement(By.cssSelector(".score")).getText()).startsWith("1 / 1 point");
            assertThat(result.findElements(By.cssSelector("section.fb"))).as("feedback").isNotEmpty();

            // A reload is the same demo student: the attempt is there.
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[data-question='demo-hw7/8a-i-layers']")));
            assertThat(browser.manage().getCookieNamed("assay-demo").getValue()).isEqualTo(visitor);
            assertThat(browser.findElement(By.cssSelector("section[data-question='demo-hw7/8a-i-layers'] details.attempts .count"))
                    .getAttribute("textContent")).isEqualTo("1");

            // As the instructor: the panel, with that student in the standings.
            browser.get(root() + "/demo");
            browser.findElement(By.linkText("Open HW7 as an instructor")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.instructor")));
            String panel = browser.findElement(By.cssSelector("section.instructor")).getText();
            assertThat(panel).contains("Students so far (").contains("Demo student " + visitor.substring(0, 4));
            assertThat(browser.findElement(By.cssSelector("header .notice")).getText()).startsWith("Demo:");
            assertThat(browser.findElement(By.xpath("//td[starts-with(., 'Demo student " + visitor.substring(0, 4)
                    + "')]/following-sibling::td[3]")).getText()).as("no gradebook: the score stays in Assay")
                    .isEqualTo("stays in Assay (demo)");
            instructorToken = session(browser);

            // The regrade of the demo activity: its answers only, graded again.
            browser.findElement(By.id("regrade")).click();
            WebElement regradeStatus = browser.findElement(By.cssSelector("#regrade ~ .status"));
            wait.until(d -> regradeStatus.getText().contains("graded again"));
            assertThat(regradeStatus.getText()).matches("\\d+ answers? graded again\\..*");
        } finally {
            browser.quit();
        }

        // The score goes nowhere: delivered where it is, in Assay, at once and without an error.
        Await.until("the demo student's score, delivered in Assay", 20, () -> {
            for (JsonNode e : server.get("/api/outbox?limit=1000").json()) {
                if (e.path("user").asText().endsWith("/student-" + visitor)) {
                    assertThat(e.hasNonNull("lastError")).as(e.toString()).isFalse();
                    return "DELIVERED".equals(e.path("state").asText());
                }
            }
            return false;
        });

        // The answer is stored like any other, on the demo copy; the real hw7 question has no new submission.
        assertThat(submissions(DEMO_QUESTION)).isGreaterThanOrEqualTo(1);
        assertThat(String.valueOf(submissions(REAL_QUESTION))).isEqualTo(realBefore);

        // The demo sessions reach the demo copy, and nothing else.
        Map<String, Object> answer = Map.of("answer", "2");
        assertThat(post("/lti/api/questions/demo-hw7/8a-i-layers/validate", studentToken, answer).statusCode()).isEqualTo(200);
        for (String token : List.of(studentToken, instructorToken)) {
            HttpResponse<String> real = post("/lti/api/questions/hw7/8a-i-layers/submissions", token, answer);
            assertThat(real.statusCode()).as(real.body()).isEqualTo(404);
            assertThat(post("/lti/api/questions/hw7/8a-i-layers/validate", token, answer).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> rebind = post("/lti/api/link/assignment", instructorToken, Map.of("assignment", "hw7/hw7"));
        assertThat(rebind.statusCode()).as(rebind.body()).isEqualTo(403);
        assertThat(get(root() + "/api/questions", studentToken).statusCode()).as("the REST API is not the demo's").isIn(401, 403);
        assertThat(String.valueOf(submissions(REAL_QUESTION))).isEqualTo(realBefore);

        // No LMS can log in as the demo platform, and the administrators' list does not show it.
        HttpResponse<String> login = get(root() + "/lti/login?iss=" + URLEncoder.encode("urn:assay:demo", StandardCharsets.UTF_8)
                + "&client_id=demo&login_hint=x&target_link_uri=" + URLEncoder.encode(root() + "/lti/launch", StandardCharsets.UTF_8), null);
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.body()).contains("is not registered");
        JsonNode platforms = dev.assay.engine.json.Json.json().readTree(get(root() + "/lti/admin/platforms", ServerIT.TOKEN).body());
        assertThat(platforms.findValuesAsText("issuer")).doesNotContain("urn:assay:demo");
    }

    /** The session token the page carries (as the page's script sends it). */
    private static String session(ChromeDriver browser) {
        return browser.findElement(By.cssSelector("meta[name='assay-session']")).getAttribute("content");
    }
}
