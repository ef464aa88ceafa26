package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The instructor workspace's pages in Debian's Chromium (headless, third-party cookies blocked) against the WAR: the
 * start page and an assignment's overview inside an LMS's frame from another origin; the question editor (prompt
 * preview, the configuration as a form and as YAML, a draft preview, a refused preview shown at its field, a preview
 * kept as a test, a save by keyboard); a save refused by a failing test, then accepted with the test updated; versions
 * with their diff and a restore. axe-core checks each page. With -Dassay.screenshots=DIR each page is saved there.
 */
class WorkspacePagesIT extends AgainstTheWar {
    /**
     * A pack of its own holding a copy of an hw7 question (the same YAML, another id): the editor's saves change its
     * versions, not hw7's, which other system tests grade against.
     */
    private String copyOfHw7(String name) throws Exception {
        String pack = "ws" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = Files.readString(Path.of(System.getProperty("assay.packs.dir", "packs"), "hw7", "questions", name + ".yaml"))
                .replace("id: hw7/" + name, "id: " + pack + "/" + name);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var f : Map.of("pack.yaml", "id: " + pack + "\ntitle: Copy of hw7\nversion: '1'\nassignments:\n  - id: a1\n"
                    + "    title: A1\n    questions: [" + pack + "/" + name + "]\n", "questions/" + name + ".yaml", yaml).entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        ServerIT.Reply r = server.call("POST", "/api/packs", "application/zip", bytes.toByteArray(), true);
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        return pack + "/" + name;
    }

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    /** Assay as localhost while the LMS page is on 127.0.0.1: two sites, as an LMS and a tool on their own domains. */
    private String rootOnAnotherSite() throws Exception {
        URI b = base.toURI();
        return new URI(b.getScheme(), null, "localhost", b.getPort(), b.getPath(), null, null).toString().replaceAll("/$", "");
    }

    private static ChromeDriver browser() {
        ChromeDriver b = BrowserIT.chromium();
        b.manage().window().setSize(new Dimension(1280, 900));
        // The screenshots are of the page itself at 1280×900: the window is that much larger than its viewport.
        b.manage().window().setSize(new Dimension(1280, 900 + chrome(b)));
        b.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return b;
    }

    /** How much taller the window is than the page it shows. */
    private static int chrome(ChromeDriver b) {
        return ((Number) b.executeScript("return window.outerHeight - window.innerHeight")).intValue();
    }

    private long hw7Assignment() throws Exception {
        for (JsonNode a : server.get("/api/assignments").json()) {
            if (a.path("pack").asText().equals("hw7")) {
                return a.path("id").asLong();
            }
        }
        throw new AssertionError("no hw7 assignment");
    }

