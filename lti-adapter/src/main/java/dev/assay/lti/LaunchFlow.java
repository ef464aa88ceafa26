package dev.assay.lti;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Assignment;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A validated launch and what it opens: the activity's page, the instructor's chooser for a link with no assignment
 * yet (and the page once they chose), the not-set-up page, or the deep-linking chooser.
 */
@ApplicationScoped
public class LaunchFlow {
    private static final Logger LOG = Logger.getLogger(LaunchFlow.class.getName());

    @Inject
    LtiSettings settings;
    @Inject
    PlatformStore platforms;
    @Inject
    PlatformKeys platformKeys;
    @Inject
    LoginStates states;
    @Inject
    LinkStore links;
    @Inject
    Names names;
    @Inject
    SessionTokens sessions;
    @Inject
    ActivityAssignments assignments;
    @Inject
    LinkTargets targets;
    @Inject
    StudentPage pages;
    @Inject
    DemoTenancy demo;

    private LaunchValidator validator;

    @PostConstruct
    void init() {
        validator = new LaunchValidator((iss, client) -> client == null
                ? platforms.byIssuer(iss).stream().findFirst() : platforms.find(iss, client),
                platformKeys::of, Clock.systemUTC(), settings.leeway());
    }

    /**
     * A page a launch opens, the LMS URL its form may post to (a deep-linking return) if any, and the origins of the
     * LMS pages that may show it in a frame.
     */
    record LaunchPage(String html, String formTarget, Set<String> framedBy) {
        LaunchPage(String html, Set<String> framedBy) {
            this(html, null, framedBy);
        }
    }

    /** What a launch opens: the student page, the instructor's chooser, the not-set-up page, or the deep-linking chooser. */
    LaunchPage launch(String idToken, String state) throws LaunchRejected {
        Optional<LoginStates.Pending> pending = states.peek(state);
        if (pending.isEmpty()) {
            throw new LaunchRejected("UNKNOWN_STATE", "This launch does not answer a login Assay started, or it was used "
                    + "already or is too old. Start the activity again from your course.");
        }
        try {
            return launch(idToken, state, pending.get());
        } catch (LaunchRejected e) {
            Optional<Platform> from = platforms.byId(pending.get().platformId());
            throw from.isPresent() ? e.from(from.get()) : e;
        }
    }

    /** The launch, refused before anything is used up or stored; accepted, it uses its login state up. */
    private LaunchPage launch(String idToken, String state, LoginStates.Pending pending) throws LaunchRejected {
        Launch l = validator.validate(idToken, pending.nonce(), pending.platformId());
        if (l.deepLinking().isPresent() && !l.teaches()) {
            throw new LaunchRejected("DEEP_LINKING_NOT_INSTRUCTOR", "Only an instructor can add an Assay activity.");
        }
        if (!states.consume(state)) {
            throw new LaunchRejected("UNKNOWN_STATE", "This launch's login was used already. Start the activity again from "
                    + "your course.");
        }
        Set<String> framedBy = Origins.of(l.platformPages());
        if (l.deepLinking().isPresent()) {
            Launch.DeepLinking d = l.deepLinking().get();
            String request = states.remember(new LoginStates.DeepLinkRequest(l.platform().id(), l.deploymentId(), d.returnUrl(),
                    d.data()));
            String token = sessions.sessions().issue(l.userKey(), l.displayName(), 0, true, Optional.of(request));
            return new LaunchPage(Pages.deepLinkChooser(pages.base(), token, assignments.choices()), d.returnUrl(), framedBy);
        }
        LinkStore.Link link = Db.onceMore(() -> links.upsert(l)); // two first launches of a link race to insert it
        l.name().or(l::email).ifPresent(n -> Db.onceMore(() -> {
            names.remember(l.userKey(), n);
            return null;
        }));
        Optional<Assignment> assignment = assignments.boundTo(link);
        String token = sessions.sessions().issue(l.userKey(), l.displayName(), link.id(), l.teaches());
        if (assignment.isEmpty()) {
            if (link.assignmentBound().isPresent()) {
                LOG.warning(() -> "LTI link " + link.id() + " names assignment '" + link.assignment() + "', which is not on this "
                        + "server or is the demo course's");
            }
            if (l.teaches()) {
                return new LaunchPage(Pages.chooser(pages.base(), token, link.title(), assignments.choices()), framedBy);
            }
            return new LaunchPage(Pages.notSetUp(pages.base(), link.title()), framedBy);
        }
        targets.register(link.id(), assignment.get());
        return new LaunchPage(pages.page(token, l.displayName(), l.teaches(), l.userKey(), link.id(), assignment.get()), framedBy);
    }

    /** The instructor's choice in the chooser: the link is bound to the assignment, and its page opens. */
    String bind(Sessions.Session s, String assignmentName) {
        s.requireInstructor();
        if (demo.isDemoLink(s.linkId())) {
            throw AssayException.forbidden("The demo activity always opens the demo copy of hw7.");
        }
        Assignment a = assignments.named(assignmentName);
        String name = a.name();
        links.bind(s.linkId(), name);
        targets.register(s.linkId(), a);
        LOG.info(() -> "LTI link " + s.linkId() + " bound to " + name + " by " + s.userKey());
        return pages.page(sessions.sessions().issue(s.userKey(), s.name(), s.linkId(), s.teaches()), s.name(), true, s.userKey(),
                s.linkId(), a);
    }
}
