package dev.assay.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** The page sessions, signed with the tool's session secret (which exists only once the keys have started). */
@ApplicationScoped
public class SessionTokens {
    @Inject
    ToolKeys toolKeys;
    @Inject
    LtiSettings settings;

    private volatile Sessions sessions;

    Sessions sessions() {
        Sessions s = sessions;
        if (s == null) {
            s = new Sessions(toolKeys.sessionSecret(), settings.sessionTtl(), Clock.systemUTC());
            sessions = s;
        }
        return s;
    }
}
