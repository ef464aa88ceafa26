package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.engine.json.Json;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The student page in Debian's Chromium, headless, with third-party cookies blocked: the LMS's launch
 * (auto-posted login, the platform's auth, the auto-posted id_token), typing a LaTeX answer, the live preview
 * typeset by KaTeX, submitting, and the feedback; and the launch and the deep-linking chooser inside the LMS's own
 * page, in an iframe from another origin, as Moodle shows them. .ci/run installs chromium and chromium-driver.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {
    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItPlugin.assayWar();
    }

    static ChromeDriver chromium() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("chromium", "/usr/bin/chromium"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=420,900",
                "--disable-gpu", "--test-third-party-cookie-phaseout", "--blink-settings=imagesEnabled=true");
        o.setExperimentalOption("prefs", Map.of("profile.block_third_party_cookies", true));
        // The browser console kept for the tests that read it (WorkspacePagesIT fails on its errors).
        o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver"))).build();
        return new ChromeDriver(service, o);
    }

    @Test
    void aStudentLaunchesTypesLatexSeesThePreviewSubmitsAndReadsTheFeedback() throws Exception {
        String root = base.toString().replaceAll("/$", "");
        try (TestPlatform p = new TestPlatform(root)) {
            HttpResponse<String> reg = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(root + "/lti/admin/platforms")).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + ServerIT.TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofString(Json.json().writeValueAsString(p.registration()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
            p.browserClaims = Map.of("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of("assignment", "hw7/hw7"),
                    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of("scope",
                            List.of("https://purl.imsglobal.org/spec/lti-ags/scope/score"), "lineitem", p.lineitem(3)));

            ChromeDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(p.issuer + "/start");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.q")));
                assertThat(browser.getTitle()).contains("Homework 7");
                assertThat(browser.manage().getCookies()).as("no cookies").isEmpty();
                // KaTeX typeset the maths of the prompts.
                wait.until(d -> !d.findElements(By.cssSelector(".prompt .katex")).isEmpty());

                WebElement section = browser.findElement(By.cssSelector("section[data-question='hw7/3bi-grad-w2']"));
                WebElement box = section.findElement(By.tagName("textarea"));
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", box);
                box.click();
                box.sendKeys("-2(X - W_2W_1X)(W_1X)^\\top");
                WebElement preview = section.findElement(By.cssSelector(".preview"));
                wait.until(d -> !preview.findElements(By.cssSelector(".katex")).isEmpty());
                assertThat(preview.getText()).startsWith("Read as:");

                box.sendKeys(Keys.TAB); // keyboard: the file input, then the submit button
                section.findElement(By.cssSelector("button[type=submit]")).click();
                WebElement result = section.findElement(By.cssSelector(".result"));
                wait.until(d -> !result.findElements(By.cssSelector(".attempt")).isEmpty());
                assertThat(result.getText()).contains("2 / 2 points").contains("Expected approach");
                assertThat(result.findElements(By.cssSelector(".katex"))).isNotEmpty();
                assertThat(section.findElement(By.cssSelector("details.attempts .count")).getAttribute("textContent")).isEqualTo("1");

                // A malformed answer gets a clear message in the preview, typed text shown back escaped.
                WebElement result2 = answerOnThePage(browser, wait, "hw7/3bi-grad-w1", "<img src=x onerror=alert(1)>");
                assertThat(result2.getText()).contains("Not graded").contains("<img src=x onerror=alert(1)>");
                assertThat(result2.findElements(By.tagName("img"))).isEmpty();
            } finally {
                browser.quit();
            }
            Await.until("the score at the platform", 20, () -> !p.scores.isEmpty());
            assertThat(p.scores.get(0).path("userId").asText()).isEqualTo("browser-student");
        }
    }

    /**
     * Assay as localhost, the test platform being on 127.0.0.1: another site, as an LMS and a tool on their own domains.
     * (Both on loopback: Chromium refuses a page on another address, such as the one Payara names, to navigate a frame to
     * loopback, which the chooser's answer to the platform does.)
     */
    String rootOnAnotherSite() throws Exception {
        java.net.URI b = base.toURI();
        return new java.net.URI(b.getScheme(), null, "localhost", b.getPort(), b.getPath(), null, null).toString()
                .replaceAll("/$", "");
    }

    /**
     * Moodle shows the tool in an iframe of its course page (the default launch container, and always for "Select
     * content"). The test platform's page is on 127.0.0.1, Assay on another origin: the browser shows the frame only if
     * Assay's page names the platform in frame-ancestors and no X-Frame-Options forbids it.
     */
    @Test
    void theLmsShowsTheLaunchAndTheDeepLinkingChooserInAFrameOfItsOwnPage() throws Exception {
        String root = rootOnAnotherSite();
        try (TestPlatform p = new TestPlatform(root)) {
            new LtiClient(root).register(p);
            assertThat(java.net.URI.create(root).getHost()).isNotEqualTo(java.net.URI.create(p.issuer).getHost());
            p.browserSub = "framed-student";
            p.browserClaims = Map.of("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of("assignment", "hw7/hw7"));
            ChromeDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(p.issuer + "/frame");
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.q")));
                assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Homework 7");
                assertThat(browser.findElements(By.cssSelector("section[data-question='hw7/3bi-grad-w2']"))).hasSize(1);
                browser.switchTo().defaultContent();

                p.browserSub = "framed-instructor";
                browser.get(p.issuer + "/frame?deep-link");
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool"));
                WebElement choice = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("form#deeplink input[value='hw7/hw7']")));
                ((JavascriptExecutor) browser).executeScript("arguments[0].click()", choice);
                browser.findElement(By.cssSelector("form#deeplink button[type=submit]")).click();
                // The chooser posts the signed answer back to the LMS, inside the same frame.
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("added")));
            } finally {
                browser.quit();
            }
            assertThat(p.deepLinkResponses).hasSize(1);
            com.nimbusds.jwt.JWTClaimsSet c = com.nimbusds.jwt.SignedJWT.parse(p.deepLinkResponses.get(0)).getJWTClaimsSet();
            assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo("browser-dl");
            assertThat(Json.json().writeValueAsString(c.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")))
                    .contains("\"assignment\":\"hw7/hw7\"").contains("\"url\":\"" + root + "/lti/launch\"");
        }
    }

    /**
     * The instructor's panel in the LMS's frame, after the question of an answer they reviewed changed: the regrade
     * button's report points at "Regraded since your review", which shows the answer with both grades and the form
     * filled in; "Keep my grade" saves their grade again and the answer leaves the list.
     */
    @Test
    void inTheLmsFrameTheInstructorRegradesSeesTheirGradeAndThePluginsAndKeepsTheirs() throws Exception {
        String root = rootOnAnotherSite();
        String pack = LtiIT.uploadSayItPack(root);
        String q = pack + "/q1";
        try (TestPlatform p = new TestPlatform(root)) {
            LtiClient client = new LtiClient(root);
            client.register(p);
            Map<String, Object> claims = Map.of(LtiClient.CUSTOM, Map.of("assignment", pack + "/a1"));
            String student = LtiIT.sessionShowing(client, p, q, "framed-ann", "browser-link", List.of(LtiClient.LEARNER), claims);
            long submission = LtiIT.submissionIn(client.submit(student, q, "unsure: 41"));
            String teacher = LtiClient.session(client.launch(p, "framed-prof", "browser-link", List.of(LtiClient.INSTRUCTOR), claims)
                    .body());
            assertThat(client.send("POST", "/lti/api/instructor/review/" + submission, "application/json",
                    "{\"points\": 3, \"comment\": \"Close: say **why**.\"}", teacher).statusCode()).isEqualTo(200);
            assertThat(client.send("PUT", "/api/questions/" + q + "/config", "application/json",
                    "{\"config\": {\"expected\": \"41\"}}", ServerIT.TOKEN).statusCode()).isEqualTo(200);

            p.browserSub = "framed-prof";
            Map<String, Object> asInstructor = new java.util.HashMap<>(claims);
            asInstructor.put("https://purl.imsglobal.org/spec/lti/claim/roles", List.of(LtiClient.INSTRUCTOR));
            p.browserClaims = asInstructor;
            ChromeDriver browser = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(p.issuer + "/frame");
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool"));
                WebElement regrade = wait.until(ExpectedConditions.elementToBeClickable(By.id("regrade")));
                WebElement list = browser.findElement(By.id("regraded-since-review"));
                assertThat(list.findElement(By.cssSelector(".count")).getText()).isEqualTo("0");
                regrade.click();
                WebElement report = browser.findElement(By.cssSelector("#regrade + .status"));
                wait.until(d -> report.getText().contains("graded again"));
                assertThat(report.getText()).isEqualTo("1 answer graded again. 1 of them kept your grade (you had reviewed it); it "
                        + "now differs from the plugin's new grade: see \u201cRegraded since your review\u201d below.");

                WebElement item = list.findElement(By.cssSelector("div.review[data-submission='" + submission + "']"));
                assertThat(list.findElement(By.cssSelector(".count")).getText()).isEqualTo("1");
                assertThat(item.findElement(By.tagName("h4")).getText()).isEqualTo("Say it: Student framed-ann");
                assertThat(item.findElement(By.cssSelector(".grades")).getText()).isEqualTo("Your grade: 3 / 4 points. The plugin's "
                        + "new grade: 4 / 4 points (notes: NEEDS_REVIEW).");
                assertThat(item.findElement(By.name("points")).getAttribute("value")).as("the plugin's, filled in").isEqualTo("4");
                assertThat(item.findElement(By.name("comment")).getAttribute("value")).isEqualTo("Close: say **why**.");
                WebElement keep = item.findElement(By.cssSelector("button.keep"));
                assertThat(keep.getText()).isEqualTo("Keep my grade (3 points)");
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", keep);
                keep.click();
                wait.until(d -> !item.findElements(By.cssSelector(".done")).isEmpty());
                assertThat(item.getText()).startsWith("Saved.").contains("3 / 4 points").contains("From your instructor");
                assertThat(list.findElement(By.cssSelector(".count")).getText()).isEqualTo("0");
            } finally {
                browser.quit();
            }
            com.fasterxml.jackson.databind.JsonNode after = Json.json().readTree(client.send("GET", "/api/submissions/" + submission,
                    null, null, ServerIT.TOKEN).body());
            assertThat(after.path("reviewed").asBoolean()).isTrue();
            assertThat(after.path("newerPluginGrade").isNull() || after.path("newerPluginGrade").isMissingNode())
                    .as("decided again: nothing to look at").isTrue();
            com.fasterxml.jackson.databind.JsonNode grades = after.path("grades");
            assertThat(grades.get(grades.size() - 1).path("points").asDouble()).as("the instructor's 3 points, saved again")
                    .isEqualTo(3.0);
            assertThat(grades.get(grades.size() - 1).path("id").asLong()).isEqualTo(after.path("gradeInForce").asLong());
        }
    }

    /**
     * Types an answer into a question of the student page, submits it and waits for the attempt: the result's element.
     */
    static WebElement answerOnThePage(ChromeDriver browser, WebDriverWait wait, String questionId, String answer) {
        WebElement section = browser.findElement(By.cssSelector("section[data-question='" + questionId + "']"));
        WebElement box = section.findElement(By.tagName("textarea"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", box);
        box.sendKeys(answer);
        section.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result = section.findElement(By.cssSelector(".result"));
        wait.until(d -> !result.findElements(By.cssSelector(".attempt")).isEmpty());
        return result;
    }
}
