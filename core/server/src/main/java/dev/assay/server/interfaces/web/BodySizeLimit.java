package dev.assay.server.interfaces.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps every request body, declared length or not: a body past the limit is refused with 413
 * while it is being read, before it fills memory.
 */
public class BodySizeLimit implements ReaderInterceptor {
    @Inject
    @ConfigProperty(name = "assay.request.max-bytes", defaultValue = "33554432")
    long maxBytes;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
            throw tooLarge();
        }
        context.setInputStream(new Capped(context.getInputStream(), maxBytes));
        return context.proceed();
    }

    private WebApplicationException tooLarge() {
        return ErrorBody.of(413, "The request body is larger than " + (maxBytes / (1024 * 1024))
                + " MiB. Send smaller files.").asException();
    }

    private final class Capped extends FilterInputStream {
        private long left;

        Capped(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }
    }
}
