package dev.assay.lti;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.Assignments;
import dev.assay.server.application.api.Packs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The demo course (/demo): HW7 opened as a student or as an instructor without an LMS, on the very pages a launch
 * opens ({@link StudentPage}, with the {@link InstructorPanel}) and with the same session tokens, for the demo's own
 * link to its own copy of hw7 ({@link DemoTenancy}). Set up on its first opening: the copy is made once from the hw7
 * pack as it stands (through the application API), and kept, with its answers, from then on.
 */
@ApplicationScoped
public class DemoCourse {
    private static final Logger LOG = Logger.getLogger(DemoCourse.class.getName());
    /** A visitor's id: 16 random bytes, base64url. A cookie that is not one is replaced, never used in a user key. */
    static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String NOTICE_STUDENT = "Demo: your score stays in Assay (there is no gradebook). Your answers are graded "
            + "and kept like any student's.";
    static final String NOTICE_INSTRUCTOR = "Demo: you see the demo students' answers; their scores stay in Assay (there "
            + "is no gradebook).";

    @Inject
    DemoTenancy tenancy;
    @Inject
    Packs packs;
    @Inject
    Assignments catalog;
    @Inject
    LinkStore links;
    @Inject
    LinkTargets targets;
    @Inject
    Names names;
    @Inject
    SessionTokens sessions;
    @Inject
    StudentPage pages;

    /** The demo link and its assignment, once set up. */
    private record Course(LinkStore.Link link, Assignment assignment) {
    }

    private volatile Course course;

    /** A fresh visitor id. */
    static String newVisitor() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The visitor the cookie names, if it names one. */
    static Optional<String> visitor(String cookie) {
        return Optional.ofNullable(cookie).filter(c -> VISITOR.matcher(c).matches());
    }

    /**
     * The page a visitor sees, as a student or an instructor: one user per visitor and role (a name row written once),
     * a session for the demo link only.
     */
    String page(String visitor, boolean teaches) {
        if (!VISITOR.matcher(visitor).matches()) {
            throw new IllegalArgumentException("not a visitor id");
        }
        Course c = course();
        String sub = (teaches ? "instructor-" : "student-") + visitor;
        String userKey = Launch.userKey(c.link().platformId(), DemoTenancy.DEPLOYMENT, sub);
        String name = (teaches ? "Demo instructor " : "Demo student ") + visitor.substring(0, 4);
        names.remember(userKey, name);
        String token = sessions.sessions().issue(userKey, name, c.link().id(), teaches);
        return pages.page(token, name, teaches, userKey, c.link().id(), c.assignment(), teaches ? NOTICE_INSTRUCTOR : NOTICE_STUDENT);
    }

    /** The demo's link and assignment, set up on first use (one at a time: two first visitors make one copy). */
    private Course course() {
        Course c = course;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (course == null) {
                course = setUp();
            }
            return course;
        }
    }

    private Course setUp() {
        Assignment a = catalog.byName(DemoTenancy.ASSIGNMENT).orElseGet(() -> {
            if (catalog.list(Optional.of(DemoTenancy.SOURCE_PACK)).isEmpty()) {
                throw new AssayException(AssayException.Kind.UNAVAILABLE, "The demo course is a copy of the hw7 pack, which "
                        + "this server has not loaded: put deploy/packs/hw7 in the packs folder (assay.packs.dir) and restart.");
            }
            packs.copy(DemoTenancy.SOURCE_PACK, DemoTenancy.PACK, "Homework 7 (demo)", "demo");
            LOG.info(() -> "Demo course: hw7 copied as " + DemoTenancy.PACK);
            return catalog.byName(DemoTenancy.ASSIGNMENT).orElseThrow(() -> new IllegalStateException(
                    "the demo copy of hw7 has no assignment " + DemoTenancy.ASSIGNMENT));
        });
        long platformId = tenancy.platform();
        Launch launch = new Launch(tenancy.asPlatform(platformId), DemoTenancy.DEPLOYMENT, "demo", List.of(), Optional.empty(),
                Optional.empty(), DemoTenancy.RESOURCE_LINK, Optional.of(a.title()), Optional.of("demo"),
                Optional.of("Assay demo"), Map.of("assignment", DemoTenancy.ASSIGNMENT), DemoTenancy.NO_ENDPOINT,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        LinkStore.Link link = Db.onceMore(() -> links.upsert(launch));
        targets.register(link.id(), a);
        return new Course(link, a);
    }
}
