package dev.assay.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.lti.PlatformServices.Refuse;
import dev.assay.lti.PlatformServices.TryLater;
import dev.assay.server.application.ports.ScoreDelivery;
import dev.assay.server.interfaces.web.FiniteNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Scores back to the LMS gradebook through LTI Assignment and Grade Services: the tool's access token
 * ({@link PlatformServices}), then the score POSTed to the line item's /scores. A link launched without a line item
 * but with the lineitems scope gets one, found again by its resource link id before one is created. Each HTTP call has one deadline for its whole
 * answer; each platform is a lane of its own, so a hanging LMS holds up only its own scores.
 */
@ApplicationScoped
public class AgsDelivery implements ScoreDelivery {
    private static final Logger LOG = Logger.getLogger(AgsDelivery.class.getName());
    static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final String LINEITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    static final String CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    /** Assay's one JSON configuration, as the web support reads and writes bodies. */
    private static final ObjectMapper JSON = FiniteNumbers.REST_MAPPER;

    @Inject
    LinkStore links;
    @Inject
    PlatformStore platforms;
    @Inject
    PlatformServices services;
    @Inject
    DemoTenancy demo;

    /** Each link's platform, for lanes: it never changes for a link. */
    private final ConcurrentHashMap<Long, Long> platformOfLink = new ConcurrentHashMap<>();

    /** The gradebook holds a score with a timestamp as late or later (AGS: 409 on a score POST). */
    private static final class NotLaterThanHeld extends Exception {
        NotLaterThanHeld(String message) {
            super(message);
        }
    }

    @Override
    public boolean handles(String target) {
        return target.startsWith("lti:") && !demo.isDemoTarget(target); // the demo's scores stay in Assay (DemoScores)
    }

    /** One lane per platform: scores to one LMS go in order, and never wait on another LMS. */
    @Override
    public String lane(String target) {
        try {
            long linkId = Long.parseLong(target.substring(4));
            Long platform = platformOfLink.get(linkId);
            if (platform == null) {
                Optional<LinkStore.Link> link = links.byId(linkId);
                if (link.isEmpty()) {
                    return target; // delivery will refuse it; it needs no lane of its own
                }
                platform = link.get().platformId();
                platformOfLink.put(linkId, platform);
            }
            return "lti-platform:" + platform;
        } catch (RuntimeException e) {
            return target;
        }
    }

    /** AGS's word for how far the student got: every question answered, or not yet. */
    static String activityProgress(Score score) {
        return score.complete() ? "Completed" : "InProgress";
    }

    /** AGS's word for the grading: provisional while a grade waits for a person (an LMS then shows no grade). */
    static String gradingProgress(Score score) {
        return score.awaitingReview() ? "PendingManual" : "FullyGraded";
    }

    @Override
    public Outcome deliver(Score score) {
        try {
            long linkId = Long.parseLong(score.target().substring(4));
            LinkStore.Link link = links.byId(linkId).orElseThrow(() -> new Refuse("the LTI link " + linkId + " is gone"));
            // Not known here even after reading the registrations again: a retry, not a failure, while nodes' caches may lag.
            Platform platform = platforms.byId(link.platformId()).orElseThrow(() -> new TryLater("its platform (" + link.platformId()
                    + ") is not registered, or not yet known to this node"));
            String lineitem = lineitem(link, platform, score.scoreMaximum());
            ObjectNode body = JSON.createObjectNode();
            body.put("userId", Launch.subOf(score.userKey()));
            body.put("scoreGiven", score.scoreGiven());
            body.put("scoreMaximum", score.scoreMaximum());
            body.put("activityProgress", activityProgress(score));
            body.put("gradingProgress", gradingProgress(score));
            // As the outbox gives it: later, in whole seconds, than every score sent before for this link and user.
            body.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(score.timestamp()));
            if (score.comment() != null && !score.comment().isBlank()) {
                body.put("comment", score.comment());
            }
            send(platform, SCOPE_SCORE, "POST", scoresUrl(lineitem), SCORE_TYPE, null, JSON.writeValueAsString(body));
            return new Delivered();
        } catch (NotLaterThanHeld e) {
            return new NotLater(e.getMessage());
        } catch (TryLater e) {
            return new Retry(e.getMessage());
        } catch (Refuse e) {
            return new Refused(e.getMessage());
        } catch (IOException e) {
            return new Retry("the LMS could not be reached: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry("interrupted");
        }
    }

    /** The line item's scores URL: /scores after the path, the query string kept (Moodle's ?type_id=…). */
    static String scoresUrl(String lineitem) {
        URI u = URI.create(lineitem);
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String scores = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores";
        return u.getScheme() + "://" + u.getRawAuthority() + scores + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private String lineitem(LinkStore.Link link, Platform platform, double maximum) throws TryLater, Refuse, IOException,
            InterruptedException, NotLaterThanHeld {
        if (link.lineitemUrl() != null) {
            return link.lineitemUrl();
        }
        if (link.lineitemsUrl() == null || !link.agsScopes().contains(SCOPE_LINEITEM)) {
            throw new Refuse("the LMS gave this link no line item and no right to create one (AGS lineitem scope): "
                    + "enable grade synchronisation for the activity");
        }
        String container = link.lineitemsUrl();
        String query = container + (container.contains("?") ? "&" : "?") + "resource_link_id="
                + URLEncoder.encode(link.resourceLinkId(), StandardCharsets.UTF_8);
        JsonNode found = JSON.readTree(send(platform, SCOPE_LINEITEM, "GET", query, null, CONTAINER_TYPE, null));
        for (JsonNode item : found) {
            if (link.resourceLinkId().equals(item.path("resourceLinkId").asText())) {
                return links.lineitemFound(link.id(), item.path("id").asText()).lineitemUrl();
            }
        }
        ObjectNode create = JSON.createObjectNode();
        create.put("scoreMaximum", maximum);
        create.put("label", link.title() == null ? "Assay" : link.title());
        create.put("resourceLinkId", link.resourceLinkId());
        create.put("tag", "assay");
        JsonNode made = JSON.readTree(send(platform, SCOPE_LINEITEM, "POST", container, LINEITEM_TYPE, LINEITEM_TYPE,
                JSON.writeValueAsString(create)));
        String id = made.path("id").asText();
        if (id.isBlank()) {
            throw new TryLater("the LMS created a line item but gave no id");
        }
        LOG.info(() -> "AGS: line item " + id + " created for link " + link.id());
        return links.lineitemFound(link.id(), id).lineitemUrl();
    }

    private String send(Platform p, String scope, String method, String url, String contentType, String accept, String body)
            throws TryLater, Refuse, NotLaterThanHeld, IOException, InterruptedException {
        HttpResponse<String> res = services.call(p, scope, method, url, contentType, accept, body);
        int s = res.statusCode();
        if (s / 100 == 2) {
            return res.body();
        }
        String what = method + " " + url + " answered " + s + ": " + PlatformServices.clip(res.body());
        if (s >= 500 || s == 429 || s == 408) {
            throw new TryLater(what);
        }
        if (s == 409 && SCORE_TYPE.equals(contentType)) {
            // Moodle: "Refusing score with an earlier timestamp"; its stored time is in whole seconds.
            throw new NotLaterThanHeld(what);
        }
        throw new Refuse(what);
    }
}
