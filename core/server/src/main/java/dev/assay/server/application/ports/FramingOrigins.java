package dev.assay.server.application.ports;

import java.util.Set;

/**
 * Who may show the instructor workspace in a frame: the web origins (scheme://host[:port]) of the LMS pages an adapter
 * knows (an LTI adapter: its registered platforms'). The workspace names them in its {@code frame-ancestors}.
 */
public interface FramingOrigins {
    /** The origins, each {@code scheme://host[:port]}; empty when the adapter knows none. */
    Set<String> origins();
}
