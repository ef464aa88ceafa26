package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** OIDC third-party login initiation: the platform asks Assay to log a user in; Assay sends the browser back to it. */
@ApplicationScoped
public class LoginFlow {
    @Inject
    PlatformStore platforms;
    @Inject
    LoginStates states;
    @Inject
    ToolRoot toolRoot;

    /** The redirect to the platform's auth endpoint, with a fresh state and nonce; a refusal when the login is wrong. */
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
        String root = toolRoot.forLogin(platform, requestBase);
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
}
