package dev.assay.lti;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.api.Validation;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Answers;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.Assignments;
import dev.assay.server.application.api.Attempt;
import dev.assay.server.application.api.Question;
import dev.assay.server.application.api.Questions;
import dev.assay.server.application.api.RegradeStatus;
import dev.assay.server.application.api.Regrades;
import dev.assay.server.application.api.ReviewsKept;
import dev.assay.server.application.api.Reviews;
import dev.assay.server.application.api.Scores;
import dev.assay.server.application.api.StoredGrade;
import dev.assay.server.application.api.Submission;
import dev.assay.server.application.api.SubmissionHistory;
import dev.assay.server.application.api.Submitted;
import dev.assay.server.application.ports.GradebookTargets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Login, launch and the student page: what the LTI endpoints do, on top of the core's services. */
@ApplicationScoped
public class LtiService {
    private static final Logger LOG = Logger.getLogger(LtiService.class.getName());

    @Inject
    LtiSettings settings;
    @Inject
    PlatformStore platforms;
    @Inject
    PlatformKeys platformKeys;
    @Inject
    ToolKeys toolKeys;
    @Inject
    LoginStates states;
    @Inject
    LinkStore links;
    @Inject
    Assignments catalog;
    @Inject
    Questions questions;
    @Inject
    Answers answers;
    @Inject
    Reviews reviews;
    @Inject
    GradebookTargets gradebook;
    @Inject
    Names names;
    @Inject
    Regrades regrades;
    @Inject
    Scores scores;

    /** The application's context path ("" at the root): the pages' links start with it. */
    @Inject
    jakarta.servlet.ServletContext servletContext;

    private LaunchValidator validator;
    private volatile Sessions sessions;

    @PostConstruct
    void init() {
        validator = new LaunchValidator((iss, client) -> client == null
                ? platforms.byIssuer(iss).stream().findFirst() : platforms.find(iss, client),
                platformKeys::of, Clock.systemUTC(), settings.leeway());
    }

    String base() {
        return servletContext.getContextPath();
    }

    Sessions sessions() {
        Sessions s = sessions;
        if (s == null) {
            s = new Sessions(toolKeys.sessionSecret(), settings.sessionTtl(), Clock.systemUTC());
            sessions = s;
        }
        return s;
    }

