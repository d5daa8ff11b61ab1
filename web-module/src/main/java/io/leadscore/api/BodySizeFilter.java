package io.leadscore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a declared body over 1 MB before anything reads it (a chunked body is counted as it is read);
 * CSV imports take up to 100 MB (ImportsResource counts those).
 */
@Provider
@PreMatching
public class BodySizeFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean importFile = (path.startsWith("/") ? path.substring(1) : path).startsWith("imports");
        if (request.getLength() > JsonBodies.MAX_BYTES && !importFile) {
            request.abortWith(JsonBodies.tooLarge().getResponse());
        }
    }
}
