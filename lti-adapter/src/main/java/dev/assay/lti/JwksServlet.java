package dev.assay.lti;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The tool's public keys, with their kid, for platforms to verify what Assay signs. */
@WebServlet(urlPatterns = {"/.well-known/jwks.json", "/lti/jwks"})
public class JwksServlet extends HttpServlet {
    @Inject
    ToolKeys keys;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = keys.jwks().toString(true).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "max-age=300");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
