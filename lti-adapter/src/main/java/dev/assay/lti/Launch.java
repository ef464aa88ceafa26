package dev.assay.lti;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated LTI 1.3 resource-link launch: who, from where, into which link, with which services ({@code lineitem},
 * {@code lineitems} and {@code agsScopes}: AGS; {@code membershipsUrl}: NRPS's context_memberships_url, the class list).
 */
public record Launch(Platform platform, String deploymentId, String sub, List<String> roles, Optional<String> name,
                     Optional<String> email, String resourceLinkId, Optional<String> resourceTitle, Optional<String> contextId,
                     Optional<String> contextTitle, Map<String, String> custom, String targetLinkUri, Optional<String> lineitem,
                     Optional<String> lineitems, List<String> agsScopes, Optional<DeepLinking> deepLinking,
                     Optional<String> presentationReturnUrl, Optional<String> membershipsUrl) {

    /** A deep-linking request's settings: where the chosen content goes back, and the platform's data to echo. */
    public record DeepLinking(String returnUrl, Optional<String> data) {
    }

    static final Set<String> TEACHING = Set.of("instructor", "administrator", "contentdeveloper", "teachingassistant");

    /** The role's last name: full URIs (…/membership#Instructor) and short names (Instructor) alike. */
    static String shortRole(String role) {
        String r = role.trim();
        int cut = Math.max(r.lastIndexOf('#'), r.lastIndexOf('/'));
        return r.substring(cut + 1).toLowerCase(Locale.ROOT);
    }

    /** Instructors, teaching assistants, content developers and administrators may set a link up. */
    public boolean teaches() {
        return roles.stream().map(Launch::shortRole).anyMatch(TEACHING::contains);
    }

    /** The user as the core knows them: one per platform, deployment and sub, so tenants never meet. */
    public String userKey() {
        return userKey(platform.id(), deploymentId, sub);
    }

    static String userKey(long platformId, String deploymentId, String sub) {
        return "lti/" + platformId + "/" + java.net.URLEncoder.encode(deploymentId, StandardCharsets.UTF_8) + "/" + sub;
    }

    /** The sub back from a user key. */
    static String subOf(String userKey) {
        String[] parts = userKey.split("/", 4);
        return parts.length == 4 ? parts[3] : userKey;
    }

    /** The assignment this launch asks for: the custom parameter {@code assignment}, else target_link_uri's query. */
    public Optional<String> assignmentAsked() {
        String custom = this.custom.get("assignment");
        if (custom != null && !custom.isBlank() && !custom.startsWith("$")) {
            return Optional.of(custom.trim());
        }
        try {
            String q = URI.create(targetLinkUri).getRawQuery();
            if (q != null) {
                for (String pair : q.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).equals("assignment")) {
                        String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                        if (!v.isEmpty()) {
                            return Optional.of(v);
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Where the platform shows Assay, as far as this launch says: its registered origins (issuer, login and token
     * endpoints), the page a student returns to (launch_presentation.return_url: on Canvas the school's own domain,
     * which the registration does not name) and the deep-linking return. All of it is signed by the platform.
     */
    public List<String> platformPages() {
        List<String> urls = new java.util.ArrayList<>(platform.pages());
        presentationReturnUrl.ifPresent(urls::add);
        deepLinking.ifPresent(d -> urls.add(d.returnUrl()));
        return urls;
    }

    public String displayName() {
        return name.or(() -> email).orElse("Student");
    }
}