    @Test
    void fromTheStartPageInsideAnLmsFrameAnAdminSignsInAndReadsTheAssignmentsOverview() throws Exception {
        // One student answered 7c: the overview shows one student and their mean.
        ServerIT.Reply sub = server.json("POST", "/api/questions/hw7/7c-inference/submissions",
                Map.of("user", "overview-student", "answer", "<sos> I saw a dog"));
        assertThat(sub.status()).as(String.valueOf(sub.json())).isEqualTo(201);
        long hw7 = hw7Assignment();
        String assay = rootOnAnotherSite();

        HttpServer lms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        String lmsOrigin = "http://127.0.0.1:" + lms.getAddress().getPort();
        lms.createContext("/course", ex -> {
            byte[] page = ("<!doctype html><html lang=en><head><title>Course page</title><link rel=icon href=\"data:,\"></head><body><h1>Course page</h1>"
                    + "<iframe id=tool name=tool title=Assay width=1200 height=820 src=\"" + assay + "/workspace/\"></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        lms.start();
        ChromeDriver browser = browser();
        try {
            // The LMS is a registered platform: the workspace names its origin in frame-ancestors and no DENY stops it.
            ServerIT.Reply reg = server.json("POST", "/lti/admin/platforms", Map.of("issuer", lmsOrigin,
                    "clientId", "ws-" + UUID.randomUUID(), "authUrl", lmsOrigin + "/auth", "tokenUrl", lmsOrigin + "/token",
                    "jwksUrl", lmsOrigin + "/jwks", "name", "Framing LMS", "deploymentIds", List.of("d1")));
            assertThat(reg.status()).as(String.valueOf(reg.json())).isEqualTo(201);
            HttpResponse<String> head = ServerIT.HTTP.send(HttpRequest.newBuilder(URI.create(root() + "/workspace/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("frame-ancestors 'self'").contains(lmsOrigin));
            assertThat(head.headers().firstValue("X-Frame-Options")).isEmpty();

            // The server's start page links the workspace.
            browser.get(root() + "/");
            assertThat(browser.findElement(By.cssSelector("a[href='workspace/']")).getText()).contains("workspace");

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(lmsOrigin + "/course");
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool"));
            WebElement token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("admin-token")));
            shot(browser, "workspace-sign-in");
            token.sendKeys(ServerIT.TOKEN, Keys.ENTER); // keyboard: Enter submits the sign-in
            WebElement list = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("assignments")));
            WebElement hw7Link = list.findElement(By.cssSelector("tr[data-assignment='" + hw7 + "'] a"));
            assertThat(hw7Link.getText()).isNotBlank();
            axe(browser, "index");
            noConsoleErrors(browser, "index");
            shot(browser, "workspace-assignments");

            hw7Link.click();
            WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#questions tbody")));
            List<WebElement> rows = table.findElements(By.cssSelector("tr[data-question]"));
            assertThat(rows).hasSize(14);
            WebElement inference = table.findElement(By.cssSelector("tr[data-question='hw7/7c-inference']"));
            assertThat(cell(inference, "plugin")).isEqualTo("token-sequence");
            assertThat(cell(inference, "points")).isEqualTo("1");
            assertThat(cell(inference, "state")).isEqualTo("READY");
            assertThat(cell(inference, "version")).isEqualTo(server.get("/api/questions/hw7/7c-inference").json().path("configVersion").asText());
            JsonNode mean = null;
            boolean anyNotRun = false;
            for (JsonNode m : server.get("/api/assignments/" + hw7 + "/analytics").json().path("questions")) {
                if (m.path("questionId").asText().equals("hw7/7c-inference")) {
                    mean = m;
                }
                // Each question's test status as the analytics store it for its version in force.
                String status = m.path("tests").asText();
                assertThat(List.of("passing", "none", "not run")).contains(status);
                WebElement row = table.findElement(By.cssSelector("tr[data-question='" + m.path("questionId").asText() + "']"));
                assertThat(cell(row, "tests")).as(m.path("questionId").asText())
                        .isEqualTo(status.equals("none") ? "no tests" : status);
                anyNotRun |= status.equals("not run");
            }
            // hw7 came from a pack import: its questions with tests have not run them, and the page says why and what to do.
            assertThat(anyNotRun).as("an imported question with tests").isTrue();
            assertThat(browser.findElement(By.id("tests-not-run")).getText()).contains("pack import").contains("save it once");
            assertThat(mean).isNotNull();
            assertThat(cell(inference, "students")).isEqualTo(mean.path("students").asText());
            assertThat(mean.path("students").asLong()).isPositive();
            assertThat(cell(inference, "mean")).isEqualTo(number(mean.path("mean").asDouble()) + " / 1");
            // The question's link leads to its editor, and keeps the credential where the frame has no storage.
            assertThat(inference.findElement(By.cssSelector("a[href*='question.html']")).getAttribute("href"))
                    .contains("q=hw7%2F7c-inference").contains("assignment=" + hw7);
            axe(browser, "assignment");
            noConsoleErrors(browser, "assignment");
            shot(browser, "workspace-assignment");
        } finally {
            browser.quit();
            lms.stop(0);
        }
    }

    @Test
    void theEditorPreviewsAsStudentsSeeItTriesADraftAndKeepsTheAnswerAsATest() throws Exception {
        String q = copyOfHw7("7b-teacher-forcing");
        int before = server.get("/api/questions/" + q + "/config").json().path("version").asInt();
        int testsBefore = server.get("/api/questions/" + q + "/tests").json().size();
        ChromeDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            openEditor(browser, wait, q, "");

            // The prompt is previewed as students see it, maths typeset by KaTeX.
            WebElement promptPreview = browser.findElement(By.id("prompt-preview"));
            wait.until(d -> promptPreview.getText().contains("teacher forcing"));
            WebElement prompt = browser.findElement(By.id("prompt"));
            prompt.sendKeys(Keys.END, "\n\nThe loss is $\\sum_t \\log p(y_t)$.");
            wait.until(d -> !promptPreview.findElements(By.cssSelector(".katex")).isEmpty());
            assertThat(browser.findElement(By.id("points")).getAttribute("value")).isEqualTo("1");
            assertThat(browser.findElement(By.id("expected-approach")).getAttribute("value")).contains("ground-truth");

            // The configuration as a form: a control per field, lists item by item, nested records as fieldsets.
            assertThat(field(browser, "config.mode").getAttribute("value")).isEqualTo("sequence");
            assertThat(field(browser, "config.expected[0]").getAttribute("value")).isEqualTo("<sos>");
            assertThat(field(browser, "config.expected[4]").getAttribute("value")).isEqualTo("dog");
            assertThat(field(browser, "config.caseSensitive").isSelected()).isFalse();
            assertThat(field(browser, "config.alternatives[0].note").getAttribute("value")).isEqualTo("SAMPLED_OUTPUT_UNDER_TEACHER_FORCING");
            assertThat(browser.findElement(By.cssSelector("fieldset[data-field='config.alternatives'] legend")).getText()).contains("alternatives");
            assertThat(browser.findElements(By.cssSelector("fieldset[data-field='config.expected'] button.remove"))).hasSize(5);
            // The plugin's configuration type described (GET /api/plugins/token-sequence/config-schema): each field's
            // @Doc beside its control, an enum as a choice, a Bean Validation constraint as the input's attribute and a hint.
            assertThat(server.get("/api/plugins/token-sequence/config-schema").status()).isEqualTo(200);
            assertThat(browser.findElements(By.id("schema-note"))).as("no 'does not describe' note").isEmpty();
            WebElement mode = field(browser, "config.mode");
            assertThat(mode.getTagName()).isEqualTo("select");
            assertThat(mode.findElements(By.tagName("option")).stream().map(o -> o.getAttribute("value")))
                    .contains("sequence", "set", "choice");
            assertThat(mode.getAttribute("required")).as("@NotNull mode").isNotNull();
            assertThat(described(browser, mode)).contains("sequence (order matters), set (multi-select), or choice (one answer)")
                    .contains("required");
            WebElement caseSensitive = field(browser, "config.caseSensitive");
            assertThat(described(browser, caseSensitive)).contains("whether case matters").contains("default false");
            WebElement altScore = field(browser, "config.alternatives[0].score");
            assertThat(altScore.getAttribute("min")).isEqualTo("0");
            assertThat(altScore.getAttribute("max")).isEqualTo("1");
            assertThat(described(browser, altScore)).contains("at least 0").contains("at most 1");
            assertThat(field(browser, "config.alternatives[0].note").getAttribute("required")).as("@NotBlank note").isNotNull();
            assertThat(browser.findElement(By.cssSelector("fieldset[data-field='config.expected']")).getText())
                    .contains("the right tokens, in order for a sequence").contains("at least 1 item");
            axe(browser, "question");
            noConsoleErrors(browser, "question");
            // Readable on a phone: at 375 px nothing but the tables' own scrolling areas is wider than the screen.
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 375, "height", 800,
                    "deviceScaleFactor", 1, "mobile", true));
            Object tooWide = browser.executeScript("return Array.from(document.querySelectorAll('main *'))"
                    + ".filter(function (e) { return !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1; })"
                    + ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; }).slice(0, 10)");
            assertThat((List<?>) tooWide).as("wider than a 375 px screen").isEmpty();
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

