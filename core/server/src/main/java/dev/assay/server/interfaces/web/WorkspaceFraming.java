package dev.assay.server.interfaces.web;

import dev.assay.server.application.ports.FramingOrigins;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The instructor workspace opens inside the LMS's frame (an instructor's launch leads there), so its pages say who may
 * frame them: {@code Content-Security-Policy: frame-ancestors 'self'} and the origins of the LMS pages the adapters
 * know ({@link FramingOrigins}) and those in {@code assay.workspace.frame-ancestors} (space- or comma-separated, for an
 * LMS that shows Assay without an LTI launch). Browsers obey frame-ancestors over X-Frame-Options; none is sent here.
 */
@WebFilter(urlPatterns = "/workspace/*", filterName = "WorkspaceFraming")
public class WorkspaceFraming extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(WorkspaceFraming.class.getName());
    static final String CONFIGURED = "assay.workspace.frame-ancestors";

    @Inject
    Instance<FramingOrigins> adapters;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        Set<String> origins = new LinkedHashSet<>();
        for (FramingOrigins a : adapters) {
            origins.addAll(a.origins());
        }
        origins.addAll(configured());
        res.setHeader("Content-Security-Policy", policy(origins));
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(req, res);
    }

    /** The header's value: the workspace itself and these origins may frame it. */
    static String policy(Collection<String> origins) {
        StringBuilder b = new StringBuilder("frame-ancestors 'self'");
        for (String o : origins) {
            WebOrigin.of(o).ifPresent(x -> b.append(' ').append(x));
        }
        return b.toString();
    }

    private static Set<String> configured() {
        Config config = ConfigProvider.getConfig();
        String value = config.getOptionalValue(CONFIGURED, String.class).orElse("");
        Set<String> out = new LinkedHashSet<>();
        for (String s : value.split("[\\s,]+")) {
            if (s.isBlank()) {
                continue;
            }
            Optional<String> o = WebOrigin.of(s);
            if (o.isPresent()) {
                out.add(o.get());
            } else {
                LOG.warning(() -> CONFIGURED + ": '" + s + "' is not an http(s) origin (https://lms.example.edu); left out");
            }
        }
        return out;
    }
}
