package dev.assay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A system test of the REST API against the shipped WAR (with the test plugins), calling it through ServerIT's HTTP
 * helpers (calls with the admin token, a one-question pack upload) aimed at this deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class AgainstTheWar {
    @ArquillianResource
    URL base;

    final ServerIT server = new ServerIT();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItPlugin.assayWar();
    }

    @BeforeEach
    void aimAtTheDeployment() {
        server.base = base;
    }

    /** The assignment of an uploaded one-question pack ({@link ServerIT#uploadPack}). */
    long assignmentOf(String q) throws Exception {
        return server.get("/api/assignments?pack=" + q.substring(0, q.indexOf('/'))).json().get(0).path("id").asLong();
    }

    /** A student's answer through REST (admin token); its submission id. */
    long submit(String q, String user, String answer) throws Exception {
        ServerIT.Reply r = server.json("POST", "/api/questions/" + q + "/submissions", Map.of("user", user, "answer", answer));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(201);
        return r.json().path("submissionId").asLong();
    }

    /**
     * The set-up of a regrade's impact, on a pack whose key is 42: ann answers 42, bob 43, cat 43, dan 41, eve 43; an
     * instructor gives cat's answer 1 point; then the key is found wrong and becomes 43. Returns cat's submission id and
     * ann's, by name.
     */
    Map<String, Long> fiveAnswersOneReviewedThenTheKeyChanged(String q, String run) throws Exception {
        long ann = submit(q, "ann-" + run, "42");
        submit(q, "bob-" + run, "43");
        long cat = submit(q, "cat-" + run, "43");
        submit(q, "dan-" + run, "41");
        submit(q, "eve-" + run, "43");
        assertThat(server.json("POST", "/api/submissions/" + cat + "/review", Map.of("points", 1, "reviewer", "prof")).status())
                .isEqualTo(200);
        ServerIT.Reply changed = server.json("PUT", "/api/questions/" + q + "/config", Map.of("config", Map.of("expected", "43"),
                "reason", "the key was wrong"));
        assertThat(changed.status()).as(String.valueOf(changed.json())).isEqualTo(200);
        return Map.of("ann", ann, "cat", cat);
    }
}
