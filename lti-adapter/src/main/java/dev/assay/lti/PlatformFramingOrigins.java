package dev.assay.lti;

import dev.assay.server.application.ports.FramingOrigins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** The workspace may be framed by the pages of every registered platform, where an instructor's launch shows it. */
@ApplicationScoped
public class PlatformFramingOrigins implements FramingOrigins {
    @Inject
    PlatformStore platforms;

    @Override
    public Set<String> origins() {
        return Origins.of(platforms.all().stream().flatMap(p -> p.pages().stream()).toList());
    }
}
