package dev.assay.lti;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Everything outside /lti/ refuses to be framed (X-Frame-Options: DENY): the start page, the REST API, health and
 * metrics are never shown inside an LMS. The instructor workspace (/workspace/) is, and core/server's WorkspaceFraming
 * names who may frame it. Payara's own SAMEORIGIN default is off (the boot command file), because it
 * also blanked the LTI pages inside Moodle's iframe; those say who may frame them (CSP frame-ancestors, per launch).
 */
@WebFilter(urlPatterns = "/*", filterName = "FrameRefusal")
public class FrameRefusal extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!framedInLms(req.getRequestURI().substring(req.getContextPath().length()))) {
            res.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(req, res);
    }

    /** The pages LTI launches open live under /lti/ and /workspace/ (their headers say who may frame them). */
    static boolean framedInLms(String path) {
        return path.startsWith("/lti/") || path.startsWith("/workspace/");
    }
}