            // Raw YAML and back: a change made in the YAML shows in the form.
            browser.findElement(By.id("view-yaml")).click();
            WebElement yaml = browser.findElement(By.id("config-yaml"));
            assertThat(yaml.getAttribute("value")).contains("mode: sequence").contains("- <sos>");
            String changed = yaml.getAttribute("value").replace("caseSensitive: false", "caseSensitive: true");
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", yaml, changed);
            browser.findElement(By.id("view-form")).click();
            assertThat(field(browser, "config.caseSensitive").isSelected()).isTrue();
            field(browser, "config.caseSensitive").click();

            // A sample answer previewed with the draft: what the student would see.
            WebElement answer = browser.findElement(By.id("sample-answer"));
            answer.sendKeys("<sos> I saw a dog");
            browser.findElement(By.id("preview-button")).click();
            WebElement grade = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-grade")));
            assertThat(browser.findElement(By.id("preview-status")).getText()).isEqualTo("GRADED");
            assertThat(browser.findElement(By.id("preview-score")).getText()).isEqualTo("0 / 1 points");
            assertThat(browser.findElement(By.id("preview-notes")).getText()).contains("SAMPLED_OUTPUT_UNDER_TEACHER_FORCING");
            assertThat(grade.getText()).contains("ground-truth previous token").contains("the draft configuration");