    /**
     * Assay's root URL as the platform reaches it (no trailing slash): assay.lti.public-url; else the toolUrl registered
     * for the platform; else the request's, but only on a loopback address (trying Assay out on one machine). Never
     * the Host header of a request from elsewhere: anyone can set it, and the platform would post the id_token there.
     *
     * @param requestBase the application's root as this request reached it, context path included
     */
    Optional<String> toolRoot(Platform p, URI requestBase) {
        Optional<String> configured = settings.publicUrl().or(() -> Optional.ofNullable(p.toolUrl())
                .map(u -> u.replaceAll("/+$", "").replaceAll("/lti/launch$", "").replaceAll("/+$", "")));
        if (configured.isPresent()) {
            return configured;
        }
        if (isLoopback(requestBase.getHost())) {
            String b = requestBase.toString();
            return Optional.of(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        }
        return Optional.empty();
    }

    /** localhost, 127.0.0.0/8 or ::1, written as such (no name is looked up). */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]");
    }

    private String toolRootOrRefuse(Platform p, URI requestBase) throws LaunchRejected {
        return toolRoot(p, requestBase).orElseThrow(() -> {
            LOG.severe(() -> "LTI: a login from " + p.issuer() + " cannot be answered: Assay does not know its public URL. Set "
                    + "ASSAY_LTI_PUBLIC_URL, or register the platform with its toolUrl.");
            return new LaunchRejected("LOGIN_NO_TOOL_URL", "Assay does not know the address this LMS reaches it by, so it "
                    + "cannot say where the launch goes. The Assay administrator needs to set ASSAY_LTI_PUBLIC_URL (e.g. "
                    + "https://assay.example.edu) or register the platform with its toolUrl.").from(p);
        });
    }

    /** The origins of every registered platform's pages: who may frame a refusal whose platform is not known. */
    java.util.Set<String> registeredPlatformOrigins() {
        return Origins.of(platforms.all().stream().flatMap(p -> p.pages().stream()).toList());
    }

    /** OIDC third-party login initiation: the redirect to the platform's auth endpoint. */
    URI login(String iss, String loginHint, String targetLinkUri, String messageHint, String clientId, String deploymentId,
              URI requestBase) throws LaunchRejected {
        if (iss == null || iss.isBlank()) {
            throw new LaunchRejected("LOGIN_NO_ISSUER", "The login request has no iss: start the activity from your course.");
        }
        if (loginHint == null || loginHint.isBlank()) {
            throw new LaunchRejected("LOGIN_NO_HINT", "The login request has no login_hint.");
        }
        if (targetLinkUri == null || targetLinkUri.isBlank()) {
            throw new LaunchRejected("LOGIN_NO_TARGET", "The login request has no target_link_uri.");
        }
        Optional<Platform> p;
        if (clientId != null && !clientId.isBlank()) {
            p = platforms.find(iss, clientId);
        } else {
            List<Platform> candidates = platforms.byIssuer(iss);
            p = candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
        }
        if (p.isEmpty()) {
            throw new LaunchRejected("UNKNOWN_ISSUER", "The platform " + iss + (clientId == null ? "" : " (client id " + clientId + ")")
                    + " is not registered on this Assay server: an administrator needs to register it.");
        }
        Platform platform = p.get();
        if (deploymentId != null && !deploymentId.isBlank() && !platform.deployments().contains(deploymentId)) {
            throw new LaunchRejected("UNKNOWN_DEPLOYMENT", "Deployment '" + deploymentId + "' of " + iss + " is not registered on "
                    + "this Assay server.").from(platform);
        }
        String root = toolRootOrRefuse(platform, requestBase);
        if (!Origins.same(targetLinkUri, root)) {
            throw new LaunchRejected("LOGIN_FOREIGN_TARGET", "The login asks to open " + clip(targetLinkUri, 120) + ", which is "
                    + "not this Assay server (" + root + "). The tool URL configured in the LMS and Assay's public URL "
                    + "(ASSAY_LTI_PUBLIC_URL, or the platform's toolUrl) must name the same server.").from(platform);
        }
        LoginStates.Issued issued = states.issue(platform.id());
        StringBuilder u = new StringBuilder(platform.authUrl()).append(platform.authUrl().contains("?") ? "&" : "?");
        param(u, "scope", "openid");
        param(u, "response_type", "id_token");
        param(u, "response_mode", "form_post");
        param(u, "prompt", "none");
        param(u, "client_id", platform.clientId());
        param(u, "redirect_uri", root + "/lti/launch");
        param(u, "login_hint", loginHint);
        param(u, "state", issued.state());
        param(u, "nonce", issued.nonce());
        if (messageHint != null) {
            param(u, "lti_message_hint", messageHint);
        }
        u.setLength(u.length() - 1);
        return URI.create(u.toString());
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "…";
    }

    private static void param(StringBuilder u, String name, String value) {
        u.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
    }

    /**
     * A page a launch opens, the LMS URL its form may post to (a deep-linking return) if any, and the origins of the
     * LMS pages that may show it in a frame.
     */
    record LaunchPage(String html, String formTarget, java.util.Set<String> framedBy) {
        LaunchPage(String html, java.util.Set<String> framedBy) {
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
        java.util.Set<String> framedBy = Origins.of(l.platformPages());
        if (l.deepLinking().isPresent()) {
            Launch.DeepLinking d = l.deepLinking().get();
            String request = states.remember(new LoginStates.DeepLinkRequest(l.platform().id(), l.deploymentId(), d.returnUrl(),
                    d.data()));
            String token = sessions().issue(l.userKey(), l.displayName(), 0, true, Optional.of(request));
            return new LaunchPage(Pages.deepLinkChooser(base(), token, assignmentChoices()), d.returnUrl(), framedBy);
        }
        LinkStore.Link link = onceMore(() -> links.upsert(l)); // two first launches of a link race to insert it
        l.name().or(l::email).ifPresent(n -> onceMore(() -> {
            names.remember(l.userKey(), n);
            return null;
        }));
        Optional<Assignment> assignment = link.assignmentBound().flatMap(this::assignment);
        String token = sessions().issue(l.userKey(), l.displayName(), link.id(), l.teaches());
        if (assignment.isEmpty()) {
            if (link.assignmentBound().isPresent()) {
                LOG.warning(() -> "LTI link " + link.id() + " names assignment '" + link.assignment() + "', which is not on this server");
            }
            if (l.teaches()) {
                return new LaunchPage(Pages.chooser(base(), token, link.title(), assignmentChoices()), framedBy);
            }
            return new LaunchPage(Pages.notSetUp(base(), link.title()), framedBy);
        }
        register(link.id(), assignment.get());
        return new LaunchPage(page(token, l.displayName(), l.teaches(), l.userKey(), link.id(), assignment.get()), framedBy);
    }

    /** Runs a step in its own transaction, and once more if it fails (a concurrent insert of the same row). */
    private static <T> T onceMore(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException first) {
            return step.get();
        }
    }

    /** Links whose gradebook target the core already knows with these questions: no write per launch. */
    private final java.util.concurrent.ConcurrentHashMap<Long, String> registered = new java.util.concurrent.ConcurrentHashMap<>();

    private void register(long linkId, Assignment a) {
        List<String> ids = a.questions();
        String key = String.join(",", ids);
        if (!key.equals(registered.get(linkId))) {
            onceMore(() -> {
                gradebook.register(target(linkId), ids);
                return null;
            });
            registered.put(linkId, key);
        }
    }

    static String target(long linkId) {
        return "lti:" + linkId;
    }

    /** An assignment by name: "pack/assignment", or an assignment key (or pack id) that is unique on this server. */
    private record AssignmentList(List<Assignment> all, long readAt) {
    }

    private volatile AssignmentList assignments = new AssignmentList(List.of(), 0);

    /** The server's assignments, read at most every 2 s: launches do not query for them each time. */
    private List<Assignment> assignments() {
        AssignmentList a = assignments;
        if (System.nanoTime() - a.readAt() > 2_000_000_000L || a.all().isEmpty()) {
            a = new AssignmentList(catalog.list(Optional.empty()), System.nanoTime());
            assignments = a;
        }
        return a.all();
    }

    Optional<Assignment> assignment(String name) {
        return Assignments.byName(assignments(), name);
    }

    private List<String[]> assignmentChoices() {
        return assignments().stream().map(a -> new String[]{a.name(), a.title()}).toList();
    }

    String page(String token, String name, boolean teaches, String userKey, long linkId, Assignment a) {
        List<Pages.QuestionView> views = new ArrayList<>();
        java.util.Map<String, List<Attempt>> byQuestion = new java.util.HashMap<>();
        for (Attempt attempt : answers.attempts(a.questions(), userKey)) {
            byQuestion.computeIfAbsent(attempt.submission().questionId(), k -> new ArrayList<>()).add(attempt);
        }
        for (Question q : catalog.questions(a)) {
            List<String> attempts = new ArrayList<>();
            List<Attempt> mine = byQuestion.getOrDefault(q.id(), List.of());
            for (int i = mine.size() - 1; i >= 0 && attempts.size() < 10; i--) {
                attempts.add(attemptHtml(mine.get(i).submission(), mine.get(i).inForce()));
            }
            views.add(new Pages.QuestionView(q.id(), q.title(), q.prompt(), q.points(), q.handouts(), q.answerFiles(), attempts));
        }
        return Pages.student(base(), token, a.title(), name, teaches, teaches ? reviewQueue(linkId) : List.of(),
                teaches ? regradedSinceReview(linkId) : List.of(), teaches ? standing(linkId) : List.of(), views);
    }

    /** The answers through this link waiting for an instructor, with whose they are and the form to grade them. */
    private List<String> reviewQueue(long linkId) {
        List<SubmissionHistory> waiting = reviews.waiting(Optional.empty(), Optional.of(target(linkId)), LIST_LIMIT);
        java.util.function.Function<Submission, String> who = whose(waiting);
        List<String> items = new ArrayList<>();
        for (SubmissionHistory h : waiting) {
            Submission s = h.submission();
            items.add(Pages.reviewItem(s.id(), questionTitle(s), who.apply(s), h.inForce().questionPoints(),
                    attemptHtml(s, h.inForce())));
        }
        return items;
    }

    /** How many answers each of the panel's lists shows at most (the oldest first). */
    private static final int LIST_LIMIT = 50;

    /**
     * The answers through this link that an instructor reviewed and a regrade has since graded differently: the
     * instructor's grade stands, and this is where they see the plugin's new one and decide again.
     */
    private List<String> regradedSinceReview(long linkId) {
        List<SubmissionHistory> changed = reviews.changedSinceReview(Optional.empty(), Optional.of(target(linkId)), LIST_LIMIT);
        java.util.function.Function<Submission, String> who = whose(changed);
        List<String> items = new ArrayList<>();
        for (SubmissionHistory h : changed) {
            if (h.newerPluginGrade().isEmpty()) { // the query applies the same rule; were they ever to part, no half-drawn item
                continue;
            }
            Submission s = h.submission();
            StoredGrade plugin = h.newerPluginGrade().get();
            StoredGrade review = h.inForce();
            Grade pluginGrade = plugin.grade();
            double points = review.questionPoints();
            String pluginAttempt = attemptHtml(s, plugin);
            items.add(Pages.regradedItem(new Pages.Regraded(s.id(), questionTitle(s), who.apply(s), points,
                    review.grade().score(), review.reviewComment(), pluginGrade.score(), pluginGrade.notes(), pluginAttempt)));
        }
        return items;
    }

    /** Who gave each of these answers: the name their LMS last gave, else "a student". */
    private java.util.function.Function<Submission, String> whose(List<SubmissionHistory> answers) {
        java.util.Map<String, String> names = this.names.of(answers.stream().map(h -> h.submission().user()).distinct().toList());
        return s -> names.getOrDefault(s.user(), "a student");
    }

    private String questionTitle(Submission s) {
        return questions.summary(s.questionId()).map(q -> q.title()).orElse(s.questionId());
    }

    /** The class's standing in this activity: each student's latest score, and whether the gradebook has it. */
    private List<Pages.Standing> standing(long linkId) {
        List<dev.assay.server.application.api.Standing> standings = scores.standings(target(linkId), 500);
        java.util.Map<String, String> who = names.of(standings.stream().map(e -> e.user()).toList());
        return standings.stream().map(e -> new Pages.Standing(who.getOrDefault(e.user(), "a student"), e.given(),
                e.maximum(), e.complete(), e.awaitingReview(), e.delivery().name())).toList();
    }

    /** The instructor's grade for an answer waiting for review; the student's score follows to the gradebook. */
    String review(Sessions.Session s, long submissionId, double points, String comment) {
        requireTeacher(s);
        // Only an answer given through this instructor's link: other tenants' stay unseen (not found).
        SubmissionHistory h = reviews.review(submissionId, points, comment, s.name(), Optional.of(target(s.linkId())));
        return attemptHtml(h.submission(), h.inForce());
    }

    /** Regrades this activity's answers (a Jakarta Batch job over its submissions only). */
    private static void requireTeacher(Sessions.Session s) {
        if (!s.teaches()) {
            throw AssayException.forbidden("Only an instructor can do this.");
        }
    }

    /**
     * A regrade of this activity as the panel follows it: the job's state and count; once it has ended, how many of
     * the answers it graded kept the instructor's grade and how many of those the plugin now grades differently, the
     * report that says so, and the list those are on, drawn again.
     */
    record PanelRegrade(long executionId, String status, String exitStatus, long regraded, Long keptReview, Long nowDiffer,
                        String report, String regradedHtml) {
    }

    PanelRegrade regrade(Sessions.Session s) {
        requireTeacher(s);
        Assignment a = assignmentFor(s, null);
        return panelRegrade(s, regrades.start(a.id(), Optional.of(target(s.linkId())), "instructor of " + target(s.linkId())));
    }

    PanelRegrade regradeStatus(Sessions.Session s, long execution) {
        return panelRegrade(s, regrades.status(execution).filter(st -> s.teaches() && target(s.linkId()).equals(st.target()))
                .orElseThrow(() -> AssayException.notFound("No regrade " + execution + " of this activity.")));
    }

    private PanelRegrade panelRegrade(Sessions.Session s, RegradeStatus r) {
        String status = r.status().name();
        if (!r.finished()) {
            return new PanelRegrade(r.executionId(), status, r.exitStatus(), r.regraded(), null, null, null, null);
        }
        ReviewsKept kept = reviews.keptThrough(target(s.linkId()), r.executionId());
        return new PanelRegrade(r.executionId(), status, r.exitStatus(), r.regraded(), kept.kept(), kept.differ(),
                Pages.regradeReport(status, r.exitStatus(), r.regraded(), kept.kept(), kept.differ()),
                Pages.regradedList(regradedSinceReview(s.linkId())));
    }

    private static String attemptHtml(Submission s, StoredGrade g) {
        return Pages.grade(s.id(), s.answer(), s.fileNames(), g.gradedAt(), g.grade(), g.questionPoints());
    }

    /** The session's link, bound to an assignment that holds this question; else a clear refusal. */
    Assignment assignmentFor(Sessions.Session s, String questionId) {
        LinkStore.Link link = links.byId(s.linkId()).orElseThrow(() -> AssayException.notFound("This activity is gone."));
        Assignment a = link.assignmentBound().flatMap(this::assignment).orElseThrow(() ->
                new AssayException(AssayException.Kind.CONFLICT, "This activity has no assignment yet."));
        if (questionId != null && !a.questions().contains(questionId)) {
            throw AssayException.notFound("Question " + questionId + " is not part of this activity's assignment.");
        }
        return a;
    }

    Validation validate(Sessions.Session s, String questionId, Answer answer) {
        assignmentFor(s, questionId);
        return answers.validate(questionId, answer);
    }

    /** Grades and stores; the score goes to the outbox in the same transaction. Returns the attempt's HTML. */
    String submit(Sessions.Session s, String questionId, Answer answer) {
        assignmentFor(s, questionId);
        Submitted submitted = answers.submit(questionId, s.userKey(), answer, Optional.of(target(s.linkId())));
        return attemptHtml(submitted.submission(), submitted.grade());
    }

    Attachment handout(Sessions.Session s, String questionId, String name) {
        assignmentFor(s, questionId);
        return questions.handout(questionId, name);
    }

    /** The answer to a deep-linking request: where to post it, and the signed JWT naming the chosen assignment. */
    record DeepLinkResponse(String returnUrl, String jwt) {
    }

    DeepLinkResponse deepLink(Sessions.Session s, String assignmentName, URI requestBase) {
        String requestId = s.deepLinkRequest().orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "This session is not adding an activity: start from your LMS's 'add activity'."));
        LoginStates.DeepLinkRequest d = states.deepLinkRequest(requestId).orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "This request to add an activity has expired: start again from your LMS's 'add activity'."));
        Assignment a = assignment(assignmentName).orElseThrow(() ->
                AssayException.notFound("No assignment '" + assignmentName + "' on this server."));
        Platform p = platforms.byId(d.platformId()).orElseThrow(() -> AssayException.notFound("The platform is gone."));
        String root = toolRoot(p, requestBase).orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "Assay does not know the address your LMS reaches it by: the Assay administrator needs to set "
                        + "ASSAY_LTI_PUBLIC_URL or register the platform with its toolUrl."));
        String name = a.name();
        double points = catalog.points(a);
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("type", "ltiResourceLink");
        item.put("title", a.title());
        item.put("url", root + "/lti/launch");
        item.put("custom", java.util.Map.of("assignment", name));
        item.put("lineItem", java.util.Map.of("scoreMaximum", points, "label", a.title(), "resourceId", name));
        java.time.Instant now = java.time.Instant.now();
        com.nimbusds.jwt.JWTClaimsSet.Builder c = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(p.clientId())
                .audience(p.issuer()).issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("nonce", LoginStates.random())
                .claim(LaunchValidator.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchValidator.LTI + "version", "1.3.0")
                .claim(LaunchValidator.LTI + "deployment_id", d.deploymentId())
                .claim(LaunchValidator.DL + "content_items", List.of(item));
        d.data().ifPresent(data -> c.claim(LaunchValidator.DL + "data", data));
        com.nimbusds.jose.jwk.RSAKey key = toolKeys.signingKey();
        try {
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID()).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                    c.build());
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
            LOG.info(() -> "LTI deep linking: " + name + " returned to " + p.issuer() + " by " + s.userKey());
            return new DeepLinkResponse(d.returnUrl(), jwt.serialize());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("cannot sign the deep-linking response: " + e.getMessage(), e);
        }
    }

    String bind(Sessions.Session s, String assignmentName) {
        requireTeacher(s);
        Assignment a = assignment(assignmentName).orElseThrow(() ->
                AssayException.notFound("No assignment '" + assignmentName + "' on this server."));
        String name = a.name();
        links.bind(s.linkId(), name);
        register(s.linkId(), a);
        LOG.info(() -> "LTI link " + s.linkId() + " bound to " + name + " by " + s.userKey());
        return page(sessions().issue(s.userKey(), s.name(), s.linkId(), s.teaches()), s.name(), true, s.userKey(), s.linkId(), a);
    }
}
