package dev.assay.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Assignment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** An instructor adds an Assay activity from the LMS: the chosen assignment goes back as a signed content item. */
@ApplicationScoped
public class DeepLinking {
    private static final Logger LOG = Logger.getLogger(DeepLinking.class.getName());

    @Inject
    PlatformStore platforms;
    @Inject
    LoginStates states;
    @Inject
    ToolKeys toolKeys;
    @Inject
    ToolRoot toolRoot;
    @Inject
    ActivityAssignments assignments;

    /** The answer to a deep-linking request: where to post it, and the signed JWT naming the chosen assignment. */
    record DeepLinkResponse(String returnUrl, String jwt) {
    }

    DeepLinkResponse deepLink(Sessions.Session s, String assignmentName, URI requestBase) {
        String requestId = s.deepLinkRequest().orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "This session is not adding an activity: start from your LMS's 'add activity'."));
        LoginStates.DeepLinkRequest d = states.deepLinkRequest(requestId).orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "This request to add an activity has expired: start again from your LMS's 'add activity'."));
        Assignment a = assignments.named(assignmentName);
        Platform p = platforms.byId(d.platformId()).orElseThrow(() -> AssayException.notFound("The platform is gone."));
        String root = toolRoot.of(p, requestBase).orElseThrow(() -> new AssayException(AssayException.Kind.CONFLICT,
                "Assay does not know the address your LMS reaches it by: the Assay administrator needs to set "
                        + "ASSAY_LTI_PUBLIC_URL or register the platform with its toolUrl."));
        String name = a.name();
        double points = assignments.points(a);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "ltiResourceLink");
        item.put("title", a.title());
        item.put("url", root + "/lti/launch");
        item.put("custom", Map.of("assignment", name));
        item.put("lineItem", Map.of("scoreMaximum", points, "label", a.title(), "resourceId", name));
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(p.clientId())
                .audience(p.issuer()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", LoginStates.random())
                .claim(LaunchValidator.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchValidator.LTI + "version", "1.3.0")
                .claim(LaunchValidator.LTI + "deployment_id", d.deploymentId())
                .claim(LaunchValidator.DL + "content_items", List.of(item));
        d.data().ifPresent(data -> c.claim(LaunchValidator.DL + "data", data));
        String jwt = toolKeys.sign(c.build(), "the deep-linking response");
        LOG.info(() -> "LTI deep linking: " + name + " returned to " + p.issuer() + " by " + s.userKey());
        return new DeepLinkResponse(d.returnUrl(), jwt);
    }
}