            // A draft the plugin refuses: the problem is shown at the field it concerns.
            WebElement score = field(browser, "config.alternatives[0].score");
            score.clear();
            score.sendKeys("2");
            browser.findElement(By.id("preview-button")).click();
            wait.until(d -> "true".equals(field(browser, "config.alternatives[0].score").getAttribute("aria-invalid")));
            assertThat(browser.findElement(By.cssSelector("[data-field='config.alternatives[0].score'] + .field-problem")).getText()).isNotBlank();
            score.clear();
            score.sendKeys("0");

            answer.clear();
            answer.sendKeys("<s> I see a dog");
            browser.findElement(By.id("preview-button")).click();
            wait.until(d -> d.findElement(By.id("preview-notes")).getText().contains("EXACT"));
            assertThat(browser.findElement(By.id("preview-score")).getText()).isEqualTo("1 / 1 points");
            shot(browser, "workspace-question-preview");

            // One click keeps it as a test; the save is made with the keyboard alone.
            browser.findElement(By.id("add-test")).click();
            assertThat(browser.findElements(By.cssSelector("#tests tbody tr"))).hasSize(testsBefore + 1);
            WebElement reason = browser.findElement(By.id("reason"));
            reason.sendKeys("keep the <s> spelling as a test");
            reason.sendKeys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("save-button");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            WebElement saved = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            assertThat(saved.getText()).contains("Saved as version " + (before + 1));

