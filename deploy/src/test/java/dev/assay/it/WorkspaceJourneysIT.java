package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.assay.engine.json.Json;
import dev.assay.it.ServerIT.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The instructor workspace's impact, analytics, review and packs pages in Debian's Chromium (headless, third-party
 * cookies blocked), against the shipped WAR, after real submissions through the REST API: a dry run then the regrade
 * with its progress; a question's analytics and the review of a whole answer group; the review queue inside an LMS's
 * frame from another origin; the packs' export and import. axe-core checks each page: no violation of impact serious or
 * critical. With {@code -Dassay.screenshots} (a folder, or any value for docs/screenshots) each page is saved as a PNG of
 * 1280×900 for the README. Each test uploads its own pack (graded by the it-exact plugin: its echo is the trimmed answer).
 */
class WorkspaceJourneysIT extends AgainstTheWar {
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void openTheBrowser() {
        browser = BrowserIT.chromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    @Test
    void afterAChangeTheImpactPageShowsWhoseScoresWouldChangeThenRegradesWithProgress() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        fiveAnswersOneReviewedThenTheKeyChanged(q, run);

        open("impact.html?id=" + assignment);
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Impact and regrade: A1"));
        assertThat(browser.findElement(By.id("reviews-stand")).getText()).contains("Instructors' reviews are never overwritten");
        browser.findElement(By.id("dry-run")).click();
        WebElement summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("impact-summary")));
        assertThat(summary.getText()).isEqualTo("5 answers would be graded again; 3 students\u2019 scores would change.");
        assertThat(browser.findElement(By.id("impact-total")).getText())
                .isEqualTo("All students\u2019 scores together: 5 \u2192 9 points (+4).");
        assertThat(row("ann").getText()).contains("4 / 4", "0 / 4", "\u22124", "Q1: 4 \u2192 0");
        assertThat(row("bob").getText()).contains("0 / 4", "4 / 4", "+4");
        assertThat(row("cat").getText()).as("the review stands: 1 stays 1").contains("1 / 4", "no change", "reviewed",
                "the instructor\u2019s grade stays; the plugin would now give 4.");
        assertThat(browser.findElements(By.cssSelector("tr[data-user='dan-" + run + "']"))).as("0 stays 0").isEmpty();
        assertThat(server.get("/api/assignments/" + assignment + "/regrades").json()).as("a dry run stores nothing").isEmpty();
        accessible("impact");
        screenshot("impact");

        assertThat(browser.findElement(By.id("progress")).getAttribute("aria-live")).isEqualTo("polite");
        browser.findElement(By.id("regrade")).click();
        WebElement done = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("regraded")));
        assertThat(done.getText()).isEqualTo("5 answers graded again.");
        WebElement kept = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reviews-kept")));
        assertThat(kept.getText()).isEqualTo("1 reviewed answer kept the instructor\u2019s grade; the plugin now grades 1 of "
                + "them differently: see them in the review queue.");
        assertThat(browser.findElement(By.id("progress")).getText()).isEqualTo("The regrade is done.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the result").isEqualTo("regrade-result");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("regrades"), "completed"));

        // What the page said is what the server did: bob now has 4 points, cat keeps the reviewer's 1, nothing left.
        String csv = new String(server.get("/api/assignments/" + assignment + "/grades.csv").bytes(), StandardCharsets.UTF_8);
        assertThat(csv).contains("bob-" + run + ",4,4,").contains("cat-" + run + ",1,1,").contains("ann-" + run + ",0,0,");
        assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, true).json()
                .path("submissions").asInt()).isZero();
        browser.findElement(By.id("dry-run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("impact-summary"), "a regrade would change nothing"));
    }

    @Test
    void theAnalyticsShowTheHistogramNotesAndGroupsAndAWholeGroupIsGradedAtOnce() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        List<Long> fortyOnes = new ArrayList<>();
        for (String who : List.of("ann", "bob", "cat")) {
            fortyOnes.add(submit(q, who + "-" + run, who.equals("bob") ? " 41 " : "41"));
        }
        submit(q, "dan-" + run, "42");
        submit(q, "eve-" + run, "40");

        open("analytics.html?q=" + q + "&assignment=" + assignment);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-table")));
        assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Analytics: Q1");
        assertThat(figure("submissions")).isEqualTo("5");
        assertThat(figure("students")).isEqualTo("5");
        assertThat(figure("answer groups")).isEqualTo("3");
        WebElement histogram = browser.findElement(By.id("histogram"));
        assertThat(histogram.findElement(By.tagName("caption")).getText()).contains("5 submissions");
        assertThat(histogramRow("0 points")).isEqualTo("0 points 4 80 %");
        assertThat(histogramRow("4 points (full)")).isEqualTo("4 points (full) 1 20 %");
        assertThat(browser.findElement(By.cssSelector("tr[data-note='WRONG']")).getText()).startsWith("WRONG 4 80 %").contains("41");
        assertThat(browser.findElement(By.cssSelector("tr[data-note='EXACT']")).getText()).startsWith("EXACT 1 20 %").contains("42");
        List<WebElement> groups = browser.findElements(By.cssSelector("#group-table tbody tr"));
        assertThat(groups.get(0).getAttribute("data-echo")).as("largest first").isEqualTo("41");
        assertThat(groups.get(0).getText()).contains("3", "60 % (60 %)", "0 / 4", "WRONG");
        assertThat(browser.findElement(By.id("coverage")).getText()).isEqualTo("The 2 largest groups cover 80 % of the answers.");
        WebElement means = browser.findElement(By.cssSelector("#question-means tr[data-question='" + q + "']"));
        assertThat(means.getText()).isEqualTo("Q1 (this one) 5 5 0.8 / 4");
        // Who has not started comes from an LMS activity's class list: with the admin token there is no activity to ask
        // about (the server says so, 400) or, on a server without the roster endpoint (404), the section goes.
        wait.until(d -> d.findElements(By.id("roster")).isEmpty() || !d.findElements(By.id("roster-per-activity")).isEmpty());
        for (WebElement note : browser.findElements(By.id("roster-per-activity"))) {
            assertThat(note.getText()).contains("open the workspace from the activity in your LMS");
        }
        accessible("analytics");
        screenshot("analytics");

        // The grades as CSV, fetched with the credential and saved as a file.
        browser.findElement(By.id("grades-csv")).click();
        int size = server.get("/api/assignments/" + assignment + "/grades.csv").bytes().length;
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("csv-status"),
                "Saved assignment-" + assignment + "-grades.csv (" + size + " bytes)"));

        // Grade the group "41": a refusal first (more than the question's points), shown at the field.
        groups.get(0).findElement(By.cssSelector("button.grade-group")).click();
        WebElement points = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-points")));
        assertThat(browser.switchTo().activeElement()).isEqualTo(points);
        points.clear();
        points.sendKeys("5");
        browser.findElement(By.cssSelector("#group-review button[type=submit]")).click();
        wait.until(d -> "true".equals(points.getAttribute("aria-invalid")));
        assertThat(browser.findElement(By.cssSelector("#group-review .field-problem")).getText()).isNotBlank();
        assertThat(server.get("/api/submissions/" + fortyOnes.get(0)).json().path("grades")).as("nothing stored").hasSize(1);

        points.clear();
        points.sendKeys("1.5");
        browser.findElement(By.id("group-comment")).sendKeys("Off by one: close.");
        browser.findElement(By.cssSelector("#group-review button[type=submit]")).click();
        WebElement reviewed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-reviewed")));
        assertThat(reviewed.getText()).isEqualTo("Graded 3 answers of the group \u201c41\u201d: each now has 1.5 / 4 points, "
                + "with your comment. The figures on this page are updated.");
        wait.until(d -> d.findElement(By.cssSelector("#group-table tr[data-echo='41'] .group-score")).getText().startsWith("1.5 / 4"));
        assertThat(histogramRow("1.2 to under 1.6 points")).isEqualTo("1.2 to under 1.6 points 3 60 %");
        assertThat(browser.findElement(By.cssSelector("tr[data-note='REVIEWED']")).getText()).startsWith("REVIEWED 3");
        for (long id : fortyOnes) {
            JsonNode grades = server.get("/api/submissions/" + id).json().path("grades");
            assertThat(grades).hasSize(2);
            assertThat(grades.get(1).path("points").asDouble()).isEqualTo(1.5);
            assertThat(grades.get(1).toString()).contains("Off by one: close.");
        }
    }

    @Test
    void answerGroupsOfMathsAreTypesetWithKatex() throws Exception {
        String pack = "itm" + run;
        String yaml = Files.readString(Path.of(System.getProperty("assay.packs.dir", "packs"), "hw7/questions/3bi-grad-w2.yaml"))
                .replace("id: hw7/3bi-grad-w2", "id: " + pack + "/grad");
        upload(DurableWorkIT.zip(Map.of("pack.yaml", "id: " + pack + "\ntitle: Maths\nversion: '1'\nassignments:\n  - id: a1\n    title: A1\n"
                + "    questions: [" + pack + "/grad]\n", "questions/grad.yaml", yaml)), 201);
        String q = pack + "/grad";
        submit(q, "ann-" + run, "-2(X - W_2W_1X)(W_1X)^\\top");
        submit(q, "bob-" + run, "-(X - W_2W_1X)(W_1X)^\\top");

        open("analytics.html?q=" + q);
        WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-table")));
        wait.until(d -> !table.findElements(By.cssSelector(".katex")).isEmpty());
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(2);
        assertThat(browser.findElements(By.id("question-means"))).as("no assignment asked for").isEmpty();
        accessible("analytics (maths)");
    }

    /**
     * The review queue inside an LMS's page, in an iframe from another origin (the framing page on 127.0.0.1, Assay on
     * localhost), with the credential in the fragment: third-party storage may be blocked there.
     */
    @Test
    void inAnLmsFrameTheReviewQueueShowsTheProvisionalGradeAndTheReviewedAnswerLeaves() throws Exception {
        String q = server.uploadPack("42");
        long assignment = assignmentOf(q);
        long ann = submit(q, "ann-" + run, "unsure: 42");
        long bob = submit(q, "bob-" + run, "unsure: 41");
        submit(q, "cat-" + run, "42");
        // Another assignment's answer waiting for review: not in this queue, and not reviewable through this assignment.
        String other = server.uploadPack("7");
        long elsewhere = submit(other, "zed-" + run, "unsure: 7");
        assertThat(server.get("/api/assignments/" + assignment + "/review").json().findValuesAsText("user"))
                .containsExactly("ann-" + run, "bob-" + run);
        Reply notHere = server.json("POST", "/api/assignments/" + assignment + "/review/" + elsewhere, Map.of("points", 1));
        assertThat(notHere.status()).isEqualTo(404);
        assertThat(server.get("/api/submissions/" + elsewhere).json().path("reviewed").asBoolean()).isFalse();
        // Assay as localhost, the LMS on 127.0.0.1: two sites, as an LMS and a tool on their own domains.
        String assay = new URI("http", null, "localhost", base.getPort(), base.getPath(), null, null).toString().replaceAll("/$", "");

        java.net.http.HttpResponse<Void> page = ServerIT.HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(assay
                + "/workspace/review.html")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        // The workspace framing filter says who may frame /workspace; without it Payara's SAMEORIGIN would blank the frame.
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as("X-Frame-Options "
                + page.headers().firstValue("X-Frame-Options").orElse("none")).contains("frame-ancestors");

        try (Framing lms = new Framing(assay + "/workspace/review.html?id=" + assignment + "#token=" + ServerIT.TOKEN)) {
            // Registered as a platform, so that Assay lets it frame the workspace.
            Reply registered = server.json("POST", "/lti/admin/platforms", Map.of("issuer", lms.origin, "clientId", "frame-" + run,
                    "authUrl", lms.origin + "/auth", "tokenUrl", lms.origin + "/token", "jwksUrl", lms.origin + "/jwks",
                    "deploymentIds", List.of("1")));
            assertThat(registered.status()).as(String.valueOf(registered.json())).isEqualTo(201);
            browser.get(lms.origin + "/course");
            java.net.http.HttpResponse<Void> framedPage = ServerIT.HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(assay
                    + "/workspace/review.html")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(framedPage.headers().allValues("Content-Security-Policy")).as("the registered LMS may frame the workspace")
                    .anySatisfy(csp -> assertThat(csp).contains(lms.origin));
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool"));
            WebElement first;
            try {
                first = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article[data-submission='" + ann + "']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the framed page at " + ((JavascriptExecutor) browser).executeScript("return location.href")
                        + " shows: " + ((JavascriptExecutor) browser).executeScript("return document.documentElement.outerHTML")
                        + "; headers: " + framedPage.headers().map(), e);
            }
            assertThat(browser.findElements(By.cssSelector("article.review-item"))).as("cat's answer needs no review").hasSize(2);
            assertThat(browser.findElement(By.id("queue-status")).getText()).isEqualTo("2 answers are waiting for review.");
            assertThat(first.findElement(By.tagName("h2")).getText()).isEqualTo("Q1: ann-" + run);
            assertThat(first.findElement(By.cssSelector(".answer")).getText()).isEqualTo("unsure: 42");
            assertThat(first.findElement(By.cssSelector(".plugin-grade")).getText()).isEqualTo("4 / 4 points (notes: NEEDS_REVIEW).");
            assertThat(first.getText()).contains("Your instructor will look at this.");
            accessible("review (framed)");

            WebElement points = first.findElement(By.name("points"));
            assertThat(points.getAttribute("value")).as("the plugin's, to start from").isEqualTo("4");
            points.clear();
            points.sendKeys("3");
            first.findElement(By.name("comment")).sendKeys("Say **why** it is 42.");
            first.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.stalenessOf(first));
            assertThat(browser.findElement(By.id("queue-status")).getText()).isEqualTo("Saved your grade for ann-" + run
                    + " on \u201cQ1\u201d: 3 / 4 points. 1 answer is waiting for review.");
            assertThat(browser.switchTo().activeElement().getText()).as("focus on the next answer").isEqualTo("Q1: bob-" + run);
        }
        JsonNode after = server.get("/api/submissions/" + ann).json();
        assertThat(after.path("reviewed").asBoolean()).isTrue();
        JsonNode grades = after.path("grades");
        assertThat(grades.get(grades.size() - 1).path("points").asDouble()).isEqualTo(3.0);
        assertThat(grades.get(grades.size() - 1).toString()).contains("Say **why** it is 42.");
        assertThat(server.get("/api/assignments/" + assignment + "/review").json().findValuesAsText("user"))
                .containsExactly("bob-" + run);
        assertThat(server.get("/api/submissions/" + bob).json().path("reviewed").asBoolean()).isFalse();

        browser.get(base.toString().replaceAll("/$", "") + "/workspace/review.html?id=" + assignment + "#token=" + ServerIT.TOKEN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.review-item")));
        screenshot("review");
    }

    @Test
    void anAdminExportsAPackAndImportsAZipSeeingWhatItReplaced() throws Exception {
        String q = server.uploadPack("42");
        String pack = q.substring(0, q.indexOf('/'));
        Reply edited = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "43"),
                "reason", "edited in Assay"));
        assertThat(edited.status()).isEqualTo(200);

        open("packs.html");
        WebElement mine = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article[data-pack='" + pack + "']")));
        assertThat(mine.getText()).contains("IT pack", "1 question", "an upload", "No conflicts.");
        accessible("packs");
        screenshot("packs");
        int size = server.get("/api/packs/" + pack + "/export").bytes().length;
        mine.findElement(By.cssSelector("button.export")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"),
                "Saved " + pack + ".zip (" + size + " bytes)"));

        // The zip as the course's repository has it: the key 44. The edit made here (v2) is replaced, and said so.
        Path zip = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), pack, ".zip");
        Files.write(zip, DurableWorkIT.zip(Map.of("pack.yaml", "id: " + pack + "\ntitle: IT pack\nversion: '2'\nassignments:\n  - id: a1\n"
                + "    title: A1\n    questions: [" + q + "]\n", "questions/q1.yaml", "id: " + q + "\ntitle: Q1\npoints: 4\n"
                + "plugin: it-exact\nprompt: Say it.\nconfig:\n  expected: '44'\n")));
        browser.findElement(By.id("pack-file")).sendKeys(zip.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import button[type=submit]")).click();
        WebElement imported = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("imported")));
        assertThat(imported.getText()).isEqualTo("Imported pack " + pack + ".\nNew configuration versions: " + q + " v3.");
        WebElement replaced = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#edited-here li")));
        assertThat(replaced.getText()).isEqualTo(q + ": version 2 by admin (\u201cedited in Assay\u201d) replaced by version 3 "
                + "from the zip.");
        assertThat(server.get("/api/questions/" + q + "/config").json().path("config").path("expected").asText()).isEqualTo("44");
        Files.delete(zip);

        // A zip that is no pack: the refusal, and nothing changed.
        Path bad = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "bad", ".zip");
        Files.write(bad, DurableWorkIT.zip(Map.of("readme.txt", "not a pack")));
        browser.findElement(By.id("pack-file")).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import button[type=submit]")).click();
        WebElement refused = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-result .error")));
        assertThat(refused.getText()).contains("pack");
        Files.delete(bad);
    }

    // ---- helpers ----

    private void open(String page) {
        browser.get(base.toString().replaceAll("/$", "") + "/workspace/" + page + "#token=" + ServerIT.TOKEN);
    }

    private WebElement row(String who) {
        return browser.findElement(By.cssSelector("#impact-students tr[data-user='" + who + "-" + run + "']"));
    }

    private String figure(String name) {
        return browser.findElement(By.cssSelector("#figures dd[data-figure='" + name + "']")).getText();
    }

    private String histogramRow(String label) {
        for (WebElement tr : browser.findElements(By.cssSelector("#histogram tbody tr"))) {
            if (tr.findElement(By.tagName("th")).getText().equals(label)) {
                return tr.getText().replace('\n', ' ').trim();
            }
        }
        throw new AssertionError("no histogram row " + label);
    }

    /** axe-core on the page (or frame) in view: no violation of impact serious or critical. */
    private void accessible(String page) throws IOException {
        JavascriptExecutor js = browser;
        try (InputStream in = WorkspaceJourneysIT.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core on the test class path").isNotNull();
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
                + " function (e) { done('axe failed: ' + e); });");
        assertThat(String.valueOf(result)).doesNotStartWith("axe failed");
        List<String> serious = new ArrayList<>();
        for (JsonNode v : Json.json().readTree(String.valueOf(result))) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                serious.add(v.path("id").asText() + " (" + impact + "): " + v.path("help").asText() + " at " + targets);
            }
        }
        assertThat(serious).as("axe-core on " + page).isEmpty();
    }

    /** With -Dassay.screenshots, the page at 1280×900 as a PNG under docs/screenshots (or the folder it names). */
    private void screenshot(String name) throws IOException {
        String where = System.getProperty("assay.screenshots");
        if (where == null) {
            return;
        }
        Path dir = where.isBlank() || where.equals("true") ? Path.of("..", "docs", "screenshots") : Path.of(where);
        Files.createDirectories(dir);
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1280, 900));
        try {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(before);
        }
    }



    private void upload(byte[] zip, int status) throws Exception {
        Reply r = server.call("POST", "/api/packs", "application/zip", zip, true);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
    }

    /** An LMS's course page on another origin (127.0.0.1) showing a page of Assay in an iframe named "tool". */
    static final class Framing implements AutoCloseable {
        final String origin;
        private final HttpServer server;

        Framing(String framed) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            origin = "http://127.0.0.1:" + server.getAddress().getPort();
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Course</title></head><body>"
                    + "<h1>Course</h1><iframe name=\"tool\" title=\"Assay\" width=\"1200\" height=\"850\" src=\""
                    + framed.replace("&", "&amp;").replace("\"", "&quot;") + "\"></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/course", ex -> {
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
                ex.close();
            });
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
