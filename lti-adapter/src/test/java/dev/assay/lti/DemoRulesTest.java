package dev.assay.lti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.server.application.api.Assignment;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo course's rules that need no server: when it is on, who a visitor is, what its pages say, whom it admits. */
class DemoRulesTest {
    private static final String H2 = "jdbc:h2:file:./data/db/assay;MODE=LEGACY;WRITE_DELAY=0";
    private static final String POSTGRES = "jdbc:postgresql://db.example.edu:5432/assay";

    @Test
    void theDemoIsOnByDefaultOnlyWithTheEmbeddedDatabaseAndTheSettingDecidesWhenGiven() {
        assertThat(DemoSettings.enabled(Optional.empty(), H2)).isTrue();
        assertThat(DemoSettings.enabled(Optional.empty(), POSTGRES)).isFalse();
        assertThat(DemoSettings.enabled(Optional.empty(), "jdbc:h2:tcp://db.example.edu/assay")).as("a shared H2 server").isFalse();
        assertThat(DemoSettings.enabled(Optional.of("false"), H2)).isFalse();
        assertThat(DemoSettings.enabled(Optional.of(" FALSE "), H2)).isFalse();
        assertThat(DemoSettings.enabled(Optional.of("true"), POSTGRES)).isTrue();
        assertThat(DemoSettings.enabled(Optional.of(""), H2)).as("blank: not set").isTrue();
        assertThat(DemoSettings.enabled(Optional.of("yes"), H2)).as("a typo turns it off, never on").isFalse();
        assertThat(DemoSettings.enabled(Optional.of("flase"), POSTGRES)).isFalse();
    }

    @Test
    void aVisitorIsARandomIdAndACookieThatIsNotOneIsNeverUsed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String v = DemoCourse.newVisitor();
            assertThat(DemoCourse.visitor(v)).contains(v);
            seen.add(v);
        }
        assertThat(seen).hasSize(200);
        for (String bad : new String[]{null, "", "abc", "../../etc/passwd/aaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaa/",
                "aaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaa\"<"}) {
            assertThat(DemoCourse.visitor(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void theStartPageOffersBothRolesAndTheDemoPageSaysWhereScoresGo() {
        String home = Pages.demoHome("/assay");
        assertThat(home).contains("href=\"/assay/demo/student\">Open HW7 as a student<")
                .contains("href=\"/assay/demo/instructor\">Open HW7 as an instructor<");
        String page = Pages.student("", "token", "Homework 7", "Demo student abcd", null, List.of(),
                DemoCourse.NOTICE_STUDENT);
        assertThat(page).contains("<p class=\"notice\" role=\"note\">Demo: your score stays in Assay");
        assertThat(Pages.student("", "token", "Homework 7", "A student", null, List.of(), null))
                .doesNotContain("class=\"notice\"");
    }

    @Test
    void noPlatformCanBeRegisteredAsTheDemo() {
        PlatformStore.Registration r = new PlatformStore.Registration(DemoTenancy.ISSUER, "demo", "https://lms.example/auth",
                "https://lms.example/token", "https://lms.example/jwks", "x", List.of("1"), null);
        assertThat(r.problems()).singleElement().asString().startsWith("issuer: ").contains("demo");
    }

    @Test
    void theDemoLinkOpensOnlyTheDemoCopyAndOnlyWhileTheDemoIsOnAndTheCopyOpensThroughNoOtherLink() {
        DemoTenancy t = new DemoTenancy() {
            @Override
            public Optional<Long> platformId() {
                return Optional.of(7L);
            }
        };
        DemoSettings on = new DemoSettings();
        on.enabled = Optional.of("true");
        t.settings = on;
        LinkStore.Link demoLink = link(7);
        LinkStore.Link realLink = link(1);
        Assignment copy = new Assignment(2, DemoTenancy.PACK, "hw7", "Homework 7", List.of("demo-hw7/8a-i-layers"));
        Assignment hw7 = new Assignment(1, "hw7", "hw7", "Homework 7", List.of("hw7/8a-i-layers"));
        assertThat(t.mayOpen(demoLink, copy)).isTrue();
        assertThat(t.mayOpen(demoLink, hw7)).isFalse();
        assertThat(t.mayOpen(realLink, hw7)).isTrue();
        assertThat(t.mayOpen(realLink, copy)).isFalse();
        on.enabled = Optional.of("false");
        assertThat(t.mayOpen(demoLink, copy)).as("a demo session handed out before the demo was turned off").isFalse();
        assertThat(t.mayOpen(realLink, hw7)).isTrue();
    }

    @Test
    void lmsActivitiesNeitherOfferNorOpenTheDemoCopyAndNamesThatMeantHw7StillMeanIt() {
        Assignment copy = new Assignment(2, DemoTenancy.PACK, "hw7", "Homework 7 (demo)", List.of("demo-hw7/8a-i-layers"));
        Assignment hw7 = new Assignment(1, "hw7", "hw7", "Homework 7", List.of("hw7/8a-i-layers"));
        ActivityAssignments activities = new ActivityAssignments();
        activities.catalog = new dev.assay.server.application.api.Assignments() {
            @Override
            public List<Assignment> list(Optional<String> packId) {
                return List.of(hw7, copy);
            }
        };
        activities.demo = tenancyWithPlatform(7, "true");

        assertThat(activities.choices()).extracting(c -> c[0]).containsExactly("hw7/hw7");
        assertThat(activities.named("hw7/hw7")).isEqualTo(hw7);
        assertThat(activities.named("hw7")).as("the copy's assignment has the same key; the pack id still decides").isEqualTo(hw7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> activities.named(DemoTenancy.ASSIGNMENT))
                .isInstanceOf(dev.assay.server.application.AssayException.class).hasMessageContaining("No assignment");
        assertThat(activities.boundTo(link(1, "hw7/hw7"))).contains(hw7);
        assertThat(activities.boundTo(link(1, DemoTenancy.ASSIGNMENT))).as("an LMS link naming the copy").isEmpty();
        assertThat(activities.boundTo(link(7, DemoTenancy.ASSIGNMENT))).contains(copy);
        assertThat(activities.boundTo(link(7, "hw7/hw7"))).as("the demo link naming the real hw7").isEmpty();
    }

    private static DemoTenancy tenancyWithPlatform(long id, String enabled) {
        DemoTenancy t = new DemoTenancy() {
            @Override
            public Optional<Long> platformId() {
                return Optional.of(id);
            }
        };
        t.settings = new DemoSettings();
        t.settings.enabled = Optional.of(enabled);
        return t;
    }

    private static LinkStore.Link link(long platformId) {
        return link(platformId, null);
    }

    private static LinkStore.Link link(long platformId, String assignment) {
        return new LinkStore.Link(platformId * 100, platformId, "d", "r", null, null, assignment, null, null, "", null);
    }
}
