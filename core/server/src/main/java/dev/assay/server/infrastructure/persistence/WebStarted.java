package dev.assay.server.infrastructure.persistence;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Tells {@link StartupState} when the web module starts. Payara starts the application's start-up singletons first
 * (the schema, the packs, the outbox worker, the LTI adapter's tables and keys) and only then the web module, whose
 * requests it serves a moment later: a score sent before that made the LMS fetch Assay's JWKS while it still answered
 * 404, and the LMS's token endpoint refused the score for good.
 */
@WebListener
public class WebStarted implements ServletContextListener {
    @Inject
    StartupState state;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        state.webStarted();
    }
}
