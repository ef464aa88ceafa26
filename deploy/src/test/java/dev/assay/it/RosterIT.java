package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.engine.json.Json;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The class list (LTI Names and Role Provisioning) against the shipped WAR and the test platform over real HTTP: who has
 * not started, read across the platform's pages with the tool's token, kept for a while, and a reason instead of an error
 * when the LMS does not share it.
 */
class RosterIT extends AgainstTheWar {
    static final String LEARNER = LtiClient.LEARNER;
    static final String INSTRUCTOR = LtiClient.INSTRUCTOR;
    static final String ANSWER = "-2(X - W_2W_1X)(W_1X)^\\top";

    LtiClient client() {
        return new LtiClient(base.toString());
    }

    TestPlatform platform() throws Exception {
        TestPlatform p = new TestPlatform(base.toString().replaceAll("/$", ""));
        client().register(p);
        return p;
    }

    static Map<String, Object> member(String userId, String name, String role, String status) {
        Map<String, Object> m = new HashMap<>(Map.of("user_id", userId, "name", name, "email", userId + "@school.example",
                "roles", List.of(role)));
        if (status != null) {
            m.put("status", status);
        }
        return m;
    }

    /** Five active learners, an inactive one and an instructor: two pages of four. */
    static void enrol(TestPlatform p) {
        p.members.add(member("s1", "Ada Lovelace", LEARNER, "Active"));
        p.members.add(member("t1", "Professor Turing", INSTRUCTOR, "Active"));
        p.members.add(member("s2", "Bernhard Riemann", LEARNER, null));
        p.members.add(member("s3", "Carl Gauss", LEARNER, "Active"));
        p.members.add(member("gone", "Dropped Out", LEARNER, "Inactive"));
        p.members.add(member("s4", "Emmy Noether", "Learner", "Active"));
        p.members.add(member("s5", "Sofia Kovalevskaya", LEARNER, "Active"));
    }

    Map<String, Object> claims(TestPlatform p, boolean nrps) {
        Map<String, Object> c = new HashMap<>(Map.of(LtiClient.CUSTOM, Map.of("assignment", "hw7/hw7")));
        if (nrps) {
            c.put(TestPlatform.NRPS_CLAIM, p.nrpsClaim());
        }
        return c;
    }

    /** A student launches and answers one question. */
    void answer(TestPlatform p, String sub, String link) throws Exception {
        HttpResponse<String> page = client().launch(p, sub, link, List.of(LEARNER), claims(p, true));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        HttpResponse<String> graded = client().submit(LtiClient.session(page.body()), "hw7/3bi-grad-w2", ANSWER);
        assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
    }

    long hw7() throws Exception {
        for (JsonNode a : server.get("/api/assignments?pack=hw7").json()) {
            if (a.path("key").asText().equals("hw7")) {
                return a.path("id").asLong();
            }
        }
        throw new AssertionError("no hw7 assignment");
    }

    /** The gradebook target of the platform's one link, from the outbox of its students' scores. */
    String target(TestPlatform p) throws Exception {
        long platformId = -1;
        for (JsonNode pl : Json.json().readTree(client().send("GET", "/lti/admin/platforms", null, null, ServerIT.TOKEN).body())) {
            if (pl.path("issuer").asText().equals(p.issuer) && pl.path("clientId").asText().equals(p.clientId)) {
                platformId = pl.path("id").asLong();
            }
        }
        for (JsonNode e : server.get("/api/outbox?limit=1000").json()) {
            if (e.path("user").asText().startsWith("lti/" + platformId + "/")) {
                return e.path("target").asText();
            }
        }
        throw new AssertionError("no score of the platform's students in the outbox");
    }

