package dev.assay.server.interfaces.web;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** REST bodies use the same Jackson configuration as the CLI and the stored documents, and carry finite numbers only. */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JsonProvider extends JacksonJsonProvider {
    public JsonProvider() {
        super(FiniteNumbers.REST_MAPPER);
    }
}
