package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import dev.assay.it.ServerIT.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One assignment used by two LMS courses on two platforms (two tenants), on the shipped WAR over real HTTP and real
 * signed launches: a workspace token granted for course A's activity sees and changes only A's students' answers
 * (analytics, grades CSV, a regrade's dry run and the regrade, the review queue, an answer group's review, the roster),
 * and naming B's activity is refused; the admin sees both, or one it names. The workspace pages with such a token say
 * so and show A's answers only. (The token is granted with the admin-only {@code POST …/workspace-tokens}, as the
 * instructor panel's link into the workspace is not there yet.)
 */
class WorkspaceTenancyIT extends AgainstTheWar {
    LtiClient client() {
        return new LtiClient(base.toString());
    }

    /** A call with {@code token} as the bearer credential. */
    Reply call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.json().writeValueAsBytes(body)))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> r = ServerIT.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = r.headers().firstValue("Content-Type").orElse("").contains("json") && r.body().length > 0
                ? Json.json().readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, r.body());
    }

    Reply get(String token, String path) throws Exception {
        return call(token, "GET", path, null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One course: a platform, its activity (resource link) for the assignment, and its students' user keys. */
    final class Course implements AutoCloseable {
        final TestPlatform platform;
        final String link;
        long platformId = -1;

        Course(String link) throws Exception {
            platform = new TestPlatform(base.toString().replaceAll("/$", ""));
            client().register(platform);
            for (JsonNode pl : Json.json().readTree(client().send("GET", "/lti/admin/platforms", null, null, ServerIT.TOKEN).body())) {
                if (pl.path("issuer").asText().equals(platform.issuer) && pl.path("clientId").asText().equals(platform.clientId)) {
                    platformId = pl.path("id").asLong();
                }
            }
            this.link = link;
        }

        /** A student launches the activity and answers. */
        void answer(String assignment, String question, String sub, String answer) throws Exception {
            HttpResponse<String> page = client().launch(platform, sub, link, List.of(LtiClient.LEARNER),
                    Map.of(LtiClient.CUSTOM, Map.of("assignment", assignment)));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            HttpResponse<String> graded = client().submit(LtiClient.session(page.body()), question, answer);
            assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
        }

        /** The student's user key: one per platform, deployment and sub (the LTI adapter's). */
        String user(String sub) {
            return "lti/" + platformId + "/" + enc(platform.deploymentId) + "/" + sub;
        }

        /** The activity's gradebook target, from the outbox of its students' scores. */
        String target() throws Exception {
            for (JsonNode e : server.get("/api/outbox?limit=1000").json()) {
                if (e.path("user").asText().startsWith("lti/" + platformId + "/")) {
                    return e.path("target").asText();
                }
            }
            throw new AssertionError("no score of the platform's students in the outbox");
        }

        @Override
        public void close() {
            platform.close();
        }
    }

    /** The ids of a user's submissions to the question, as the admin sees them. */
    List<Long> submissions(String question, String user) throws Exception {
        return ServerIT.ids(server.get("/api/questions/" + question + "/submissions?user=" + enc(user)).json());
    }

    int grades(long submission) throws Exception {
        return server.get("/api/submissions/" + submission).json().path("grades").size();
    }

    static List<String> users(JsonNode list, String field) {
        List<String> users = new ArrayList<>();
        list.forEach(s -> users.add(s.path(field).asText()));
        return users;
    }

    /** A workspace token of the assignment for the activity, as an instructor launched from it holds. */
    String grant(long assignment, String target) throws Exception {
        Reply granted = server.json("POST", "/api/assignments/" + assignment + "/workspace-tokens",
                Map.of("actor", "prof-a", "target", target));
        assertThat(granted.status()).as(String.valueOf(granted.json())).isEqualTo(201);
        return granted.json().path("token").asText();
    }

    @Test
    void aTokenOfOneCoursesActivitySeesAndChangesOnlyThatCoursesStudents() throws Exception {
        String q = server.uploadPack("42");
        String pack = q.substring(0, q.indexOf('/'));
        String assignmentKey = pack + "/a1";
        long assignment = server.get("/api/assignments?pack=" + pack).json().get(0).path("id").asLong();
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (Course a = new Course("course-a-" + run); Course b = new Course("course-b-" + run)) {
            a.answer(assignmentKey, q, "ann", "42");
            a.answer(assignmentKey, q, "abe", "41");
            a.answer(assignmentKey, q, "amy", "unsure: 42");
            b.answer(assignmentKey, q, "bob", "41");
            b.answer(assignmentKey, q, "bea", "unsure: 40");
            b.answer(assignmentKey, q, "ben", "40 from course b");
            String targetA = a.target();
            String targetB = b.target();
            assertThat(targetA).isNotEqualTo(targetB);
            String tokenA = grant(assignment, targetA);
            assertThat(get(tokenA, "/api/me").json().path("target").asText()).isEqualTo(targetA);

            // Assignment analytics: A's three students; the admin sees six, or B's three when it names B.
            assertThat(get(tokenA, "/api/assignments/" + assignment + "/analytics").json().path("questions").get(0)
                    .path("students").asInt()).isEqualTo(3);
            assertThat(server.get("/api/assignments/" + assignment + "/analytics").json().path("questions").get(0)
                    .path("students").asInt()).isEqualTo(6);
            assertThat(server.get("/api/assignments/" + assignment + "/analytics?target=" + enc(targetB)).json()
                    .path("questions").get(0).path("students").asInt()).isEqualTo(3);

            // Naming another activity is refused, saying why; naming its own is fine.
            Reply other = get(tokenA, "/api/assignments/" + assignment + "/analytics?target=" + enc(targetB));
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.json().path("error").asText()).contains(targetA).contains(targetB);
            assertThat(get(tokenA, "/api/assignments/" + assignment + "/analytics?target=" + enc(targetA)).status()).isEqualTo(200);

            // Question analytics: counts, groups and example answers of A's answers only.
            JsonNode qa = get(tokenA, "/api/questions/" + q + "/analytics").json();
            assertThat(qa.path("submissions").asInt()).isEqualTo(3);
            assertThat(qa.toString()).doesNotContain("from course b").doesNotContain("unsure: 40");
            assertThat(server.get("/api/questions/" + q + "/analytics").json().toString()).contains("from course b");
            assertThat(get(tokenA, "/api/questions/" + q + "/analytics?target=" + enc(targetB)).status()).isEqualTo(403);

            // A question's submissions list: B's student has none through A's activity.
            assertThat(get(tokenA, "/api/questions/" + q + "/submissions?user=" + enc(b.user("bob"))).json()).isEmpty();
            assertThat(get(tokenA, "/api/questions/" + q + "/submissions?user=" + enc(a.user("ann"))).json()).hasSize(1);

            // Grades CSV: A's students' rows only.
            String csv = new String(get(tokenA, "/api/assignments/" + assignment + "/grades.csv").bytes(), StandardCharsets.UTF_8);
            assertThat(csv).contains(a.user("ann")).contains(a.user("abe")).contains(a.user("amy"))
                    .doesNotContain(b.user("bob")).doesNotContain(b.user("bea")).doesNotContain(b.user("ben"));

            // Review queue: A's answer waiting, not B's; B's answer cannot be reviewed through A's token.
            JsonNode queue = get(tokenA, "/api/assignments/" + assignment + "/review").json();
            assertThat(users(queue, "user")).containsExactly(a.user("amy"));
            assertThat(server.get("/api/assignments/" + assignment + "/review").json()).hasSize(2);
            long bea = submissions(q, b.user("bea")).get(0);
            Reply reviewB = call(tokenA, "POST", "/api/assignments/" + assignment + "/review/" + bea, Map.of("points", 4));
            assertThat(reviewB.status()).isEqualTo(404);
            assertThat(grades(bea)).as("B's answer untouched").isEqualTo(1);

            // An answer group ("41": abe in A, bob in B): reviewing it through A's token reviews abe's only.
            Reply group = call(tokenA, "POST", "/api/questions/" + q + "/answer-groups/review",
                    Map.of("echo", Map.of("text", "41", "latex", ""), "points", 2, "comment", "Close."));
            assertThat(group.status()).as(String.valueOf(group.json())).isEqualTo(200);
            assertThat(group.json().path("reviewed").asInt()).isEqualTo(1);
            assertThat(grades(submissions(q, a.user("abe")).get(0))).isEqualTo(2);
            long bob = submissions(q, b.user("bob")).get(0);
            assertThat(grades(bob)).as("B's answer of the same group untouched").isEqualTo(1);

            // The roster: A's own activity without naming it; B's refused.
            assertThat(get(tokenA, "/api/assignments/" + assignment + "/roster").status()).isEqualTo(200);
            assertThat(get(tokenA, "/api/assignments/" + assignment + "/roster?target=" + enc(targetB)).status()).isEqualTo(403);

            // A change of the shared configuration; the dry run through A's token grades and shows A's students only.
            Reply changed = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "41")));
            assertThat(changed.status()).as(String.valueOf(changed.json())).isEqualTo(200);
            Reply impact = call(tokenA, "POST", "/api/assignments/" + assignment + "/regrades/preview", null);
            assertThat(impact.status()).as(String.valueOf(impact.json())).isEqualTo(200);
            assertThat(impact.json().path("submissions").asInt()).isEqualTo(3);
            assertThat(users(impact.json().path("students"), "user")).isNotEmpty()
                    .allSatisfy(u -> assertThat(u).startsWith("lti/" + a.platformId + "/"));
            assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, true).json()
                    .path("submissions").asInt()).isEqualTo(6);

            // The regrade through A's token regrades A's answers only.
            Reply started = call(tokenA, "POST", "/api/assignments/" + assignment + "/regrades", null);
            assertThat(started.status()).as(String.valueOf(started.json())).isEqualTo(202);
            assertThat(started.json().path("target").asText()).isEqualTo(targetA);
            long execution = started.json().path("executionId").asLong();
            JsonNode done = Await.until("the regrade to end", 30, () -> get(tokenA, "/api/assignments/" + assignment
                    + "/regrades/" + execution).json(), ServerIT::ended);
            assertThat(done.path("status").asText()).as(String.valueOf(done)).isEqualTo("COMPLETED");
            assertThat(grades(submissions(q, a.user("ann")).get(0))).as("A's answer regraded").isEqualTo(2);
            assertThat(grades(bob)).as("B's answer not regraded").isEqualTo(1);
            assertThat(grades(submissions(q, b.user("ben")).get(0))).isEqualTo(1);
            assertThat(call(tokenA, "POST", "/api/assignments/" + assignment + "/regrades/preview", null).json()
                    .path("submissions").asInt()).as("nothing of A's left").isZero();
            assertThat(server.call("POST", "/api/assignments/" + assignment + "/regrades/preview", null, null, true).json()
                    .path("submissions").asInt()).as("B's three still to regrade").isEqualTo(3);
        }
    }

    @Test
    void theWorkspacePagesOfAnActivitysInstructorSayWhoseAnswersTheyShowAndShowOnlyThose() throws Exception {
        String q = server.uploadPack("42");
        String pack = q.substring(0, q.indexOf('/'));
        long assignment = server.get("/api/assignments?pack=" + pack).json().get(0).path("id").asLong();
        String run = UUID.randomUUID().toString().substring(0, 6);
        ChromeDriver browser = BrowserIT.chromium();
        try (Course a = new Course("pages-a-" + run); Course b = new Course("pages-b-" + run)) {
            a.answer(pack + "/a1", q, "amy", "unsure: 42");
            a.answer(pack + "/a1", q, "ann", "42");
            b.answer(pack + "/a1", q, "bea", "unsure: 40");
            b.answer(pack + "/a1", q, "ben", "40 from course b");
            String tokenA = grant(assignment, a.target());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            String workspace = base.toString().replaceAll("/$", "") + "/workspace/";

            browser.get(workspace + "review.html?id=" + assignment + "#token=" + tokenA);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("answers-scope"), "Answers through your LMS activity"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.review-item")));
            List<WebElement> waiting = browser.findElements(By.cssSelector("article.review-item"));
            assertThat(waiting).as("amy's answer, not bea's").hasSize(1);
            assertThat(waiting.get(0).getText()).contains("unsure: 42").doesNotContain("unsure: 40");

            browser.get(workspace + "analytics.html?q=" + q + "&assignment=" + assignment + "#token=" + tokenA);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("answers-scope"), "Answers through your LMS activity"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#figures dd[data-figure='submissions']")));
            assertThat(browser.findElement(By.cssSelector("#figures dd[data-figure='submissions']")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("from course b");

            // The overview as the panel's link opens it: it reads only what the token reaches (found in a real Moodle:
            // it asked for the pack's question list, the admin's, and showed the refusal instead of the questions).
            browser.get(workspace + "assignment.html?id=" + assignment + "#token=" + tokenA);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#questions tbody tr[data-question='" + q + "'] td.students")));
            assertThat(browser.findElements(By.cssSelector(".error"))).as("no refusal on the overview").isEmpty();
            assertThat(browser.findElement(By.cssSelector("#questions tbody tr[data-question='" + q + "'] td.students")).getText())
                    .as("course A's two students").isEqualTo("2");
            wait.until(d -> d.findElements(By.cssSelector("nav[aria-label='Workspace'] a[href^='packs.html']")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("nav[aria-label='Workspace'] a[href^='index.html']")))
                    .as("an instructor's menu has no list of every assignment").isEmpty();

            browser.get(workspace + "review.html?id=" + assignment + "#token=" + ServerIT.TOKEN);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("answers-scope"), "All answers"));
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("article.review-item"), 2));
        } finally {
            browser.quit();
        }
    }
}