            JsonNode config = server.get("/api/questions/" + q + "/config").json();
            assertThat(config.path("version").asInt()).isEqualTo(before + 1);
            assertThat(config.path("reason").asText()).isEqualTo("keep the <s> spelling as a test");
            assertThat(config.path("config").path("caseSensitive").asBoolean()).isFalse();
            JsonNode added = config.path("tests").get(testsBefore);
            assertThat(added.path("answer").asText()).isEqualTo("<s> I see a dog");
            assertThat(added.path("score").asDouble()).isEqualTo(1.0);
            assertThat(added.path("notes").toString()).contains("EXACT");
            // The draft the plugin refused answered 400 by design (shown at its field); nothing else went wrong.
            noConsoleErrors(browser, "question (preview and save)", "status of 400");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSaveThatBreaksATestIsRefusedThenAcceptedWithTheTestUpdatedAndVersionsCanBeComparedAndRestored() throws Exception {
        String q = server.uploadPack("yes");
        ServerIT.Reply test = server.json("POST", "/api/questions/" + q + "/tests", Map.of("answer", "yes", "name", "the right word"));
        assertThat(test.status()).as(String.valueOf(test.json())).isEqualTo(200);
        int v = test.json().path("version").asInt();
        ChromeDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            openEditor(browser, wait, q, "");
            WebElement expected = field(browser, "config.expected");
            expected.clear();
            expected.sendKeys("no");
            browser.findElement(By.id("reason")).sendKeys("the answer is now no");
            browser.findElement(By.id("save-button")).click();

            // Refused: each failing test with its answer, what it expects and what it got, and an offer to update it.
            WebElement failing = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("failing-tests")));
            WebElement failure = failing.findElement(By.cssSelector("li[data-failure='0']"));
            assertThat(failure.getText()).contains("the right word").contains("yes").contains("Expected score 1").contains("got score 0");
            assertThat(server.get("/api/questions/" + q + "/config").json().path("version").asInt()).as("nothing stored").isEqualTo(v);
            shot(browser, "workspace-question-refused");
            failure.findElement(By.cssSelector("button.update-test")).click();
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("save-button");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            WebElement saved = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            assertThat(saved.getText()).contains("Saved as version " + (v + 1));
            JsonNode config = server.get("/api/questions/" + q + "/config").json();
            assertThat(config.path("config").path("expected").asText()).isEqualTo("no");
            assertThat(config.path("reason").asText()).isEqualTo("the answer is now no");
            assertThat(config.path("tests").get(0).path("score").asDouble()).isEqualTo(0.0);

            // Versions: who, when, why; the diff between two; restore one with a reason.
            WebElement newest = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#versions tr[data-version='" + (v + 1) + "']")));
            assertThat(newest.findElement(By.cssSelector("td.reason")).getText()).isEqualTo("the answer is now no");
            assertThat(newest.getText()).contains(config.path("createdBy").asText());
            assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).hasSize(v + 1);
            selectVersion(browser, "diff-from", 1);
            selectVersion(browser, "diff-to", v + 1);
            browser.findElement(By.id("diff-button")).click();
            WebElement diff = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diff")));
            assertThat(diff.findElement(By.cssSelector("tr[data-field-changed='config.expected']")).getText()).contains("yes").contains("no");
            axe(browser, "question (versions)");
            // The refused save answered 422 by design (the page shows it); nothing else went wrong in the console.
            noConsoleErrors(browser, "question (versions)", "status of 422");
            shot(browser, "workspace-versions");

            selectVersion(browser, "restore-version", v);
            browser.findElement(By.id("restore-reason")).sendKeys("back to yes");
            browser.findElement(By.id("restore-button")).click();
            WebElement restored = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("restored")));
            assertThat(restored.getText()).isEqualTo("Version " + v + " restored as version " + (v + 2) + ".");
            JsonNode now = server.get("/api/questions/" + q + "/config").json();
            assertThat(now.path("version").asInt()).isEqualTo(v + 2);
            assertThat(now.path("config").path("expected").asText()).isEqualTo("yes");
            assertThat(now.path("reason").asText()).contains("back to yes");
            assertThat(field(browser, "config.expected").getAttribute("value")).isEqualTo("yes");
        } finally {
            browser.quit();
        }
    }

    @Test
    void titleAndPointsAreSavedAsAVersionAndASaveOverSomeoneElsesIsRefusedWithTheFormKept() throws Exception {
        String q = copyOfHw7("7b-teacher-forcing");
        JsonNode loaded = server.get("/api/questions/" + q + "/config").json();
        int v = loaded.path("version").asInt();
        assertThat(loaded.has("points")).as("GET …/config gives title, prompt and points").isTrue();
        ChromeDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            openEditor(browser, wait, q, "");
            assertThat(browser.findElements(By.id("prompt-note"))).as("no 'edit them in the pack' note").isEmpty();
            WebElement points = browser.findElement(By.id("points"));
            assertThat(points.getAttribute("readonly")).isNull();
            points.clear();
            points.sendKeys("3");
            WebElement title = browser.findElement(By.id("question-title"));
            title.sendKeys(Keys.END, " (worth more)");
            browser.findElement(By.id("reason")).sendKeys("worth three points");
            browser.findElement(By.id("save-button")).click();
            WebElement saved = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
            assertThat(saved.getText()).contains("Saved as version " + (v + 1));
            JsonNode config = server.get("/api/questions/" + q + "/config").json();
            assertThat(config.path("version").asInt()).isEqualTo(v + 1);
            assertThat(config.path("points").asDouble()).isEqualTo(3.0);
            assertThat(config.path("title").asText()).endsWith(" (worth more)");
            assertThat(server.get("/api/questions/" + q).json().path("points").asDouble()).as("the question in force").isEqualTo(3.0);
            JsonNode previous = server.get("/api/questions/" + q + "/config/versions").json().get(v - 1);
            assertThat(previous.path("points").asDouble()).as("version " + v + " keeps its points").isEqualTo(1.0);

            // Someone else saves (through REST) while this form, loaded at version v + 1, is being edited.
            WebElement prompt = browser.findElement(By.id("prompt"));
            prompt.sendKeys(Keys.END, "\n\nMy addition.");
            points = browser.findElement(By.id("points"));
            points.clear();
            points.sendKeys("4");
            ServerIT.Reply other = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", config.path("config"),
                    "points", 2, "reason", "a colleague's change", "baseVersion", v + 1));
            assertThat(other.status()).as(String.valueOf(other.json())).isEqualTo(200);
            browser.findElement(By.id("save-button")).click();
            WebElement conflict = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-conflict")));
            assertThat(conflict.getText()).contains("Version " + (v + 2)).contains("a colleague's change").contains("nothing was saved")
                    .contains("still in this form");
            assertThat(browser.findElement(By.id("prompt")).getAttribute("value")).as("the edit is kept").endsWith("My addition.");
            assertThat(browser.findElement(By.id("points")).getAttribute("value")).isEqualTo("4");
            JsonNode now = server.get("/api/questions/" + q + "/config").json();
            assertThat(now.path("version").asInt()).as("nothing overwritten").isEqualTo(v + 2);
            assertThat(now.path("points").asDouble()).isEqualTo(2.0);
            assertThat(now.path("prompt").asText()).doesNotContain("My addition.");
            wait.until(d -> !d.findElements(By.cssSelector("#versions tr[data-version='" + (v + 2) + "'] .badge.good")).isEmpty());
            noConsoleErrors(browser, "question (conflict)", "status of 409");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theStartPageLinksAReadableViewOfTheRestApiThatNamesEveryEndpoint() throws Exception {
        JsonNode openapi = Json.json().readTree(ServerIT.HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
        int operations = 0;
        for (JsonNode path : openapi.path("paths")) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                operations += path.has(method) ? 1 : 0;
            }
        }
        ChromeDriver browser = browser();
        try {
            browser.get(root() + "/");
            browser.findElement(By.linkText("REST API")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> !d.findElements(By.cssSelector("section.operation")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("section.operation"))).hasSize(operations);
            String preview = browser.findElements(By.cssSelector("section.operation")).stream().map(e -> e.getText())
                    .filter(t -> t.startsWith("POST ") && t.lines().findFirst().orElse("").endsWith("/preview")
                            && t.contains("/questions/")).findFirst().orElseThrow();
            assertThat(preview).contains("pack").contains("name").contains("400").doesNotContain("undefined");
            assertThat(browser.findElements(By.cssSelector("#schemas section"))).isNotEmpty();
            axe(browser, "REST API");
            noConsoleErrors(browser, "REST API");
        } finally {
            browser.quit();
        }
    }

    private void openEditor(ChromeDriver browser, WebDriverWait wait, String question, String assignment) {
        browser.get(root() + "/workspace/question.html?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8)
                + "&assignment=" + assignment + "#token=" + ServerIT.TOKEN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#config-form [data-field^='config.']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#versions")));
    }

    private static WebElement field(ChromeDriver browser, String name) {
        return browser.findElement(By.cssSelector("#config-form [data-field='" + name + "']"));
    }

    private static String cell(WebElement row, String cls) {
        return row.findElement(By.cssSelector("td." + cls)).getText().trim();
    }

    private static void selectVersion(ChromeDriver browser, String id, int version) {
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id(id))).selectByValue(String.valueOf(version));
    }

    /** The text of what describes the control (its aria-describedby: the field's doc and hint). */
    private static String described(ChromeDriver browser, WebElement control) {
        String ids = control.getAttribute("aria-describedby");
        assertThat(ids).as("aria-describedby of " + control.getAttribute("data-field")).isNotBlank();
        StringBuilder b = new StringBuilder();
        for (String id : ids.trim().split("\\s+")) {
            b.append(browser.findElement(By.id(id)).getText()).append('\n');
        }
        return b.toString();
    }

    /**
     * No error in the browser's console since the last look (Chromium's SEVERE entries: a script error, a resource that
     * failed to load), other than the refusals the journey provoked on purpose (by a part of their message).
     */
    private static void noConsoleErrors(ChromeDriver browser, String page, String... provoked) {
        List<String> errors = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> java.util.Arrays.stream(provoked).noneMatch(m::contains))
                .toList();
        assertThat(errors).as("console errors on the " + page + " page").isEmpty();
    }

    /** The number as the pages show it (at most two decimals, the browser's en-US grouping). */
    private static String number(double x) {
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US));
        return f.format(x);
    }

    /** axe-core on the page (or frame) shown: no violation of impact serious or critical. */
    private static void axe(ChromeDriver browser, String page) throws IOException {
        String axe;
        try (InputStream in = WorkspacePagesIT.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser.executeScript(axe);
        Object found = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(JSON.stringify(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })));"
                + "}, function (e) { done('axe failed: ' + e); });");
        assertThat(found).as("axe-core on the " + page + " page").isEqualTo("[]");
    }

    /** With -Dassay.screenshots=DIR, the page as a PNG in DIR (1280×900), for the README. */
    private static void shot(ChromeDriver browser, String name) throws IOException {
        String dir = System.getProperty("assay.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path out = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(out.getParent());
        Files.write(out, browser.getScreenshotAs(OutputType.BYTES));
    }
}
