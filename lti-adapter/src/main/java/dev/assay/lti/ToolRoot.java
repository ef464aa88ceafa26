package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/** Where a platform reaches Assay: the root that logins send launches to and deep-linking responses name. */
@ApplicationScoped
public class ToolRoot {
    private static final Logger LOG = Logger.getLogger(ToolRoot.class.getName());

    @Inject
    LtiSettings settings;

    /**
     * Assay's root URL as the platform reaches it (no trailing slash): assay.lti.public-url; else the toolUrl registered
     * for the platform; else the request's, but only on a loopback address (trying Assay out on one machine). Never
     * the Host header of a request from elsewhere: anyone can set it, and the platform would post the id_token there.
     *
     * @param requestBase the application's root as this request reached it, context path included
     */
    Optional<String> of(Platform p, URI requestBase) {
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
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]");
    }

    /** The root for a login from {@code p}; else a refusal that tells the administrator what to set. */
    String forLogin(Platform p, URI requestBase) throws LaunchRejected {
        return of(p, requestBase).orElseThrow(() -> {
            LOG.severe(() -> "LTI: a login from " + p.issuer() + " cannot be answered: Assay does not know its public URL. Set "
                    + "ASSAY_LTI_PUBLIC_URL, or register the platform with its toolUrl.");
            return new LaunchRejected("LOGIN_NO_TOOL_URL", "Assay does not know the address this LMS reaches it by, so it "
                    + "cannot say where the launch goes. The Assay administrator needs to set ASSAY_LTI_PUBLIC_URL (e.g. "
                    + "https://assay.example.edu) or register the platform with its toolUrl.").from(p);
        });
    }
}
