package dev.assay.server.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether {@link Bootstrap} has finished (schema, packs, gradebook resends, regrades to resume). Payara Micro answers
 * HTTP before the start-up singleton has run, so /health/ready waits on this rather than saying "ready" with the packs
 * not yet imported, and keeps its own queries out of the start-up's way (a readiness probe's first use of JPA, at the
 * same moment as the start-up's, once left a pack unimported until the next restart).
 */
@ApplicationScoped
public class StartupState {
    private volatile boolean done;
    private volatile long webStartedNanos;

    void finished() {
        done = true;
    }

    public boolean done() {
        return done;
    }

    /** The web module is starting: every start-up singleton has run, and its servlets are being initialised. */
    void webStarted() {
        webStartedNanos = System.nanoTime();
    }

    /**
     * Whether the web module has been starting for at least {@code grace}: Payara runs the start-up singletons before
     * it serves any request of the application, so until then Assay's own JWKS answers 404 to an LMS that fetches it.
     */
    public boolean servingFor(java.time.Duration grace) {
        long started = webStartedNanos;
        return started != 0 && System.nanoTime() - started >= grace.toNanos();
    }
}