    @Test
    void theInstructorSeesWhoHasNotStartedAcrossThePlatformsPagesAndTheListIsKeptForAWhile() throws Exception {
        try (TestPlatform p = platform()) {
            enrol(p);
            answer(p, "s1", "roster-link");
            answer(p, "s2", "roster-link");
            answer(p, "t1", "roster-link"); // the instructor's own try counts for nobody on the list

            HttpResponse<String> panel = client().launch(p, "t1", "roster-link", List.of(INSTRUCTOR), claims(p, true));
            assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
            assertThat(panel.body()).as("the page does not wait for the LMS's class list").contains("data-pending=\"true\"")
                    .doesNotContain("Carl Gauss");
            assertThat(p.membershipRequests.get()).isZero();
            String rosterHtml = rosterOf(panel);
            assertThat(rosterHtml).contains("Not started: <span class=\"count\">3</span> of 5 students")
                    .contains("Carl Gauss").contains("Emmy Noether").contains("Sofia Kovalevskaya")
                    .contains("s3@school.example");
            String notStarted = rosterHtml;
            assertThat(notStarted).doesNotContain("Ada Lovelace").doesNotContain("Bernhard Riemann")
                    .doesNotContain("Professor Turing").doesNotContain("Dropped Out");
            int asked = p.membershipRequests.get();
            assertThat(asked).as("both pages of the class list were read").isEqualTo(2);

            ServerIT.Reply roster = server.get("/api/assignments/" + hw7() + "/roster?target=" + target(p));
            assertThat(roster.status()).as(String.valueOf(roster.json())).isEqualTo(200);
            JsonNode r = roster.json();
            assertThat(r.path("available").asBoolean()).isTrue();
            assertThat(r.path("complete").asBoolean()).isTrue();
            assertThat(r.path("students").asInt()).isEqualTo(5);
            assertThat(r.path("started").asInt()).isEqualTo(2);
            assertThat(r.path("notStarted").findValuesAsText("platformUserId")).containsExactly("s3", "s4", "s5");
            assertThat(r.path("notStarted").get(0).path("name").asText()).isEqualTo("Carl Gauss");
            assertThat(r.path("notStarted").get(0).path("email").asText()).isEqualTo("s3@school.example");
            assertThat(p.membershipRequests.get()).as("within the cache time the platform is not asked again").isEqualTo(asked);

            ServerIT.Reply elsewhere = server.get("/api/assignments/" + hw7() + "/roster?target=lti:999999999");
            assertThat(elsewhere.status()).isEqualTo(404);
        }
    }

    @Test
    void aPlatformThatRefusesTheScopeOrSharesNoListGivesTheReasonNotAnError() throws Exception {
        try (TestPlatform p = platform()) {
            enrol(p);
            p.refuseNrpsScope.set(true);
            answer(p, "s1", "refusing-link");

            HttpResponse<String> panel = client().launch(p, "t1", "refusing-link", List.of(INSTRUCTOR), claims(p, true));
            assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
            assertThat(rosterOf(panel)).contains("Your LMS did not share the class list with Assay")
                    .contains("IMS LTI Names and Role Provisioning").contains("invalid_scope");
            assertThat(p.membershipRequests.get()).as("no token, no request for the list").isZero();

            ServerIT.Reply roster = server.get("/api/assignments/" + hw7() + "/roster?target=" + target(p));
            assertThat(roster.status()).isEqualTo(200);
            assertThat(roster.json().path("available").asBoolean()).isFalse();
            assertThat(roster.json().path("reason").asText()).contains("Names and Role Provisioning");

            // Switched on in the LMS: the next look reads the list (a refusal is not kept).
            p.refuseNrpsScope.set(false);
            ServerIT.Reply now = server.get("/api/assignments/" + hw7() + "/roster?target=" + target(p));
            assertThat(now.json().path("available").asBoolean()).isTrue();
            assertThat(now.json().path("started").asInt()).isEqualTo(1);
            assertThat(now.json().path("students").asInt()).isEqualTo(5);

            // A link whose launches carry no NRPS claim: the LMS shares no list for it.
            HttpResponse<String> unshared = client().launch(p, "t1", "unshared-link", List.of(INSTRUCTOR), claims(p, false));
            assertThat(rosterOf(unshared)).contains("Your LMS did not share the class list with Assay");
        }
    }

    /** The panel's "Not started" list, as the page's script asks for it once the page is shown. */
    String rosterOf(HttpResponse<String> panel) throws Exception {
        HttpResponse<String> listed = client().send("GET", "/lti/api/instructor/roster", null, null, LtiClient.session(panel.body()));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return Json.json().readTree(listed.body()).path("html").asText();
    }
}
