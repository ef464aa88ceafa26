package dev.assay.lti;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.lti.PlatformServices.Refuse;
import dev.assay.lti.PlatformServices.TokenRefused;
import dev.assay.lti.PlatformServices.TryLater;
import dev.assay.server.application.ports.CourseRosters;
import dev.assay.server.interfaces.web.FiniteNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link's class list through LTI Names and Role Provisioning Services 2.0: the tool's token for the
 * contextmembership.readonly scope ({@link PlatformServices}), then the launch's context_memberships_url, page after
 * page ({@code Link: <…>; rel="next"}), at most {@value #MAX_PAGES} pages and {@value #MAX_MEMBERS} members, each call
 * bounded in time and no page asked for once assay.lti.http-timeout-seconds have passed since the first. Kept per link for assay.lti.roster-cache-seconds (300). Only active learners are students. An LMS
 * that does not share the list, refuses the scope or does not answer gives a reason an instructor can act on.
 */
@ApplicationScoped
public class NrpsRosters implements CourseRosters {
    private static final Logger LOG = Logger.getLogger(NrpsRosters.class.getName());
    static final String SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    static final String MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    /** A class list is read up to here; past it the standing says it counted only the first part. */
    static final int MAX_PAGES = 20;
    static final int MAX_MEMBERS = 5000;
    static final String NOT_SHARED = "Your LMS did not share the class list with Assay. In Moodle: Site administration → "
            + "Plugins → External tool → Manage tools → Assay → Services → IMS LTI Names and Role Provisioning: 'Use this "
            + "service to retrieve members' information as per privacy settings'. (Canvas shares it when the developer key "
            + "has the scope " + SCOPE + ".)";
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*?rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    @Inject
    LinkStore links;
    @Inject
    PlatformStore platforms;
    @Inject
    PlatformServices services;
    @Inject
    LtiSettings settings;

    private record Kept(Roster roster, String url, Instant until) {
    }

    /** Class lists by link, as last read (only lists read whole or to the bound: a refusal is asked again next time). */
    private final ConcurrentHashMap<Long, Kept> cache = new ConcurrentHashMap<>();

    @Override
    public boolean handles(String target) {
        return target.startsWith("lti:");
    }

    @Override
    public Lookup roster(String target) {
        long linkId;
        try {
            linkId = Long.parseLong(target.substring(4));
        } catch (RuntimeException e) {
            return new Unavailable("'" + target + "' names no LTI link.");
        }
        Optional<LinkStore.Link> found = links.byId(linkId);
        if (found.isEmpty()) {
            return new Unavailable("No LTI link " + linkId + " on this server.");
        }
        LinkStore.Link link = found.get();
        if (link.membershipsUrl() == null) {
            return new Unavailable(NOT_SHARED);
        }
        Kept kept = cache.get(linkId);
        if (kept != null && kept.url().equals(link.membershipsUrl()) && kept.until().isAfter(Instant.now())) {
            return kept.roster();
        }
        Optional<Platform> platform = platforms.byId(link.platformId());
        if (platform.isEmpty()) {
            return new Unavailable("The LMS of this activity is no longer registered on this Assay server.");
        }
        Lookup read = read(platform.get(), link);
        if (read instanceof Roster r) {
            cache.put(linkId, new Kept(r, link.membershipsUrl(), Instant.now().plus(settings.rosterCache())));
        } else {
            LOG.info(() -> "NRPS: no class list for link " + linkId + ": " + ((Unavailable) read).reason());
        }
        return read;
    }

    private Lookup read(Platform p, LinkStore.Link link) {
        String url = link.membershipsUrl();
        List<Member> students = new ArrayList<>();
        int members = 0;
        // The whole list within one http timeout (a page started in time may take one more): an instructor's page waits.
        Instant deadline = Instant.now().plus(settings.httpTimeout());
        try {
            for (int page = 1; ; page++) {
                if (page > 1 && Instant.now().isAfter(deadline)) {
                    return new Unavailable(notAnswering("it did not give the whole list within "
                            + settings.httpTimeout().toSeconds() + " s; Assay had read " + (page - 1) + " pages"));
                }
                HttpResponse<String> res = services.call(p, SCOPE, "GET", url, null, MEMBERSHIP_TYPE, null);
                int s = res.statusCode();
                if (s == 401 || s == 403) {
                    return new Unavailable(NOT_SHARED + " (It answered " + s + " when Assay asked for the list.)");
                }
                if (s == 404) {
                    return new Unavailable("Your LMS no longer has the class list where it said (404). Open the activity again "
                            + "from the course, so that Assay learns where it is now.");
                }
                if (s / 100 != 2) {
                    return new Unavailable(notAnswering(s + ": " + PlatformServices.clip(res.body())));
                }
                JsonNode body = FiniteNumbers.REST_MAPPER.readTree(res.body());
                for (JsonNode m : body.path("members")) {
                    members++;
                    String userId = m.path("user_id").asText("");
                    if (!userId.isBlank() && isActiveLearner(m)) {
                        students.add(new Member(Launch.userKey(p.id(), link.deploymentId(), userId), userId, name(m),
                                text(m, "email")));
                    }
                }
                Optional<String> next = next(res).filter(n -> Origins.same(n, link.membershipsUrl())); // the token goes nowhere else
                if (next.isEmpty()) {
                    return new Roster(students, true, null);
                }
                if (page >= MAX_PAGES || members >= MAX_MEMBERS) {
                    return new Roster(students, false, "Assay reads at most " + MAX_PAGES + " pages or " + MAX_MEMBERS
                            + " members of a class list; this one is longer, so these counts are of its first " + members
                            + " members.");
                }
                url = next.get();
            }
        } catch (TokenRefused e) {
            return new Unavailable(NOT_SHARED + " (Its token endpoint refused Assay the class-list scope: " + e.getMessage() + ")");
        } catch (TryLater | IOException e) {
            return new Unavailable(notAnswering(e.getMessage()));
        } catch (Refuse e) {
            return new Unavailable(NOT_SHARED + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable(notAnswering("interrupted"));
        }
    }

    private static String notAnswering(String what) {
        return "Your LMS did not give the class list just now (" + what + "). Try again in a few minutes.";
    }

    /** NRPS: status defaults to Active; a learner has the Learner role (full URI or short name). */
    static boolean isActiveLearner(JsonNode member) {
        if (!member.path("status").asText("Active").equalsIgnoreCase("Active")) {
            return false;
        }
        for (JsonNode role : member.path("roles")) {
            if (Launch.shortRole(role.asText()).equals("learner")) {
                return true;
            }
        }
        return false;
    }

    private static String name(JsonNode m) {
        String name = text(m, "name");
        if (name != null) {
            return name;
        }
        String full = ((text(m, "given_name") == null ? "" : text(m, "given_name")) + " "
                + (text(m, "family_name") == null ? "" : text(m, "family_name"))).trim();
        return full.isEmpty() ? null : full;
    }

    private static String text(JsonNode m, String field) {
        String v = m.path(field).asText("");
        return v.isBlank() ? null : v;
    }

    /** The next page's URL from the answer's Link header(s), if any. */
    static Optional<String> next(HttpResponse<String> res) {
        for (String header : res.headers().allValues("Link")) {
            Matcher m = NEXT.matcher(header);
            if (m.find()) {
                try {
                    return Optional.of(URI.create(res.uri().toString()).resolve(m.group(1).trim()).toString());
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

}
