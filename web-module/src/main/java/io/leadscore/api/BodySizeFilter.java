package io.leadscore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a declared body over 1 MB before anything reads it (a chunked body is counted as it is read);
 * CSV imports take up to 100 MB (ImportsResource counts those), bulk calls up to 16 MB.
 */
@Provider
@PreMatching
public class BodySizeFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("imports")) {
            return;
        }
        int max = p.equals("leads/bulk") ? JsonBodies.MAX_BULK_BYTES : JsonBodies.MAX_BYTES;
        if (request.getLength() > max) {
            request.abortWith(JsonBodies.tooLarge(max).getResponse());
        }
    }
}
